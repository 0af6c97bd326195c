"""Every public page reads the same literal number of queries, at most 10, whether the database
holds 1 edition or 50 (uncached: the page cache is off here)."""

import datetime

import pytest

from .factories import make_edition, make_participation, make_person, make_quote, make_session

pytestmark = pytest.mark.django_db

PAGES = {
    "/": 4,
    "/editions/": 1,
    "/2024/": 10,  # + the report credits, + JSON-LD performers, + the published years
    "/2024/agenda/": 4,  # + the published years (edition switcher)
    "/2024/side-events/": 4,
    "/2024/sessions/session-0/": 7,  # + the named segments, + the published years
    "/2024/speakers/": 3,
    "/2024/schedule.json": 3,
    "/2024/schedule.xml": 3,
    "/2024/agenda.ics": 3,
    "/2024/sessions/session-0.ics": 3,
    "/speakers/recurring-speaker.ics": 3,
    "/sitemap.xml": 4,
    "/robots.txt": 0,
    "/speakers/recurring-speaker/": 3,
    "/speakers/": 2,  # the people; the published years for the edition filter
}


def grow(editions):
    """`editions` published editions, 2024 the latest, each with two sessions, a side event, a
    quote and a recurring speaker."""
    star = make_person("Recurring Speaker")
    for n in range(editions):
        year = 2024 - n
        edition = make_edition(year, start_date=datetime.date(year, 10, 22))
        for k in range(2):
            session = make_session(
                edition,
                f"Session {k}",
                format="high_level_panel",
                start_time=datetime.time(9 + k),
                end_time=datetime.time(9 + k, 45),
            )
            make_participation(session, star if k == 0 else make_person(f"Person {year}-{k}"), order=k)
        make_quote(session, star, text=f"Quote {year}", number=1)
        side = make_session(edition, "Side event", is_side_event=True, format="side_event")
        make_participation(side, make_person(f"Side speaker {year}"), role="speaker")


@pytest.mark.parametrize("editions", [1, 50])
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_reads_a_fixed_number_of_queries_however_many_editions(
    client, settings, django_assert_num_queries, editions, path
):
    settings.PAGE_CACHE_SECONDS = 0
    grow(editions)
    with django_assert_num_queries(PAGES[path]):
        response = client.get(path)
    assert response.status_code == 200
    assert PAGES[path] <= 10
