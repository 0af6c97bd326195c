"""The documented editions, fact by fact, as a visitor reads them on the public pages."""

import json
from pathlib import Path

import jsonschema
import pytest

from conferences.models import Edition, Participation, Quote, Session
from speakers.models import Person

from .html import visible_text

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "specs" / "schedule-json.schema.json").read_text()
)


def counts(year):
    return {
        "sessions": Session.objects.filter(edition__year=year).count(),
        "people": Person.objects.filter(participations__edition__year=year).distinct().count(),
        "participations": Participation.objects.filter(edition__year=year).count(),
        "quotes": Quote.objects.filter(edition__year=year).count(),
    }


def test_counts_per_edition(all_editions):
    assert counts(2017) == {"sessions": 10, "people": 25, "participations": 28, "quotes": 29}
    assert counts(2021) == {"sessions": 6, "people": 9, "participations": 9, "quotes": 0}
    assert counts(2024) == {"sessions": 17, "people": 61, "participations": 76, "quotes": 34}


def test_editions_page_lists_all_three_newest_first(client, all_editions):
    text = visible_text(client.get("/editions/"))
    assert text.index("Conference 2024") < text.index("Conference 2021") < text.index("Conference 2017")
    assert "23–24 October 2017 · Austrian Academy of Sciences · In person" in text
    assert "19–20 October 2021 · Palais Niederösterreich · Hybrid" in text


def test_home_is_the_2024_edition(client, all_editions):
    text = visible_text(client.get("/"))
    assert "Vienna Migration Conference 2024" in text
    assert "22–23 October 2024" in text
    assert "The ninth Vienna Migration Conference" in text
    assert "More than 300 participants" in text and "Over 1,500 participants" in text
    # His fuller title (report l. 428), not the shorter ON STAGE line (fixtures/NOTES.md).
    assert (
        "Ivan Krastev FT contributing editor, permanent fellow at the Institute for Human Sciences "
        "in Vienna, and chair of the Sofia-based Centre for Liberal Strategies" in text
    )


def test_2024_agenda_times_exactly_as_in_the_programme(client, all_editions):
    text = visible_text(client.get("/2024/agenda/"))
    for line in [
        "Eve of the conference Monday, 21 October 2024",
        "Day 1 Tuesday, 22 October 2024",
        "09:30–09:50 Opening Conference opening",
        "09:50–10:30 Keynote conversation The EU's reckoning? Making sense of times of change and crisis",
        "11:00–11:45 High-level panel Ambitious but realistic",
        "11:45–12:15 High-level dialogue Towards a route-based approach",
        "12:45–13:45 Side event On the brink of a new era",
        "14:00–15:10 Armchair conversation In conversation on migration diplomacy",
        "15:30–16:30 Panel discussion The promises of external processing",
        "17:00–18:00 Panel discussion People on the move",
        "18:00–18:30 Armchair conversation EU migration policy from 2025",
        "19:15–20:45 Film screening Side event Town of Strangers",
        "Day 2 Wednesday, 23 October 2024",
        "09:00–09:40 Armchair conversation Labour migration pathways",
        "09:40–10:40 Panel discussion A reality check on labour migration",
        "11:10–11:50 Armchair conversation Ten building blocks for the Pact",
        "11:50–12:50 Panel discussion From policy to practice",
        "12:50–13:30 Closing discussion The next five years",
    ]:
        assert line in text, line
    assert (
        "Panellists Daniel Delgado online , Carsten Schmitz-Hoffmann , Bram Frouws Moderator Marija Raus"
        in text
    )
    assert "Guests 24 guests" in text


def test_2024_session_page_people_and_quote(client, all_editions):
    text = visible_text(client.get("/2024/sessions/ambitious-but-realistic/"))
    assert "Tuesday, 22 October 2024 · 11:00–11:45 Vienna time" in text
    assert "Gerhard Karner Federal Minister of the Interior, Austria" in text
    assert "Nikolaos Panagiotopoulos Minister of Migration and Asylum, Greece" in text
    assert "Moderator Michael Spindelegger Director General, ICMPD" in text
    assert "Cooperation does not stop once an agreement is signed." in text


def test_2024_warsaw_armchair_uses_the_majority_spelling(client, all_editions):
    text = visible_text(client.get("/2024/sessions/eu-migration-policy-from-2025/"))
    assert (
        "Maciej Duszczek Undersecretary of State, Ministry of the Interior and Administration, Poland" in text
    )
    assert "Duszczynka" not in text


def test_2024_side_events_include_the_dinner_on_the_eve(client, all_editions):
    text = visible_text(client.get("/2024/side-events/"))
    assert "Eve of the conference Monday, 21 October 2024" in text
    assert "Migration Futures Dinner" in text
    assert "Town of Strangers" in text
    assert "Ambitious but realistic" not in text


