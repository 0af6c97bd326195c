"""Sessions as iCalendar (RFC 5545) files: a whole edition, one session, one person's sessions.

- Every event's UID is made from the edition's year and the session's slug (a UUID, as RFC 7986
  advises), never from a database id: the same session has the same UID in every file, on every
  server, after every reload of the fixtures.
- Times are Vienna time, with a VTIMEZONE for Europe/Vienna in the file. A session with a day
  but no time is an all-day event (DTSTART;VALUE=DATE). A session whose day no document gives
  is left out: a calendar cannot hold an event without a day.
- DESCRIPTION names the people on stage (and guests) under their role headings, with the
  position they held then; URL is the session page; LOCATION the session's room and venue,
  or the edition's venue.
"""

import datetime
import uuid

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from conferences.models import PROGRAMME_TIME_ZONE, programme_datetime
from conferences.public.programme import group_by_role

PRODID = "-//ICMPD//Vienna Migration Conference archive//EN"
# A fixed namespace: UIDs depend on year and slug only, not on the host that serves the file.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:vienna-migration-conference:session")
NO_TIME = "Time not given in the programme."


def session_uid(year, slug):
    """The session's UID in every calendar file: stable for its year and slug."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{year}/{slug}')}"


def in_calendar(session):
    """A session goes into a calendar when the documents give its day."""
    return session.date is not None


def vienna_timezone():
    """Europe/Vienna as the EU has observed it since 1996: CEST from the last Sunday of March
    (02:00) to the last Sunday of October (03:00), CET otherwise."""
    timezone = Timezone()
    timezone.add("tzid", PROGRAMME_TIME_ZONE.key)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1996, 3, 31, 2, 0))
    summer.add("rrule", vRecur({"freq": "yearly", "bymonth": 3, "byday": "-1su"}))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", vRecur({"freq": "yearly", "bymonth": 10, "byday": "-1su"}))
    timezone.add_component(summer)
    timezone.add_component(winter)
    return timezone


def location_of(session):
    """Room, venue name, address and city, from the session's venue or else its edition's;
    empty when neither is known."""
    venue = session.venue or session.edition.venue
    parts = [session.room]
    if venue:
        parts += [venue.name, venue.address, venue.city]
    return ", ".join(part for part in parts if part)


def title_of(session):
    return f"{session.title}: {session.subtitle}" if session.subtitle else session.title


def people_lines(session):
    """One line per role: 'Panellists: Name (position then); Name, online (position then)'."""
    lines = []
    for group in group_by_role(session.people):
        names = []
        for entry in group.people:
            name = f"{entry.person.name}, online" if entry.is_online else entry.person.name
            names.append(f"{name} ({entry.position})" if entry.position else name)
        lines.append(f"{group.label}: {'; '.join(names)}")
    return lines


def description_of(session, url):
    kind = session.get_format_display() + (" · Side event" if session.is_side_event else "")
    head = [f"{kind} · {session.edition.title}"]
    if session.start_time is None:
        head.append(NO_TIME)
    blocks = ["\n".join(head)]
    people = people_lines(session)
    if people:
        blocks.append("\n".join(people))
    if session.summary:
        blocks.append(session.summary)
    blocks.append(f"Session page: {url}")
    return "\n\n".join(blocks)


def event_for(session, absolute, stamp):
    """The VEVENT of a session that has a day; its `people` come from with_people_on_stage()."""
    url = absolute(session.get_absolute_url())
    event = Event()
    event.add("uid", session_uid(session.edition.year, session.slug))
    event.add("dtstamp", stamp)
    event.add("summary", title_of(session))
    if session.start_time is None:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + datetime.timedelta(days=1))
    else:
        event.add("dtstart", programme_datetime(session.date, session.start_time))
        if session.end_time:
            event.add("dtend", programme_datetime(session.date, session.end_time))
    location = location_of(session)
    if location:
        event.add("location", location)
    event.add("description", description_of(session, url))
    event.add("url", url)
    event.add("categories", [session.get_format_display()])
    event.add("transp", "OPAQUE" if session.start_time else "TRANSPARENT")
    return event


def calendar_file(sessions, absolute, name):
    """An RFC 5545 calendar (bytes) of the sessions that have a day, in the order given."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", PROGRAMME_TIME_ZONE.key)
    calendar.add_component(vienna_timezone())
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for session in sessions:
        if in_calendar(session):
            calendar.add_component(event_for(session, absolute, stamp))
    return calendar.to_ical()
