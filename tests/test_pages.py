import datetime

import pytest

from .factories import make_edition, make_participation, make_person, make_quote, make_session
from .html import parse, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    """A small edition shaped like VMC2024: an eve dinner, two days, a side event."""
    edition = make_edition(
        2030,
        start_date=datetime.date(2030, 10, 22),
        theme="Migration governance in volatile times",
        ordinal=9,
        in_person_attendance="more than 300",
        online_attendance="over 1,500",
    )
    opening = make_session(
        edition,
        "Conference opening",
        format="opening",
        order=1,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(9, 50),
    )
    panel = make_session(
        edition,
        "Ambitious but realistic",
        subtitle="Prospects for cooperation",
        format="high_level_panel",
        order=2,
        start_time=datetime.time(11),
        end_time=datetime.time(11, 45),
        summary="Ministers discussed the Pact.",
    )
    make_session(
        edition,
        "On the brink of a new era",
        format="side_event",
        is_side_event=True,
        order=3,
        start_time=datetime.time(12, 45),
        end_time=datetime.time(13, 45),
    )
    make_session(
        edition,
        "Migration Futures Dinner",
        format="dinner",
        is_side_event=True,
        order=0,
        date=datetime.date(2030, 10, 21),
    )
    make_session(
        edition, "Closing discussion", format="closing_discussion", order=5, date=datetime.date(2030, 10, 23)
    )
    dg = make_person("Michael Spindelegger")
    make_participation(opening, dg, role="opening_remarks", position="Director General, ICMPD")
    make_participation(
        panel,
        make_person("Gerhard Karner"),
        role="panellist",
        order=1,
        position="Federal Minister of the Interior, Austria",
    )
    make_participation(panel, dg, role="moderator", order=2, position="Director General, ICMPD")
    make_participation(
        panel,
        make_person("Daniel Delgado"),
        role="panellist",
        order=3,
        is_online=True,
        position="Acting Deputy Assistant Secretary",
    )
    make_quote(panel, dg, text="Cooperation does not stop once an agreement is signed.")
    return edition


def test_home_page(client, edition):
    make_edition(2031, status="draft", title="Unpublished edition")
    text = visible_text(client.get("/"))
    assert "Vienna Migration Conference 2030" in text
    assert "Unpublished edition" not in text
    assert "Migration governance in volatile times" in text
    assert "22–23 October 2030" in text
    assert "Palais Niederösterreich" in text
    assert "Hybrid (in person and online)" in text
    assert "Ambitious but realistic" in text  # agenda highlight
    assert "Gerhard Karner Federal Minister of the Interior, Austria" in text  # key speaker


def test_editions_page_lists_published_newest_first(client, edition):
    make_edition(2017, title="Vienna Migration Conference 2017")
    make_edition(2031, status="draft", title="Draft")
    page = parse(client.get("/editions/"))
    assert page.visible.index("Conference 2030") < page.visible.index("Conference 2017")
    assert "Draft" not in page.visible


def test_edition_overview(client, edition):
    text = visible_text(client.get("/2030/"))
    assert "The ninth Vienna Migration Conference" in text
    assert "More than 300 participants" in text
    assert "Over 1,500 participants" in text
    assert "Cooperation does not stop once an agreement is signed." in text


def test_agenda_lists_sessions_by_day_with_vienna_times(client, edition):
    text = visible_text(client.get("/2030/agenda/"))
    assert "All times are Vienna time" in text
    text = text.split(" Show ", 1)[1]  # the programme, after the filter form
    assert "Eve of the conference Monday, 21 October 2030" in text
    assert "Day 1 Tuesday, 22 October 2030" in text
    assert "Day 2 Wednesday, 23 October 2030" in text
    assert (
        text.index("Migration Futures Dinner")
        < text.index("Conference opening")
        < text.index("Closing discussion")
    )
    assert "09:30–09:50 Opening Conference opening" in text
    assert "High-level panel Ambitious but realistic Prospects for cooperation" in text
    assert "Panellists Gerhard Karner , Daniel Delgado online Moderator Michael Spindelegger" in text
    assert "Side event On the brink of a new era" in text
    assert "Dinner Side event Migration Futures Dinner" in text
    assert "Closing discussion" in text and "Time not given" in text


