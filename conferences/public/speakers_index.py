"""The speakers index (/speakers/): everyone with a public appearance, by family name, in
letter groups, each with their most recent position and the editions they appeared at."""

from dataclasses import dataclass, field

from conferences.enums import Role
from conferences.models import Edition, Participation
from conferences.ordering import programme_order
from vmc_project.text import fold


@dataclass
class IndexPerson:
    person: object
    latest: object = None  # the most recent appearance that states a position or organisation
    years: list = field(default_factory=list)  # newest first
    editions: list = field(default_factory=list)


@dataclass
class IndexLetter:
    letter: str  # "A"…"Z", or "#" for a family name that starts otherwise
    people: list

    @property
    def anchor(self):
        return f"letter-{self.letter.lower()}" if self.letter != "#" else "letter-other"


def latest_appearance(appearances):
    """The first of `appearances` (newest edition first) that states a position or an
    organisation, on stage rather than as a guest within the newest edition that states one:
    the position the programme printed, not the dinner's guest list."""
    stated = [a for a in appearances if a.position or a.organisation_id]
    if not stated:
        return None
    newest = [a for a in stated if a.edition_id == stated[0].edition_id]
    return next((a for a in newest if Role.is_on_stage(a.role)), newest[0])


def published_years():
    """The years of the published editions, newest first (one query)."""
    return list(Edition.objects.published().order_by("-year").values_list("year", flat=True))


def speakers_index(year=None):
    """Letter groups of the people with a public appearance (at edition `year` only, when
    given). One query, however many people."""
    appearances = (
        Participation.objects.public()
        .select_related("person", "organisation", "edition")
        .order_by(
            "person__sort_key",
            "person__pk",
            "-edition__year",
            *programme_order("session"),
            "order",
            "pk",
        )
    )
    people, stated = {}, {}
    for appearance in appearances:
        entry = people.setdefault(appearance.person_id, IndexPerson(appearance.person))
        stated.setdefault(appearance.person_id, []).append(appearance)
        if appearance.edition.year not in entry.years:
            entry.years.append(appearance.edition.year)
            entry.editions.append(appearance.edition)
    letters = {}
    for person_id, entry in people.items():
        entry.latest = latest_appearance(stated[person_id])
        if year is not None and year not in entry.years:
            continue
        initial = fold(entry.person.sort_key)[:1].upper()
        letters.setdefault(initial if initial.isalpha() else "#", []).append(entry)
    ordered = sorted(letters, key=lambda letter: (letter == "#", letter))
    return [IndexLetter(letter, letters[letter]) for letter in ordered]


def edition_filter(value, years):
    """The year `?edition=` asks for, if it names a published edition; else None, with a note
    for the visitor when something else was asked for."""
    if value is None or value == "":
        return None, ""
    if value.isascii() and value.isdigit() and len(value) == 4 and int(value) in years:
        return int(value), ""
    shown = value if len(value) <= 40 else f"{value[:40]}…"
    return None, f"There is no published edition “{shown}” in this archive, so everyone is listed."
