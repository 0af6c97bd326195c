"""What the agenda, session and person pages offer to take away: calendar files, Frab XML,
schedule.json. `{% programme_exports edition days as exports %}` counts, from the agenda's
days (no query), the sessions a calendar holds and those it leaves out (day not known)."""

from dataclasses import dataclass

from django import template

from conferences.exports.registry import EDITION_EXPORTERS

register = template.Library()


@dataclass(frozen=True)
class ProgrammeExports:
    dated: int  # sessions in the calendar file
    dayless: int  # sessions whose day the documents do not give: not in it
    has_days: bool  # the edition has days: schedule.xml exists

    @property
    def sessions(self):
        return self.dated + self.dayless

    @property
    def offered(self):
        """The exporters (conferences/exports/registry.py) the agenda links to, in order."""
        return [exporter for exporter in EDITION_EXPORTERS if exporter.offered(self)]


@register.simple_tag
def programme_exports(edition, days):
    """`days` as conferences.public.programme.agenda_days() gives them (the day None last)."""
    dated = sum(len(day.sessions) for day in days if day.date is not None)
    dayless = sum(len(day.sessions) for day in days if day.date is None)
    return ProgrammeExports(dated, dayless, edition.has_days or dated > 0)


@register.filter
def has_dated_session(history):
    """True when a person page's history (conferences.public.appearances) holds a session with a known day."""
    return any(
        getattr(appearance.session, "date", None)
        for entry in history
        for appearance in entry.appearances
        if appearance.session_id
    )
