"""Formatting used across the public pages."""

import re

from django import template
from django.utils.dateformat import format as date_format

from conferences.enums import Role
from conferences.models import programme_datetime
from vmc_project.text import unify_line_breaks

register = template.Library()
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@register.filter
def date_range(edition):
    """22–23 October 2024; 30 September – 1 October 2025; 31 December 2024 – 1 January 2025;
    just the year when no source gives the days."""
    start, end = edition.start_date, edition.end_date
    if not (start and end):
        return str(edition.year)  # no source gives the days
    if start == end:
        return date_format(start, "j F Y")
    if start.year != end.year:
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    if start.month != end.month:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{start.day}–{date_format(end, 'j F Y')}"


@register.filter
def time_range(session):
    """09:30–09:50, or an empty string when the programme gives no time."""
    if not session.start_time:
        return ""
    start = session.start_time.strftime("%H:%M")
    if not session.end_time:
        return start
    return f"{start}–{session.end_time.strftime('%H:%M')}"


def _vienna_iso(day, time):
    if not (day and time):
        return ""
    return programme_datetime(day, time).isoformat()


@register.filter
def vienna_start(session):
    """2024-10-22T09:30:00+02:00: when the session starts, with Vienna's offset that day (for
    static/js/agenda-now.js); empty without a day and a time."""
    return _vienna_iso(session.date, session.start_time)


@register.filter
def vienna_end(session):
    return _vienna_iso(session.date, session.end_time)


@register.filter
def ordinal_word(number):
    words = {
        1: "first",
        2: "second",
        3: "third",
        4: "fourth",
        5: "fifth",
        6: "sixth",
        7: "seventh",
        8: "eighth",
        9: "ninth",
        10: "tenth",
        11: "eleventh",
        12: "twelfth",
    }
    return words.get(number, f"{number}th")


@register.filter
def paragraphs(text):
    """Split a text field into paragraphs at blank lines, whatever the line breaks (LF, CRLF as
    browsers send them, or CR); a blank line holding only spaces counts too."""
    return [p.strip() for p in BLANK_LINE.split(unify_line_breaks(text or "")) if p.strip()]


@register.filter
def role_label(value):
    """The one label of a role (conferences/enums.py), for one person."""
    return Role.label_of(value)


@register.filter
def role_heading(value, count):
    """The label of a role for `count` people: "Moderator", "Moderators"."""
    return Role.heading(value, count)


TRAILING_REMARK = re.compile(r"^(?P<figure>.*?)\s*(?P<remark>\([^()]*\))$")


@register.filter
def participants(attendance):
    """An attendance figure as a phrase: "more than 300" → "More than 300 participants";
    a remark in brackets stays after the noun: "about 150 (as announced)" → "About 150
    participants (as announced)"."""
    text = " ".join((attendance or "").split())
    if not text:
        return ""
    match = TRAILING_REMARK.match(text)
    figure, remark = (match["figure"], f" {match['remark']}") if match and match["figure"] else (text, "")
    return f"{figure[:1].upper()}{figure[1:]} participants{remark}"
