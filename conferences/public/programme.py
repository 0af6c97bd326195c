"""Turn an edition's sessions into what the agenda pages show: days, in order."""

from dataclasses import dataclass, field
from datetime import date

from conferences.enums import Role


@dataclass
class AgendaDay:
    date: date | None
    number: int | None  # 1 for the first conference day; None for the eve or an unknown day
    sessions: list = field(default_factory=list)

    @property
    def is_conference_day(self):
        return self.number is not None


@dataclass(frozen=True)
class ProgrammeFacts:
    """What the documents give for a list of sessions, so the page says it once at the top
    instead of "time not given" on every card."""

    times_given: bool  # at least one session has a start time
    days_given: bool  # at least one session is placed on a conference day

    @property
    def nothing_given(self):
        return not (self.times_given or self.days_given)


def programme_facts(edition, sessions):
    return ProgrammeFacts(
        times_given=any(s.start_time for s in sessions),
        days_given=any(s.date and (edition.covers(s.date) or not edition.has_days) for s in sessions),
    )


def agenda_days(edition, sessions):
    """Group sessions (already in programme order) by day.

    Conference days are numbered; a side event on the eve gets its own unnumbered day;
    sessions whose day no source gives come last, in programme order.
    """
    days = {}
    for session in sessions:
        days.setdefault(session.date, []).append(session)
    conference_days = edition.days
    dated = sorted(d for d in days if d is not None)
    result = [
        AgendaDay(
            date=d,
            number=conference_days.index(d) + 1 if d in conference_days else None,
            sessions=days[d],
        )
        for d in dated
    ]
    if None in days:
        result.append(AgendaDay(date=None, number=None, sessions=days[None]))
    return result


@dataclass
class RoleGroup:
    role: str
    label: str
    people: list


def group_by_role(participations):
    """[RoleGroup] in stage order of roles, people in stage order within each role."""
    groups = []
    for role in Role.stage_order():
        people = [p for p in participations if p.role == role]
        if people:
            groups.append(RoleGroup(role=role, label=Role.heading(role, len(people)), people=people))
    return groups
