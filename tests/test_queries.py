"""Every list page reads a fixed number of queries, however many items it shows.

Each test builds the page with 1 item and with 3 items and expects the same literal count.
"""

import datetime

import pytest

from .factories import make_edition, make_participation, make_person, make_quote, make_session

pytestmark = pytest.mark.django_db

SIZES = [1, 3]


def build(size, year=2030):
    """An edition with `size` sessions, each with `size` people and a quote; `size` side events;
    `size` people named for the edition as a whole; `size` older editions in which the first
    speaker also appeared."""
    edition = make_edition(year, start_date=datetime.date(year, 10, 22))
    star = make_person("Recurring Speaker")
    for n in range(size):
        session = make_session(
            edition,
            f"Session {n}",
            is_side_event=False,
            format="high_level_panel",
            start_time=datetime.time(9 + n),
            end_time=datetime.time(9 + n, 45),
        )
        for m in range(size):
            person = star if m == 0 else make_person(f"Person {n}-{m}")
            make_participation(session, person, role="panellist", order=m, position=f"Position {m}")
        make_quote(session, star, text=f"Quote {n}", number=n + 1)
        side = make_session(edition, f"Side event {n}", is_side_event=True, format="side_event")
        make_participation(side, make_person(f"Side speaker {n}"), role="speaker")
        make_participation(None, make_person(f"Named {n}"), role="speaker", edition=edition)
        old = make_edition(2000 + n, start_date=datetime.date(2000 + n, 10, 1))
        make_participation(make_session(old, "Old panel"), star, role="moderator")
    return edition


@pytest.mark.parametrize("size", SIZES)
def test_home(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(4):
        client.get("/")


@pytest.mark.parametrize("size", SIZES)
def test_editions(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(1):
        client.get("/editions/")


@pytest.mark.parametrize("size", SIZES)
def test_edition_overview(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(10):  # + the performers of the JSON-LD event, + the published years
        client.get("/2030/")


@pytest.mark.parametrize("size", SIZES)
def test_agenda(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(4):  # + the published years (edition switcher)
        client.get("/2030/agenda/")


@pytest.mark.parametrize("size", SIZES)
def test_side_events(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(4):  # + the published years (edition switcher)
        client.get("/2030/side-events/")


@pytest.mark.parametrize("size", SIZES)
def test_session(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(7):  # + the published years (edition switcher)
        client.get("/2030/sessions/session-0/")


@pytest.mark.parametrize("size", SIZES)
def test_edition_speakers(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):  # + the published years (edition switcher)
        client.get("/2030/speakers/")


@pytest.mark.parametrize("size", SIZES)
def test_person(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/speakers/recurring-speaker/")


@pytest.mark.parametrize("size", SIZES)
def test_speakers_index(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(2):
        client.get("/speakers/")


@pytest.mark.parametrize("size", SIZES)
def test_schedule_json(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/2030/schedule.json")


@pytest.mark.parametrize("size", SIZES)
def test_schedule_xml(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/2030/schedule.xml")


@pytest.mark.parametrize("size", SIZES)
def test_edition_calendar(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/2030/agenda.ics")


@pytest.mark.parametrize("size", SIZES)
def test_session_calendar(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/2030/sessions/session-0.ics")


@pytest.mark.parametrize("size", SIZES)
def test_person_calendar(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        client.get("/speakers/recurring-speaker.ics")


@pytest.mark.parametrize("size", SIZES)
def test_sitemap(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(4):
        client.get("/sitemap.xml")
