"""/<year>/schedule.xml: Frab schedule XML, valid against specs/frab-schedule.xsd (the c3voc
validator's schema), written from the same data as schedule.json."""

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from conferences.models import Edition, Session

from .factories import make_edition, make_participation, make_person, make_session

pytestmark = pytest.mark.django_db

SCHEMA = xmlschema.XMLSchema(Path(__file__).resolve().parent.parent / "specs" / "frab-schedule.xsd")


def schedule(client, year):
    response = client.get(f"/{year}/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    SCHEMA.validate(response.content.decode())
    return ET.fromstring(response.content)


def test_every_edition_with_days_has_a_valid_schedule_with_all_its_sessions(client, all_editions):
    with_days = [e for e in Edition.objects.all() if e.has_days]
    assert [e.year for e in with_days] == [2024, 2021, 2017]
    for edition in with_days:
        root = schedule(client, edition.year)
        titles = sorted(event.findtext("title") for event in root.iter("event"))
        assert titles == sorted(Session.objects.filter(edition=edition).values_list("title", flat=True))
        assert root.findtext("conference/acronym") == f"vmc{edition.year}"
        assert root.findtext("url") == f"http://testserver/{edition.year}/schedule.xml"


def test_an_edition_known_only_by_its_year_has_no_schedule_xml(client, all_editions):
    for edition in Edition.objects.filter(start_date__isnull=True):
        assert client.get(f"/{edition.year}/schedule.xml").status_code == 404, edition.year
    assert client.get("/1999/schedule.xml").status_code == 404


def test_schedule_xml_and_schedule_json_agree(client, all_editions):
    for year in (2017, 2021, 2024):
        root = schedule(client, year)
        data = client.get(f"/{year}/schedule.json").json()["schedule"]["conference"]
        json_events = {
            e["guid"]: e for day in data["days"] for events in day["rooms"].values() for e in events
        }
        xml_events = {e.get("guid"): e for e in root.iter("event")}
        assert set(xml_events) == set(json_events)
        for guid, event in xml_events.items():
            assert event.findtext("date") == json_events[guid]["date"]
            assert event.findtext("duration") == json_events[guid]["duration"]
            assert [p.text for p in event.iter("person")] == [
                p["public_name"] for p in json_events[guid]["persons"]
            ]
        assert [d.get("date") for d in root.iter("day")] == [d["date"] for d in data["days"]]


def test_2024_times_people_and_untimed_sessions(client, all_editions):
    root = schedule(client, 2024)
    events = {e.findtext("title"): e for e in root.iter("event")}
    opening = events["Conference opening"]
    assert opening.findtext("date") == "2024-10-22T09:30:00+02:00"
    assert (opening.findtext("start"), opening.findtext("duration")) == ("09:30", "00:20")
    assert [p.text for p in opening.iter("person")] == ["Michael Spindelegger", "Malin Frankenhaeuser"]
    assert opening.findtext("url") == "http://testserver/2024/sessions/conference-opening/"
    dinner = events["Migration Futures Dinner"]
    assert (dinner.findtext("start"), dinner.findtext("duration")) == ("00:00", "24:00")
    assert dinner.findtext("track") == "Side events"


def test_hostile_text_and_short_slugs_still_give_a_valid_file(client):
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 22))
    session = make_session(
        edition, "Ends </title> & <b>bold</b>\x0b", slug="qa", start_time=datetime.time(9), summary="a < b"
    )
    make_participation(session, make_person('Ada "Quote" <Lovelace>'), position="x & y")
    root = schedule(client, 2030)
    (event,) = root.iter("event")
    assert event.findtext("title") == "Ends </title> & <b>bold</b>"
    assert event.find("slug") is None  # "vmc2030-qa" is shorter than the format's slugs allow
    assert [p.text for p in event.iter("person")] == ['Ada "Quote" <Lovelace>']


def test_a_draft_schedule_xml_is_not_public(client):
    make_session(make_edition(2031, status="draft"), "Secret panel")
    assert client.get("/2031/schedule.xml").status_code == 404
