"""Organisations over the years: what /organisations/ and /organisations/<slug>/ show.

An organisation is public when someone represented it at a published edition, or it was a
partner of one; a parent (the European Commission) is public through its units (its
Directorates-General) too, and its page shows their people. Units one level down are rolled
up; the fixtures have no deeper nesting.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from conferences.models import EditionPartner, Participation
from conferences.ordering import programme_order
from conferences.querysets import can_preview
from speakers.models import Organisation
from vmc_project.text import fold


def sort_key(organisation):
    return (fold(organisation.name), fold(organisation.country))


def public_organisations():
    """Organisations with a page for everyone: a participation or a partnership at a published
    edition, of their own or of one of their units (for the sitemap and search)."""
    published = "published"
    return Organisation.objects.filter(
        Q(participations__edition__status=published)
        | Q(partnerships__edition__status=published)
        | Q(units__participations__edition__status=published)
        | Q(units__partnerships__edition__status=published)
    ).distinct()


# The index -----------------------------------------------------------------------------------


@dataclass
class IndexEntry:
    organisation: Organisation
    people: set = field(default_factory=set)
    editions: set = field(default_factory=set)
    units: list = field(default_factory=list)

    @property
    def people_count(self):
        return len(self.people)

    @property
    def edition_count(self):
        return len(self.editions)


@dataclass
class IndexLetter:
    letter: str  # "A"…"Z", or "#" for names that start otherwise
    entries: list

    @property
    def anchor(self):
        return f"letter-{self.letter.lower()}" if self.letter != "#" else "letter-other"


def organisation_index():
    """Public organisations in letter groups, each parent with its public units beneath; counts
    include the units'. Three queries, however many organisations."""
    organisations = {
        org.pk: org for org in Organisation.objects.only("slug", "name", "acronym", "country", "parent")
    }
    entries = {}

    def credit(org_id, year, person_id=None):
        for pk in (org_id, organisations[org_id].parent_id):
            if pk is None:
                continue
            entry = entries.setdefault(pk, IndexEntry(organisations[pk]))
            entry.editions.add(year)
            if person_id is not None:
                entry.people.add(person_id)

    appearances = (
        Participation.objects.public()
        .filter(organisation__isnull=False)
        .values_list("organisation_id", "edition__year", "person_id")
    )
    for org_id, year, person_id in appearances:
        credit(org_id, year, person_id)
    partnerships = EditionPartner.objects.filter(edition__status="published").values_list(
        "organisation_id", "edition__year"
    )
    for org_id, year in partnerships:
        credit(org_id, year)

    top = []
    for entry in entries.values():
        parent_id = entry.organisation.parent_id
        if parent_id is None:
            top.append(entry)
        else:
            entries[parent_id].units.append(entry)
    letters = {}
    for entry in sorted(top, key=lambda e: sort_key(e.organisation)):
        entry.units.sort(key=lambda e: sort_key(e.organisation))
        initial = fold(entry.organisation.name)[:1].upper()
        letters.setdefault(initial if initial.isalpha() else "#", []).append(entry)
    return [IndexLetter(letter, group) for letter, group in letters.items()]


# One organisation ----------------------------------------------------------------------------


@dataclass
class Representative:
    """One person at one edition with one position, and what they did there."""

    person: object
    position: str
    organisation: Organisation  # the organisation itself, or the unit they represented
    appearances: list = field(default_factory=list)


@dataclass
class EditionRecord:
    edition: object
    people: list = field(default_factory=list)  # Representatives, by family name
    partnerships: list = field(default_factory=list)


@dataclass
class OrganisationHistory:
    editions: list  # EditionRecords, newest first
    units: list  # the units that have a record here, by name

    @property
    def preview(self):
        """True when a draft edition is shown (to staff)."""
        return any(not record.edition.is_published for record in self.editions)

    @property
    def has_people(self):
        return any(record.people for record in self.editions)

    @property
    def has_partnerships(self):
        return any(record.partnerships for record in self.editions)


def organisation_history(organisation, user):
    """The people who represented the organisation or one of its units at each edition this
    user may see, with the positions they held then, and its partnerships. Two queries."""
    body = Q(organisation=organisation) | Q(organisation__parent=organisation)
    appearances = Participation.objects.filter(body)
    partnerships = EditionPartner.objects.filter(body)
    if not can_preview(user):
        appearances = appearances.filter(edition__status="published")
        partnerships = partnerships.filter(edition__status="published")
    appearances = appearances.select_related(
        "edition", "session__edition", "person", "organisation"
    ).order_by(
        "-edition__year",
        *programme_order("session"),
        "order",
        "pk",
    )
    partnerships = partnerships.select_related("edition", "organisation").order_by(
        "-edition__year", "order", "pk"
    )

    editions = {}
    representatives = {}
    for appearance in appearances:
        record = editions.setdefault(appearance.edition.year, EditionRecord(appearance.edition))
        key = (appearance.edition.year, appearance.person_id, appearance.position, appearance.organisation_id)
        if key not in representatives:
            representatives[key] = Representative(
                appearance.person, appearance.position, appearance.organisation
            )
            record.people.append(representatives[key])
        representatives[key].appearances.append(appearance)
    for partnership in partnerships:
        record = editions.setdefault(partnership.edition.year, EditionRecord(partnership.edition))
        record.partnerships.append(partnership)

    records = [editions[year] for year in sorted(editions, reverse=True)]
    for record in records:
        # By family name; one person's several positions in the order they first appeared.
        record.people.sort(key=lambda representative: representative.person.sort_key)
    units = {
        item.organisation.pk: item.organisation
        for record in records
        for item in [*record.people, *record.partnerships]
        if item.organisation.parent_id == organisation.pk
    }
    return OrganisationHistory(records, sorted(units.values(), key=sort_key))
