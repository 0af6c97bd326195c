"""A person's history across editions, as the person page shows it."""

from dataclasses import dataclass, field


@dataclass
class EditionHistory:
    edition: object
    appearances: list = field(default_factory=list)
    other_quotes: list = field(default_factory=list)  # quotes not tied to a listed session


def history(appearances, quotes):
    """Group appearances (newest edition first) and hang each quote on the appearance in its
    session, once; quotes from elsewhere in an edition go to that edition's `other_quotes`."""
    editions = {}
    placed = set()
    for appearance in appearances:
        entry = editions.setdefault(appearance.edition_id, EditionHistory(appearance.edition))
        appearance.quote_list = []
        if appearance.session_id and appearance.session_id not in placed:
            appearance.quote_list = [q for q in quotes if q.session_id == appearance.session_id]
            placed.add(appearance.session_id)
        entry.appearances.append(appearance)
    for quote in quotes:
        if quote.session_id not in placed and quote.edition_id in editions:
            editions[quote.edition_id].other_quotes.append(quote)
    return list(editions.values())
