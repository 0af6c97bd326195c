"""What the search index holds, built from the published content in three queries.

Sessions and people are listed under the edition where they appeared, newest edition first:
a person once per edition, with the positions held *then*. Organisations, whose pages span
every edition, form one group of their own after the editions.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from conferences.models import Participation, Session
from conferences.ordering import programme_order
from conferences.public.organisation_pages import public_organisations
from conferences.search.highlight import folded_words
from conferences.search.models import Kind, SearchEntry
from vmc_project.text import fold
from vmc_project.urlcache import cached_reverse

ORGANISATIONS = "Organisations"
# Writes made outside a transaction, in any thread of this process, not indexed yet (sync.py).
unindexed_writes = threading.Event()
REBUILD_LOCK = 0x564D4353  # "VMCS": the advisory lock a rebuild holds on PostgreSQL


def session_entries():
    sessions = (
        Session.objects.public()
        .select_related("edition")
        .only("slug", "title", "subtitle", "summary", "edition__year", "edition__title")
        .order_by(
            "-edition__year",
            *programme_order(),
            "pk",
        )
    )
    for session in sessions:
        text = "\n\n".join(part for part in (session.subtitle, session.summary) if part)
        yield SearchEntry(
            kind=Kind.SESSION,
            year=session.edition.year,
            group=session.edition.title,
            url=session.get_absolute_url(),
            title=session.title,
            text=text,
            folded=folded_words(session.title, text),
        )


def person_entries():
    """One entry per person and published edition, with the positions held at that edition."""
    rows = (
        Participation.objects.public()
        .select_related(None)
        .values_list("edition__year", "edition__title", "person__slug", "person__name", "position")
        .order_by("-edition__year", "order", "pk")
    )
    people = {}
    for year, group, slug, name, position in rows:
        entry = people.setdefault((year, slug), {"group": group, "name": name, "positions": []})
        if position and position not in entry["positions"]:
            entry["positions"].append(position)
    ordered = sorted(people.items(), key=lambda item: (-item[0][0], fold(item[1]["name"]), item[0][1]))
    for (year, slug), entry in ordered:
        text = "; ".join(entry["positions"])
        yield SearchEntry(
            kind=Kind.PERSON,
            year=year,
            group=entry["group"],
            url=cached_reverse("speakers:person", slug=slug),
            title=entry["name"],
            text=text,
            folded=folded_words(entry["name"], text),
        )


def organisation_entries():
    organisations = public_organisations().only("slug", "name", "acronym", "country")
    for organisation in sorted(organisations, key=lambda org: (fold(org.name), fold(org.country))):
        text = " · ".join(part for part in (organisation.acronym, organisation.country) if part)
        yield SearchEntry(
            kind=Kind.ORGANISATION,
            year=None,
            group=ORGANISATIONS,
            url=organisation.get_absolute_url(),
            title=organisation.name,
            text=text,
            folded=folded_words(organisation.name, text),
        )


def build_entries():
    """Every entry, ranked: editions newest first (sessions in programme order, then people
    A–Z), then the organisations A–Z."""
    sessions, people = list(session_entries()), list(person_entries())
    by_year = {}
    for entry in sessions + people:
        by_year.setdefault(entry.year, []).append(entry)
    ranked = [entry for year in sorted(by_year, reverse=True) for entry in by_year[year]]
    ranked += organisation_entries()
    for rank, entry in enumerate(ranked):
        entry.rank = rank
        entry.folded = f" {entry.folded} "  # word boundaries for the portable fallback (search.py)
    return ranked


def rebuild_index(using=None):
    """Replace the whole index with what the content says now; returns the number of entries.
    The index is small (one row per session, per person and edition, per organisation)."""
    unindexed_writes.clear()  # what this rebuild reads includes them
    connection = connections[using or DEFAULT_DB_ALIAS]
    with transaction.atomic(using=using):
        # One rebuild at a time, reading what the one before it committed: otherwise two
        # processes rebuilding at once could each keep their rows. SQLite's transactions here
        # take the write lock when they begin (settings: transaction_mode IMMEDIATE).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REBUILD_LOCK])
        entries = build_entries()
        SearchEntry.objects.using(using).all().delete()
        SearchEntry.objects.using(using).bulk_create(entries, batch_size=500)
    return len(entries)
