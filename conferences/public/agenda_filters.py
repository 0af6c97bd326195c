"""Filters of the agenda page, read from the query string so that a filtered agenda is a plain,
shareable address that works without JavaScript: `?day=1` (or the date, `?day=2024-10-22`),
`?format=panel_discussion` (only formats the edition has), `?side=only` / `?side=hide`.

The edition's sessions are read once, whatever the filters (a fixed number of queries), and
filtered here. An unknown value is ignored and named in `ignored` so the page can say so; it
never fails."""

from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format

from conferences.enums import SessionFormat
from conferences.public.programme import agenda_days

SIDE_CHOICES = {"": "Included", "hide": "Hidden", "only": "Only"}  # under the label "Side events"
SIDE_STATUS = {"hide": "side events hidden", "only": "side events only"}
FORMAT_ORDER = {value: n for n, value in enumerate(SessionFormat.values)}


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool = False


@dataclass
class AgendaFilters:
    days: list  # [AgendaDay] of the sessions shown
    total: int  # sessions of the edition
    shown: int  # sessions shown
    day_choices: list = field(default_factory=list)  # [Choice], "" first
    format_choices: list = field(default_factory=list)
    side_choices: list = field(default_factory=list)
    active: list = field(default_factory=list)  # what is filtered, in words
    ignored: list = field(default_factory=list)  # sentences about values we did not understand

    @property
    def is_filtered(self):
        return bool(self.active)

    @property
    def can_filter(self):
        """Whether there is a choice to make: two days, two formats, or side events and others."""
        return len(self.day_choices) > 2 or len(self.format_choices) > 2 or bool(self.side_choices)


def day_label(day, edition):
    """Day 1, Tuesday 22 October; Eve, Monday 21 October."""
    when = date_format(day.date, "l j F")
    if day.number:
        return f"Day {day.number}, {when}"
    if edition.has_days:
        return f"{'Eve' if day.date < edition.start_date else 'After the conference'}, {when}"
    return when


def day_value(day):
    return str(day.number) if day.number else day.date.isoformat()


def format_label(value):
    return SessionFormat(value).label


def read(query, name):
    """The last value of `name`, stripped; "" when absent."""
    return (query.get(name) or "").strip()


def filter_agenda(edition, sessions, query):
    """AgendaFilters for `sessions` (the edition's, in programme order) and the request's `query`
    (a QueryDict or a dict)."""
    sessions = list(sessions)
    all_days = agenda_days(edition, sessions)
    dated = [day for day in all_days if day.date is not None]
    ignored, active = [], []

    # Day: a conference day's number, or any listed day's date.
    wanted_day = read(query, "day")
    day = None
    if wanted_day:
        day = next((d for d in dated if wanted_day in (day_value(d), d.date.isoformat())), None)
        if day is None:
            ignored.append("The day asked for is not a day of this agenda, so every day is shown.")
        else:
            active.append(day_label(day, edition))

    # Format: only formats this edition has.
    formats = sorted({s.format for s in sessions}, key=lambda value: FORMAT_ORDER.get(value, 99))
    wanted_format = read(query, "format")
    if wanted_format and wanted_format not in formats:
        ignored.append("No session of this edition has the format asked for, so every format is shown.")
        wanted_format = ""
    elif wanted_format:
        active.append(format_label(wanted_format))

    # Side events: with them (default), without them, or only them.
    has_side = any(s.is_side_event for s in sessions)
    has_main = any(not s.is_side_event for s in sessions)
    wanted_side = read(query, "side")
    if wanted_side not in SIDE_CHOICES:
        ignored.append("The side-event choice was not understood, so side events are shown with the rest.")
        wanted_side = ""
    elif wanted_side:
        active.append(SIDE_STATUS[wanted_side])

    kept = [
        s
        for s in sessions
        if (day is None or s.date == day.date)
        and (not wanted_format or s.format == wanted_format)
        and (wanted_side != "hide" or not s.is_side_event)
        and (wanted_side != "only" or s.is_side_event)
    ]
    chosen_day = day_value(day) if day else ""
    return AgendaFilters(
        days=agenda_days(edition, kept),
        total=len(sessions),
        shown=len(kept),
        day_choices=[Choice("", "All days", not chosen_day)]
        + [Choice(day_value(d), day_label(d, edition), day_value(d) == chosen_day) for d in dated],
        format_choices=[Choice("", "All formats", not wanted_format)]
        + [Choice(value, format_label(value), value == wanted_format) for value in formats],
        side_choices=[Choice(value, label, value == wanted_side) for value, label in SIDE_CHOICES.items()]
        if has_side and has_main
        else [],
        active=active,
        ignored=ignored,
    )
