"""Agenda filters in the query string: by day, by format, side events shown, hidden or alone.
They work without JavaScript, make a shareable address, ignore what they do not know (saying
so) and never change the number of queries."""

import datetime

import pytest

from .factories import make_edition, make_participation, make_person, make_session
from .html import parse, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    """Eve dinner; day 1: opening, two panels, a side event; day 2: a panel and the closing."""
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 22))
    day1, day2 = edition.days

    def session(title, format, day, hour, **fields):
        made = make_session(
            edition,
            title,
            format=format,
            date=day,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour, 45),
            **fields,
        )
        make_participation(made, make_person(f"Speaker of {title}"), role="speaker")
        return made

    make_session(
        edition, "Futures Dinner", format="dinner", is_side_event=True, date=datetime.date(2030, 10, 21)
    )
    session("Opening", "opening", day1, 9)
    session("Panel on routes", "panel_discussion", day1, 10)
    session("Panel on returns", "panel_discussion", day1, 11)
    session("Tech side event", "side_event", day1, 13, is_side_event=True)
    session("Panel on labour", "panel_discussion", day2, 9)
    session("Closing", "closing", day2, 12)
    return edition


def titles(response):
    """The session titles shown, in order."""
    html = response.content.decode()
    return [part.split(">", 1)[1].split("<", 1)[0] for part in html.split('class="session__title"><a')[1:]]


def test_without_filters_every_session_is_shown_and_the_form_offers_the_choices(client, edition):
    response = client.get("/2030/agenda/")
    assert len(titles(response)) == 7
    html = response.content.decode()
    assert '<form class="agenda-filters" method="get" action="/2030/agenda/"' in html
    assert '<option value="1">Day 1, Tuesday 22 October</option>' in html
    assert '<option value="2030-10-21">Eve, Monday 21 October</option>' in html
    assert '<option value="panel_discussion">Panel discussion</option>' in html
    assert '<option value="only">Only</option>' in html
    assert "Showing" not in visible_text(response)


def test_only_formats_the_edition_has_are_offered(client, edition):
    html = client.get("/2030/agenda/").content.decode()
    assert 'value="high_level_panel"' not in html and 'value="keynote"' not in html


def test_filter_by_day_number_or_date(client, edition):
    assert titles(client.get("/2030/agenda/?day=2")) == ["Panel on labour", "Closing"]
    assert titles(client.get("/2030/agenda/?day=2030-10-23")) == ["Panel on labour", "Closing"]
    assert titles(client.get("/2030/agenda/?day=2030-10-21")) == ["Futures Dinner"]


def test_filter_by_format_says_what_is_shown(client, edition):
    response = client.get("/2030/agenda/?format=panel_discussion")
    assert titles(response) == ["Panel on routes", "Panel on returns", "Panel on labour"]
    text = visible_text(response)
    assert "Showing 3 of 7 sessions: Panel discussion · Clear filters" in text
    assert '<option value="panel_discussion" selected>' in response.content.decode()
    assert 'href="/2030/agenda/">Clear filters' in response.content.decode()


def test_side_events_hidden_or_alone(client, edition):
    assert "Tech side event" not in titles(client.get("/2030/agenda/?side=hide"))
    assert "Futures Dinner" not in titles(client.get("/2030/agenda/?side=hide"))
    assert titles(client.get("/2030/agenda/?side=only")) == ["Futures Dinner", "Tech side event"]


def test_filters_combine(client, edition):
    response = client.get("/2030/agenda/?day=1&format=panel_discussion&side=hide")
    assert titles(response) == ["Panel on routes", "Panel on returns"]
    assert "Showing 2 of 7 sessions: Day 1, Tuesday 22 October · Panel discussion · side events hidden" in (
        visible_text(response)
    )
    empty = client.get("/2030/agenda/?day=2&side=only")
    assert titles(empty) == []
    assert "No session matches these filters." in visible_text(empty)


def test_empty_values_mean_no_filter(client, edition):
    """What the form sends when "All days" and "All formats" are chosen."""
    response = client.get("/2030/agenda/?day=&format=&side=")
    assert len(titles(response)) == 7
    assert "Showing" not in visible_text(response)


@pytest.mark.parametrize(
    "query, note",
    [
        ("day=9", "The day asked for is not a day of this agenda"),
        ("day=2031-01-01", "The day asked for is not a day of this agenda"),
        ("day=%3Cscript%3Ealert(1)%3C/script%3E", "The day asked for is not a day of this agenda"),
        ("format=keynote", "No session of this edition has the format asked for"),
        ("format=" + "x" * 5000, "No session of this edition has the format asked for"),
        ("side=sometimes", "The side-event choice was not understood"),
        ("day=%00&format=%FF", "The day asked for is not a day of this agenda"),
    ],
)
def test_unknown_values_are_ignored_and_said_so(client, edition, query, note):
    response = client.get(f"/2030/agenda/?{query}")
    assert response.status_code == 200
    assert len(titles(response)) == 7
    assert note in visible_text(response)
    assert "<script>alert" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"]  # a made-up value does not get a cache entry


def test_a_known_value_next_to_an_unknown_one_still_filters(client, edition):
    response = client.get("/2030/agenda/?day=2&format=keynote")
    assert titles(response) == ["Panel on labour", "Closing"]
    assert "No session of this edition has the format asked for" in visible_text(response)


def test_filtered_pages_are_cached_per_filter(client, settings, edition):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get("/2030/agenda/?day=2")
    again = client.get("/2030/agenda/?day=2")
    other = client.get("/2030/agenda/?day=1")
    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert other["X-Page-Cache"] == "miss"
    assert titles(other) != titles(again)


@pytest.mark.parametrize("query", ["", "?day=1", "?format=panel_discussion&side=hide", "?day=x&format=y"])
def test_filters_read_no_more_queries(client, django_assert_num_queries, edition, query):
    with django_assert_num_queries(4):
        client.get(f"/2030/agenda/{query}")


def test_an_edition_with_one_day_and_one_format_offers_no_useless_choices(client):
    edition = make_edition(2040, days=1)
    make_session(edition, "Only panel", start_time=datetime.time(9))
    make_session(edition, "Second panel", start_time=datetime.time(10))
    page = parse(client.get("/2040/agenda/"))
    assert "agenda-filters" not in client.get("/2040/agenda/").content.decode()
    assert "Only panel" in page.visible
