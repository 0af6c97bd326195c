"""Counts say what they count (people on stage apart from guests); the report's own figures are
quoted as the report's; no internal note reaches a public page; a person page repeats a position
only where it differs."""

import datetime

import pytest

from conferences.enums import Role
from conferences.models import Participation

from .factories import make_edition, make_organisation, make_participation, make_person, make_session
from .html import parse, visible_text

pytestmark = pytest.mark.django_db


def people(year, roles):
    return set(
        Participation.objects.filter(edition__year=year, role__in=roles).values_list("person", flat=True)
    )


def test_the_2024_overview_counts_people_on_stage_and_other_guests_apart(client, all_editions):
    on_stage = people(2024, Role.on_stage())
    only_guests = people(2024, [Role.GUEST]) - on_stage
    text = visible_text(client.get("/2024/"))
    assert f"Agenda: 13 sessions {len(on_stage)} people on stage 4 side events" in text
    assert f"{len(only_guests)} invited guests" in text
    assert (len(on_stage), len(only_guests)) == (46, 15)
    assert "61 speakers" not in text


def test_the_2024_overview_quotes_the_reports_figures_as_the_reports(client, all_editions):
    text = visible_text(client.get("/2024/"))
    assert "the report counts 32 speakers across 15 sessions" in text


def test_an_announced_attendance_reads_as_a_phrase(client, all_editions):
    text = visible_text(client.get("/2021/"))
    assert "In person About 150 participants (as announced)" in text
    assert "(as announced) participants" not in text


def test_the_title_and_dates_appear_once_in_the_overview_body(client, all_editions):
    page = parse(client.get("/2024/"))
    main = page.visible.split("Skip to main content", 1)[1]
    body = main.split("Overview Agenda Speakers Side events", 1)[1]
    assert body.count("Dates 22–23 October 2024") == 1
    assert body.count("Venue Palais Niederösterreich") == 1
    assert body.count("Format Hybrid") == 1
    assert page.h1 == ["Vienna Migration Conference 2024"]


def test_the_2024_speakers_page_lists_guests_apart(client, all_editions):
    text = visible_text(client.get("/2024/speakers/"))
    guests_heading = text.index(" Guests Invited to the events")
    # Hugo Brady was only a guest; Wael Badawi spoke and was a guest at the dinner too.
    assert text.index("Hugo Brady") > guests_heading
    assert text.index("Wael Badawi") < guests_heading
    assert text.count("Wael Badawi") == 1


def test_no_internal_note_on_the_2017_speakers_page(client, all_editions):
    text = visible_text(client.get("/2017/speakers/"))
    assert "Lukas Gehrke" in text
    assert "Master of ceremonies" in text
    assert "session not given" not in text
    assert "named in the programme" not in text.lower()


def test_no_page_says_session_not_given(client, all_editions):
    for url in ["/2017/", "/2021/speakers/", "/speakers/lukas-gehrke/", "/organisations/"]:
        assert "not given" not in visible_text(client.get(url)).replace("day not given", "")


def test_then_only_when_the_position_differs_from_the_latest(client):
    icmpd = make_organisation()
    person = make_person("Michael Spindelegger")
    for year, position in [
        (2030, "Director General, ICMPD"),
        (2029, "Director General, ICMPD"),
        (2020, "Minister"),
    ]:
        edition = make_edition(year, start_date=datetime.date(year, 10, 20))
        make_participation(make_session(edition, "Opening"), person, position=position, organisation=icmpd)
    text = visible_text(client.get("/speakers/michael-spindelegger/"))
    assert text.count("Director General, ICMPD") == 1  # the heading only
    assert "Then: Minister" in text
    assert text.count("Then:") == 1


def test_the_heading_gives_the_latest_position_on_stage_not_the_guest_list(client):
    person = make_person("Michael Spindelegger")
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 21))
    dinner = make_session(edition, "Dinner", date=datetime.date(2030, 10, 20))
    make_participation(dinner, person, role="guest", position="ICMPD Director General")
    make_participation(make_session(edition, "Opening"), person, position="Director General, ICMPD")
    page = parse(client.get("/speakers/michael-spindelegger/"))
    assert "Michael Spindelegger Director General, ICMPD (2030)" in page.visible
    assert "Then: ICMPD Director General" in page.visible
    assert "Then: Director General, ICMPD" not in page.visible
