"""An edition's programme in the c3voc schedule JSON format (shared/specs/schedule-json.schema.json).

Sessions with a day but no time are exported as all-day events (00:00, 24:00 long).
Sessions whose day no source gives are exported on the first conference day at 00:00,
lasting all conference days, with a description that says so.
"""

import datetime
import uuid

from django.urls import reverse

from conferences.models import PROGRAMME_TIME_ZONE, programme_datetime

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
NO_TIME = "Time not given in the programme; listed as an all-day event."
NO_DAY = "Day not given in the programme; listed across all conference days."


def _aware(day, time=datetime.time(0, 0)):
    return programme_datetime(day, time)


def _hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _guid(url):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def _room_name(session, edition):
    if session.room:
        return session.room
    venue = session.venue or edition.venue
    return venue.name if venue else "Vienna"


def _event(session, edition, absolute):
    url = absolute(session.get_absolute_url())
    day = session.date or edition.start_date
    description = None
    if session.date is None:
        start = _aware(day)
        duration = _hhmm(datetime.timedelta(days=len(edition.days)))
        description = NO_DAY
    elif session.start_time is None:
        start = _aware(day)
        duration = "24:00"
        description = NO_TIME
    else:
        start = _aware(day, session.start_time)
        duration = _hhmm(session.duration) if session.end_time else "00:00"
    return {
        "guid": _guid(url),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": duration,
        "room": _room_name(session, edition),
        "slug": f"vmc{edition.year}-{session.slug}",
        "url": url,
        "title": session.title,
        "subtitle": session.subtitle or None,
        "track": "Side events" if session.is_side_event else "Main programme",
        "type": session.get_format_display(),
        "language": "en",
        "abstract": session.summary or None,
        "description": description,
        "persons": [
            {
                "id": p.person_id,
                "public_name": p.person.name,
                "url": absolute(p.person.get_absolute_url()),
                "role": p.role,
                "position": p.position,
            }
            for p in session.people
        ],
        "links": [{"type": "media", "url": session.video_url, "title": "Video"}] if session.video_url else [],
    }


def schedule_for(edition, sessions, absolute):
    """`sessions` come from Session.objects.for_agenda(); `absolute` turns a path into a URL."""
    sessions = list(sessions)
    days = sorted({s.date for s in sessions if s.date} | set(edition.days))
    if not days:
        # Known only by its year (no source gives the days): an empty programme; start and
        # end are the year, the ISO 8601 form of what is known.
        sessions, start, end = [], str(edition.year), str(edition.year)
    else:
        start, end = days[0].isoformat(), days[-1].isoformat()
    rooms = {}
    by_day = {day: {} for day in days}
    for session in sessions:
        event = _event(session, edition, absolute)
        rooms.setdefault(event["room"], None)
        by_day[session.date or edition.start_date].setdefault(event["room"], []).append(event)
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "vmc-archive", "version": "1"},
        "schedule": {
            "version": edition.get_status_display(),
            "base_url": absolute("/"),
            "conference": {
                "acronym": f"vmc{edition.year}",
                "title": edition.title,
                "description": edition.theme,
                "start": start,
                "end": end,
                "daysCount": len(days),
                "timeslot_duration": "00:05",
                "time_zone_name": PROGRAMME_TIME_ZONE.key,
                "url": absolute(reverse("conferences:edition", kwargs={"year": edition.year})),
                "tracks": [
                    {"name": "Main programme", "slug": "main-programme"},
                    {"name": "Side events", "slug": "side-events"},
                ],
                "rooms": [{"name": name, "guid": _guid(f"{edition.year}:{name}")} for name in rooms],
                "days": [
                    {
                        "index": index,
                        "date": day.isoformat(),
                        "day_start": _aware(day).isoformat(),
                        "day_end": _aware(day, datetime.time(23, 59, 59)).isoformat(),
                        "rooms": by_day[day],
                    }
                    for index, day in enumerate(days, start=1)
                ],
            },
        },
    }