def test_2017_agenda_by_day_without_times(client, all_editions):
    text = visible_text(client.get("/2017/agenda/"))
    assert "The documents give no times, so the sessions are listed by day in programme order" in text
    assert "Vienna time" not in text and "Time not given" not in text
    text = text.split(" Show ", 1)[1]  # the programme, after the filter form
    assert text.index("Day 1 Monday, 23 October 2017") < text.index("High-level opening panel")
    assert text.index("Day 2 Tuesday, 24 October 2017") < text.index(
        "Migration Partnerships and Operational Cooperation"
    )
    assert "Day not given" in text and "Complementary Pathways to Protection – An Inventory" in text
    assert "–" not in text.split("Day 1")[1].split("Complementary")[0].replace(
        "Sustainable Partnerships Towards", ""
    )


def test_2017_panel_positions_as_held_then(client, all_editions):
    text = visible_text(client.get("/2017/sessions/sustainable-partnerships/"))
    assert "Moderator Ralph Genetzke Head of Brussels Mission, ICMPD" in text
    assert (
        "Hans Lundborg Ambassador, Division for Migration and Asylum Policy, Ministry of Justice, Sweden"
        in text
    )


def test_2021_speakers_named_without_sessions(client, all_editions):
    text = visible_text(client.get("/2021/speakers/"))
    assert "Selmo Cikotic Minister of Security, Bosnia and Herzegovina Speaker session not known" in text
    assert (
        "Amira El Fadil Commissioner for Health, Humanitarian Affairs and Social Development, "
        "African Union Commission" in text
    )
    agenda = visible_text(client.get("/2021/agenda/"))
    assert "Eve of the conference Monday, 18 October 2021" in agenda
    assert "The documents give no day or time for the sessions" in agenda
    assert "Day not given" not in agenda and "Time not given" not in agenda
    assert "The conference 19–20 October 2021" in agenda


def test_one_person_across_editions_with_the_position_held_at_each(client, all_editions):
    assert Person.objects.filter(name="Ralph Genetzke").count() == 1
    text = visible_text(client.get("/speakers/ralph-genetzke/"))
    assert text.index("Vienna Migration Conference 2024") < text.index("Vienna Migration Conference 2017")
    # The latest position heads the page; "Then:" only where an earlier one differs.
    assert "Ralph Genetzke Director, Brussels Mission, ICMPD (2024)" in text
    assert "Then: Director, Brussels Mission, ICMPD" not in text
    assert "Then: Head of Brussels Mission, ICMPD" in text
    assert "If we think about sustainable migration partnerships" in text
    mordue = visible_text(client.get("/speakers/simon-mordue/"))
    assert (
        "Simon Mordue Deputy Secretary General for Economic and Global Issues, European External "
        "Action Service (2024)" in mordue
    )
    assert (
        "Then: Deputy Director-General, Directorate-General for Migration and Home Affairs, "
        "European Commission" in mordue
    )


@pytest.mark.parametrize("year", [2017, 2021, 2024])
def test_schedule_json_is_valid_c3voc(client, all_editions, year):
    response = client.get(f"/{year}/schedule.json")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    jsonschema.Draft6Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    events = [
        e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room
    ]
    assert len(events) == Session.objects.filter(edition__year=year).count()
    assert all(e["url"].startswith(f"http://testserver/{year}/sessions/") for e in events)


def test_schedule_json_2024_times_roles_and_positions(client, all_editions):
    data = client.get("/2024/schedule.json").json()
    conference = data["schedule"]["conference"]
    assert conference["acronym"] == "vmc2024" and conference["time_zone_name"] == "Europe/Vienna"
    events = {e["slug"]: e for day in conference["days"] for room in day["rooms"].values() for e in room}
    panel = events["vmc2024-ambitious-but-realistic"]
    assert panel["date"] == "2024-10-22T11:00:00+02:00"
    assert panel["duration"] == "00:45"
    assert panel["url"] == "http://testserver/2024/sessions/ambitious-but-realistic/"
    karner = next(p for p in panel["persons"] if p["public_name"] == "Gerhard Karner")
    assert karner["role"] == "panellist"
    assert karner["position"] == "Federal Minister of the Interior, Austria"
    dinner = events["vmc2024-migration-futures-dinner"]
    assert (dinner["date"], dinner["duration"], dinner["track"]) == (
        "2024-10-21T00:00:00+02:00",
        "24:00",
        "Side events",
    )


def test_schedule_json_2021_sessions_without_a_day_span_the_conference(client, all_editions):
    data = client.get("/2021/schedule.json").json()
    events = [
        e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room
    ]
    opening = next(e for e in events if e["title"] == "Opening sessions")
    assert (opening["date"], opening["duration"]) == ("2021-10-19T00:00:00+02:00", "48:00")
    assert opening["description"] == "Day not given in the programme; listed across all conference days."


def test_drafts_are_invisible(client, all_editions):
    Edition.objects.filter(year=2024).update(status="draft")
    assert client.get("/2024/").status_code == 404
    # The newest published edition is now 2023, known only by year, venue and format.
    assert "Vienna Migration Conference 2023" in visible_text(client.get("/"))
    assert "Nicole de Moor" not in visible_text(client.get("/speakers/"))
    assert "2024" not in visible_text(client.get("/speakers/simon-mordue/")).split("Appearances")[1]
