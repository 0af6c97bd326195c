"""Every kind of public page, each with one sample address from the documented editions
(fixtures/vmc*.json). One list for the browser tests (tests/test_public_*.py), `manage.py
screenshots` and `manage.py page_audit`: a new kind of page is one line here.

A sample is the richest or hardest page of its kind: the 2024 session with the longest title,
a person with appearances at several sessions, ICMPD (the organisation with units and the most
people), 2017 for an edition whose programme gives no times.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str  # also the file name of its screenshots: docs/screenshots/<name>-360.png
    path: str  # a sample address, from the site's root
    what: str
    status: int = 200
    # Kept out of search engines on purpose (<meta name="robots" content="noindex">): search
    # results are an endless space of thin pages, and a spammer's query would be echoed in them.
    noindex: bool = False


PAGE_TYPES = (
    PageType("home", "/", "the latest edition"),
    PageType("editions", "/editions/", "every edition"),
    PageType("edition-2024", "/2024/", "an edition's overview"),
    PageType("edition-2017", "/2017/", "an edition's overview, programme without times"),
    PageType("agenda-2024", "/2024/agenda/", "an agenda by day, with times"),
    PageType("agenda-2017", "/2017/agenda/", "an agenda without times"),
    PageType(
        "session-2024",
        "/2024/sessions/towards-a-route-based-approach-to-address-mixed-movements-of-refugees-and-migrants/",
        "a session page",
    ),
    PageType("side-events-2024", "/2024/side-events/", "an edition's side events"),
    PageType("speakers-2024", "/2024/speakers/", "everyone at one edition"),
    PageType("speakers", "/speakers/", "everyone at every edition"),
    PageType("person", "/speakers/ralph-genetzke/", "one person's appearances"),
    PageType("organisations", "/organisations/", "every organisation"),
    PageType("organisation", "/organisations/icmpd/", "one organisation's people, units and support"),
    PageType("search", "/search/?q=vienna", "search results across editions", noindex=True),
    PageType("not-found", "/no-such-page/", "the 404 page", status=404),
)


def page_type(name):
    """The page type called `name`; KeyError names the known ones."""
    for page in PAGE_TYPES:
        if page.name == name:
            return page
    raise KeyError(f"no page type {name!r}; known: {', '.join(page.name for page in PAGE_TYPES)}")
