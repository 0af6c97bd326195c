"""What search engines and link previews read of a page: its canonical address, title and
description (OpenGraph, Twitter cards), and schema.org `Event` JSON-LD for an edition's
overview and a session page.

Only what the documents give: times with the Vienna offset where the programme gives them,
dates alone otherwise, no date at all for a session whose day is unknown; performers are the
people on stage (never the dinner's guests) with the position they held then.
"""

import json
from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from conferences.enums import EditionFormat, Role
from conferences.models import programme_datetime
from conferences.ordering import programme_order
from vmc_project.urlcache import cached_reverse

SITE_NAME = "Vienna Migration Conference"
SITE_DESCRIPTION = (
    "The archive of the Vienna Migration Conference, the annual flagship conference of the "
    "International Centre for Migration Policy Development (ICMPD)."
)
ORGANIZER = {
    "@type": "Organization",
    "name": "International Centre for Migration Policy Development",
    "alternateName": "ICMPD",
    "url": "https://www.icmpd.org",
}
ATTENDANCE_MODE = {
    EditionFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EditionFormat.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    EditionFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
SECTIONS = {"agenda": "Agenda", "speakers": "Speakers", "side_events": "Side events"}
INDEXES = {
    "conferences:editions": "All editions",
    "speakers:index": "Speakers",
    "organisations:index": "Organisations",
}
# Inside <script> a JSON text must not contain "</script>" or "<!--": escape <, > and & as
# JSON's \u escapes, which read back as the same characters (as Django's json_script does).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# Page meta: canonical, OpenGraph, Twitter --------------------------------------------------


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str  # absolute, without query string; empty on error pages
    image: str = ""


def short(text, words=40):
    return Truncator(" ".join((text or "").split())).words(words, truncate=" …")


def page_meta(context):
    """Title, description, canonical URL and image of the page being rendered, read from the
    objects its view put in the context (a session, a person, an organisation, an edition)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    session, person = context.get("session"), context.get("person")
    organisation, edition = context.get("organisation"), context.get("edition")
    # No canonical address for an error page or a staff preview of a draft (noindex anyway).
    preview = context.get("preview") or (edition is not None and not edition.is_published)
    url = request.build_absolute_uri(request.path) if match and not preview else ""
    image = ""
    if edition is not None and getattr(edition, "hero_image", None) and request is not None:
        image = request.build_absolute_uri(edition.hero_image.url)
    if session is not None and edition is not None:
        title = f"{session.title} · {edition.title}"
        description = short(session.summary) or f"{session.get_format_display()} at {edition.title}."
    elif person is not None and hasattr(person, "slug"):
        title = person.name
        description = (
            f"{person.name} at the Vienna Migration Conference: sessions, roles and the positions held then."
        )
    elif organisation is not None and hasattr(organisation, "slug"):
        title = organisation.name
        description = f"People who represented {organisation.name} at the Vienna Migration Conference."
    elif edition is not None:
        section = SECTIONS.get(context.get("section"))
        title = f"{section} · {edition.title}" if section else edition.title
        description = short(edition.theme or edition.introduction) or SITE_DESCRIPTION
    elif match is not None and match.view_name in INDEXES:
        title, description = f"{INDEXES[match.view_name]} · {SITE_NAME}", SITE_DESCRIPTION
    else:
        title, description = SITE_NAME, SITE_DESCRIPTION
    return PageMeta(title=title, description=description, url=url, image=image)


# schema.org Event --------------------------------------------------------------------------


def json_ld(data):
    """`data` as a <script type="application/ld+json"> element that no text in it can end."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Safe: the text has no <, > or & left (SCRIPT_ESCAPES), so nothing in it can end the script.
    return mark_safe(f'<script type="application/ld+json">{text.translate(SCRIPT_ESCAPES)}</script>')  # noqa: S308


def place(venue, room=""):
    if venue is None:
        return None
    address = {"@type": "PostalAddress", "addressLocality": venue.city}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city == "Vienna":
        address["addressCountry"] = "AT"
    name = f"{venue.name}, {room}" if room else venue.name
    return {"@type": "Place", "name": name, "address": address}


def person(name, url, position="", organisation=""):
    data = {"@type": "Person", "name": name, "url": url}
    if position:
        data["jobTitle"] = position
    if organisation:
        data["worksFor"] = {"@type": "Organization", "name": organisation}
    return data


def _event(edition, name, url, absolute):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "url": url,
        "organizer": ORGANIZER,
        "eventAttendanceMode": ATTENDANCE_MODE.get(edition.format, ATTENDANCE_MODE[EditionFormat.IN_PERSON]),
        "inLanguage": "en",
    }
    if edition.hero_image:
        data["image"] = absolute(edition.hero_image.url)
    return data


def edition_event(edition, performers, absolute):
    """The edition as an Event; `performers` as edition_performers() reads them."""
    data = _event(edition, edition.title, absolute(edition.get_absolute_url()), absolute)
    if edition.theme:
        data["description"] = edition.theme
    if edition.has_days:
        data["startDate"] = edition.start_date.isoformat()
        data["endDate"] = edition.end_date.isoformat()
    location = place(edition.venue)
    if location:
        data["location"] = location
    if performers:
        data["performer"] = [
            person(name, absolute(url), position, organisation)
            for name, url, position, organisation in performers
        ]
    return data


def _moment(day, time):
    if time is None:
        return day.isoformat()
    return programme_datetime(day, time).isoformat()


def session_event(session, edition, absolute):
    """A session as an Event, part of its edition; `session.people` from with_people()."""
    data = _event(edition, session.title, absolute(session.get_absolute_url()), absolute)
    if session.summary:
        data["description"] = short(session.summary, 60)
    if session.date:
        data["startDate"] = _moment(session.date, session.start_time)
        if session.end_time:
            data["endDate"] = _moment(session.date, session.end_time)
    location = place(session.venue or edition.venue, session.room)
    if location:
        data["location"] = location
    performers = [
        person(
            p.person.name,
            absolute(p.person.get_absolute_url()),
            p.position,
            p.organisation.name if p.organisation_id else "",
        )
        for p in session.people
        if Role.is_on_stage(p.role)
    ]
    if performers:
        data["performer"] = performers
    data["superEvent"] = {
        "@type": "Event",
        "name": edition.title,
        "url": absolute(edition.get_absolute_url()),
    }
    return data


def edition_performers(edition):
    """(name, path, position then, organisation) of each person on stage at the edition, once,
    in programme order. One query."""
    from conferences.models import Participation

    rows = (
        Participation.objects.filter(edition=edition, role__in=Role.on_stage())
        .order_by(*programme_order("session"), "order", "pk")
        .values_list("person__name", "person__slug", "position", "organisation__name")
    )
    seen, performers = set(), []
    for name, slug, position, organisation in rows:
        if slug not in seen:
            seen.add(slug)
            performers.append(
                (name, cached_reverse("speakers:person", slug=slug), position, organisation or "")
            )
    return performers