def test_agenda_without_times_lists_sessions_in_order(client):
    edition = make_edition(2017, start_date=datetime.date(2017, 10, 23))
    make_session(edition, "Opening", order=1, format="opening")
    make_session(edition, "Keynote speeches", order=2, format="keynote")
    make_session(edition, "Side meetings", order=9, date=None, is_side_event=True, format="side_meeting")
    text = visible_text(client.get("/2017/agenda/"))
    assert text.index("Opening") < text.index("Keynote speeches") < text.index("Day not given")
    assert "The sources do not say on which day these took place" in text
    assert "The documents give no times" in text
    assert "Time not given" not in text and "Vienna time" not in text


def test_session_page(client, edition):
    text = visible_text(client.get("/2030/sessions/ambitious-but-realistic/"))
    assert "Ambitious but realistic Prospects for cooperation" in text
    assert "Tuesday, 22 October 2030 · 11:00–11:45 Vienna time" in text
    assert "Ministers discussed the Pact." in text
    assert "Panellists Gerhard Karner Federal Minister of the Interior, Austria Daniel Delgado online" in text
    assert "Moderator Michael Spindelegger Director General, ICMPD" in text
    assert "Cooperation does not stop once an agreement is signed." in text
    assert "Previous session Conference opening" in text
    assert "Next session On the brink of a new era" in text
    assert "Watch" not in text  # no video link without a video


def test_session_page_shows_video_link_when_there_is_one(client, edition):
    session = edition.sessions.get(slug="conference-opening")
    session.video_url = "https://example.org/video"
    session.save()
    page = parse(client.get(session.get_absolute_url()))
    assert "https://example.org/video" in page.links
    assert "Watch the session video" in page.visible


def test_edition_speakers_page(client, edition):
    text = visible_text(client.get("/2030/speakers/"))
    assert "Daniel Delgado Acting Deputy Assistant Secretary Panellist online Ambitious but realistic" in text
    assert (
        "Michael Spindelegger Director General, ICMPD Opening remarks Conference opening Moderator Ambitious"
        in text
    )


def test_side_events_page_shows_only_side_events(client, edition):
    text = visible_text(client.get("/2030/side-events/"))
    assert "On the brink of a new era" in text
    assert "Migration Futures Dinner" in text
    assert "Conference opening" not in text


def test_person_page_shows_appearances_across_editions_newest_first(client, edition):
    old = make_edition(2017, start_date=datetime.date(2017, 10, 23))
    panel = make_session(old, "Migration Partnerships and Operational Cooperation")
    make_participation(
        panel,
        make_person("Michael Spindelegger"),
        role="moderator",
        position="Director General, International Centre for Migration Policy Development",
    )
    text = visible_text(client.get("/speakers/michael-spindelegger/"))
    assert text.index("Vienna Migration Conference 2030") < text.index("Vienna Migration Conference 2017")
    # The 2030 position is the heading's: not repeated under "Then:"; the 2017 one differs.
    assert "Opening remarks Conference opening 22 October 2030 Moderator" in text
    assert "Then: Director General, International Centre for Migration Policy Development" in text
    assert "Moderator Migration Partnerships and Operational Cooperation 23 October 2017" in text
    assert "Cooperation does not stop once an agreement is signed." in text


def test_speakers_index_lists_the_editions_of_each_person(client, edition):
    old = make_edition(2017)
    make_participation(
        make_session(old, "Closing"), make_person("Michael Spindelegger"), role="closing_remarks"
    )
    text = visible_text(client.get("/speakers/"))
    assert "Michael Spindelegger Director General, ICMPD (2030) Editions: 2030 , 2017" in text
    assert "Gerhard Karner" in text


@pytest.mark.parametrize(
    "url",
    [
        "/1999/",
        "/1999/agenda/",
        "/2030/sessions/no-such-session/",
        "/speakers/nobody/",
        "/2031/",
        "/2031/agenda/",
        "/2031/schedule.json",
        "/not-a-page/",
    ],
)
def test_unknown_or_draft_pages_are_404_in_the_site_design(client, edition, url):
    make_edition(2031, status="draft")
    response = client.get(url)
    assert response.status_code == 404
    page = parse(response)
    assert page.h1 == ["Page not found"]
    assert "All editions" in page.visible


def test_draft_edition_people_do_not_appear(client, edition):
    draft = make_edition(2031, status="draft")
    make_participation(make_session(draft, "Secret panel"), make_person("Not Yet Announced"))
    assert client.get("/speakers/not-yet-announced/").status_code == 404
    assert "Not Yet Announced" not in visible_text(client.get("/speakers/"))
    assert "Secret panel" not in visible_text(client.get("/speakers/michael-spindelegger/"))
