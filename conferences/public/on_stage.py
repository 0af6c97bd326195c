"""The people on stage of many sessions at once, read as plain values.

The agenda, the side events, the home page's highlights and schedule.json show for each person
on stage only a name, a link, the role, "online" and the position held then. Reading these as
values, instead of a Participation and a Person model instance each (with the bookkeeping of
Person's image field), cuts the database part of the agenda by about half (see `make bench`).
"""

from dataclasses import dataclass

from conferences.models import Participation
from vmc_project.urlcache import cached_reverse


@dataclass(frozen=True, slots=True)
class PersonLink:
    pk: int
    name: str
    slug: str

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("speakers:person", slug=self.slug)


@dataclass(frozen=True, slots=True)
class OnStage:
    """What the programme shows of one participation."""

    person: PersonLink
    role: str
    is_online: bool
    position: str

    @property
    def person_id(self):
        return self.person.pk


def with_people_on_stage(sessions):
    """`sessions` as a list, each with `people`: its OnStage entries in stage order, read in
    one query for all of them."""
    sessions = list(sessions)
    people = {session.pk: [] for session in sessions}
    for session in sessions:
        session.people = people[session.pk]
    if sessions:
        rows = (
            Participation.objects.filter(session__in=list(people))
            .order_by("order", "pk")
            .values_list(
                "session_id", "role", "is_online", "position", "person_id", "person__name", "person__slug"
            )
        )
        for session_id, role, is_online, position, person_id, name, slug in rows:
            people[session_id].append(OnStage(PersonLink(person_id, name, slug), role, is_online, position))
    return sessions
