"""Reading a visitor's query and finding it in the index.

A query is folded like the index (conferences/search/highlight.py) and cut into words; every word must begin a
word of the entry (AND, prefix: "gun" finds Günter). Only letters and digits reach the
database, as bound parameters, so no query syntax (quotes, `*`, NEAR, parentheses) can be
typed in. SQLite reads its FTS5 table, PostgreSQL its GIN-indexed tsvector, any other database
a plain LIKE on the folded words. One query per search.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.expressions import RawSQL

from conferences.search.highlight import excerpt, highlight
from conferences.search.models import Kind, SearchEntry
from vmc_project.text import words

MAX_CHARACTERS = 200
MAX_WORDS = 10
MAX_RESULTS = 200


@dataclass
class Query:
    """What a visitor typed (`raw`, cleaned to show back) and the folded words to find."""

    raw: str = ""
    terms: list = field(default_factory=list)
    problem: str = ""
    note: str = ""

    @property
    def searchable(self):
        return bool(self.terms) and not self.problem


def printable(text):
    """The text without control characters and lone surrogates, which can neither be shown
    nor encoded in the page."""
    return "".join(" " if unicodedata.category(char) in ("Cc", "Cs") else char for char in text).strip()


def parse(raw):
    raw = printable(raw or "")
    if len(raw) > MAX_CHARACTERS:
        return Query(
            raw=raw[:MAX_CHARACTERS],
            problem=f"Please use at most {MAX_CHARACTERS} characters; a few words or a name are enough.",
        )
    terms = list(dict.fromkeys(words(raw)))
    if raw and not terms:
        return Query(raw=raw, problem="Please type a word or a name: letters or digits.")
    note = ""
    if len(terms) > MAX_WORDS:
        terms = terms[:MAX_WORDS]
        note = f"Only the first {MAX_WORDS} words were searched for."
    return Query(raw=raw, terms=terms, note=note)


def matching(terms):
    """Index entries whose words begin with every one of the folded `terms`, in rank order."""
    entries = SearchEntry.objects.order_by("rank")
    if connection.vendor == "sqlite":
        expression = " AND ".join(f'"{term}"*' for term in terms)
        return entries.filter(
            pk__in=RawSQL(
                "SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s",
                [expression],
            )
        )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        expression = " & ".join(f"{term}:*" for term in terms)
        return entries.alias(document=SearchVector("folded", config="simple")).filter(
            document=SearchQuery(expression, config="simple", search_type="raw")
        )
    for term in terms:
        entries = entries.filter(folded__contains=f" {term}")
    return entries


@dataclass
class Result:
    entry: SearchEntry
    title: str
    text: str


@dataclass
class Group:
    heading: str
    year: int | None
    results: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"results-{self.year}" if self.year else "results-organisations"

    def count_of(self, kind):
        return sum(1 for result in self.results if result.entry.kind == kind)

    @property
    def sessions(self):
        return self.count_of(Kind.SESSION)

    @property
    def people(self):
        return self.count_of(Kind.PERSON)

    @property
    def organisations(self):
        return self.count_of(Kind.ORGANISATION)


@dataclass
class Results:
    groups: list
    count: int
    more: bool  # more than MAX_RESULTS matched; only those are shown


def search(query):
    """The results of a searchable Query, grouped as ranked: editions newest first, then the
    organisations; titles and texts escaped, with the matched words marked."""
    found = list(matching(query.terms)[: MAX_RESULTS + 1])
    more = len(found) > MAX_RESULTS
    groups = []
    for entry in found[:MAX_RESULTS]:
        if not groups or groups[-1].heading != entry.group:
            groups.append(Group(heading=entry.group, year=entry.year))
        groups[-1].results.append(
            Result(
                entry=entry,
                title=highlight(entry.title, query.terms),
                text=highlight(excerpt(entry.text, query.terms, entry.title), query.terms),
            )
        )
    return Results(groups=groups, count=min(len(found), MAX_RESULTS), more=more)
