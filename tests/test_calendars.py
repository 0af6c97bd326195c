"""Calendar files (.ics): the whole edition, one session, one person's sessions; read back with
icalendar the way a calendar application reads them."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from icalendar import Calendar

from conferences.models import Edition, Participation, Session

from .factories import make_user
from .html import parse, visible_text

pytestmark = pytest.mark.django_db

VIENNA = ZoneInfo("Europe/Vienna")


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return Calendar.from_ical(response.content)


def events(response):
    return calendar(response).walk("VEVENT")


def by_summary(response):
    return {str(event["SUMMARY"]): event for event in events(response)}


@pytest.fixture
def draft(db):
    """The fictitious draft edition 2099 of fixtures/examples, with Jane Example on stage."""
    call_command("load_edition", "fixtures/examples/draft-edition.json", stdout=StringIO())


def test_every_edition_calendar_holds_exactly_its_sessions_with_a_day(client, all_editions):
    for edition in Edition.objects.all():
        response = client.get(f"/{edition.year}/agenda.ics")
        assert response["Content-Disposition"] == f'attachment; filename="vmc{edition.year}.ics"'
        parsed = calendar(response)
        assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Vienna"]
        dated = Session.objects.filter(edition=edition, date__isnull=False)
        found = parsed.walk("VEVENT")
        assert len(found) == dated.count(), edition.year
        assert sorted(str(e["URL"]) for e in found) == sorted(
            f"http://testserver{s.get_absolute_url()}" for s in dated
        )
        uids = [str(e["UID"]) for e in found]
        assert len(set(uids)) == len(uids)


def test_a_session_with_a_day_but_no_time_is_an_all_day_event(client, all_editions):
    dinner = by_summary(client.get("/2024/agenda.ics"))["Migration Futures Dinner"]
    assert dinner.decoded("DTSTART") == datetime.date(2024, 10, 21)
    assert not isinstance(dinner.decoded("DTSTART"), datetime.datetime)
    assert dinner.decoded("DTEND") == datetime.date(2024, 10, 22)
    assert "DTSTART;VALUE=DATE:20241021" in dinner.to_ical().decode()
    assert "Time not given in the programme." in str(dinner["DESCRIPTION"])


def test_a_timed_session_is_in_vienna_time_with_its_people_roles_and_place(client, all_editions):
    opening = by_summary(client.get("/2024/agenda.ics"))["Conference opening"]
    assert opening.decoded("DTSTART") == datetime.datetime(2024, 10, 22, 9, 30, tzinfo=VIENNA)
    assert opening.decoded("DTEND") == datetime.datetime(2024, 10, 22, 9, 50, tzinfo=VIENNA)
    assert "DTSTART;TZID=Europe/Vienna:20241022T093000" in opening.to_ical().decode()
    description = str(opening["DESCRIPTION"])
    assert (
        "Opening remarks: Michael Spindelegger (Director General, ICMPD); "
        "Malin Frankenhaeuser (Head of Policy and VMC Lead, ICMPD)"
    ) in description
    assert str(opening["URL"]) == "http://testserver/2024/sessions/conference-opening/"
    assert str(opening["LOCATION"]) == "Palais Niederösterreich, Herrengasse 13, Vienna"


def test_guests_are_listed_apart_from_the_people_on_stage(client, all_editions):
    description = str(by_summary(client.get("/2024/agenda.ics"))["Migration Futures Dinner"]["DESCRIPTION"])
    lines = description.splitlines()
    speakers = next(line for line in lines if line.startswith("Speakers: "))
    guests = next(line for line in lines if line.startswith("Guests: "))
    assert "Ivan Vejvoda" in speakers and "Hugo Brady" not in speakers
    assert "Hugo Brady (Senior Strategic Advisor, ICMPD)" in guests


def test_the_vienna_timezone_in_the_file_gives_vienna_offsets(client, all_editions):
    timezone = calendar(client.get("/2024/agenda.ics")).walk("VTIMEZONE")[0].to_tz()
    for year in range(2016, 2031):
        for month, day in [(1, 15), (3, 30), (4, 2), (7, 1), (10, 20), (10, 29), (12, 31)]:
            moment = datetime.datetime(year, month, day, 12)
            assert moment.replace(tzinfo=timezone).utcoffset() == moment.replace(tzinfo=VIENNA).utcoffset()


def test_uids_are_stable_across_requests_and_reloads_and_name_no_database_id(client, all_editions):
    first = [str(e["UID"]) for e in events(client.get("/2017/agenda.ics"))]
    assert first == [str(e["UID"]) for e in events(client.get("/2017/agenda.ics"))]
    # Delete the edition and load its file again: new ids, same UIDs.
    old_ids = set(Session.objects.filter(edition__year=2017).values_list("pk", flat=True))
    Edition.objects.filter(year=2017).delete()
    call_command("load_edition", "fixtures/vmc2017.json", stdout=StringIO())
    assert not old_ids & set(Session.objects.filter(edition__year=2017).values_list("pk", flat=True))
    assert first == [str(e["UID"]) for e in events(client.get("/2017/agenda.ics"))]


def test_uids_are_unique_across_editions_and_the_same_in_every_file(client, all_editions):
    every = {}
    for edition in Edition.objects.all():
        for event in events(client.get(f"/{edition.year}/agenda.ics")):
            assert str(event["UID"]) not in every
            every[str(event["UID"])] = str(event["URL"])
    for session in Session.objects.filter(date__isnull=False):
        (event,) = events(client.get(f"/{session.edition.year}/sessions/{session.slug}.ics"))
        assert every[str(event["UID"])] == f"http://testserver{session.get_absolute_url()}"


def test_one_session_calendar_and_the_refusals(client, all_editions):
    response = client.get("/2024/sessions/conference-opening.ics")
    assert response["Content-Disposition"] == 'attachment; filename="vmc2024-conference-opening.ics"'
    (event,) = events(response)
    assert str(event["SUMMARY"]) == "Conference opening"
    # No day in the documents: no calendar file for it.
    assert client.get("/2021/sessions/opening-sessions.ics").status_code == 404
    for path in ["/2024/sessions/no-such-session.ics", "/1999/agenda.ics", "/2024/sessions/.ics"]:
        assert client.get(path).status_code == 404, path


def test_a_person_calendar_holds_their_sessions_with_the_position_held_then(client, all_editions):
    response = client.get("/speakers/ralph-genetzke.ics")
    assert response["Content-Disposition"] == 'attachment; filename="ralph-genetzke.ics"'
    found = events(response)
    sessions = Participation.objects.filter(
        person__slug="ralph-genetzke", session__isnull=False, session__date__isnull=False
    )
    assert len(found) == sessions.count() == 3
    years = [event.decoded("DTSTART").year for event in found]
    assert years == sorted(years)  # oldest first
    by_year = {
        year: [str(e["DESCRIPTION"]) for e in found if e.decoded("DTSTART").year == year] for year in years
    }
    assert "Moderator: Ralph Genetzke (Head of Brussels Mission, ICMPD)" in by_year[2017][0]
    assert all("Moderator: Ralph Genetzke (Director, Brussels Mission, ICMPD)" in d for d in by_year[2024])
    assert client.get("/speakers/no-such-person.ics").status_code == 404


def test_a_draft_is_not_in_any_calendar_for_the_public(client, all_editions, draft):
    for path in ["/2099/agenda.ics", "/2099/sessions/conference-opening.ics", "/speakers/jane-example.ics"]:
        assert client.get(path).status_code == 404, path


def test_staff_preview_a_draft_calendar_which_no_cache_keeps(client, all_editions, draft):
    client.force_login(make_user("staff", staff=True))
    response = client.get("/2099/agenda.ics")
    assert len(events(response)) == 2
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    person = client.get("/speakers/jane-example.ics")
    assert len(events(person)) == 1 and person["Cache-Control"] == "private, no-store"


def test_the_page_cache_keeps_a_calendar_with_its_file_name(client, all_editions):
    first = client.get("/2024/agenda.ics")
    second = client.get("/2024/agenda.ics")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    assert second["Content-Disposition"] == 'attachment; filename="vmc2024.ics"'


def test_the_agenda_offers_the_exports_in_plain_words_and_says_what_the_calendar_leaves_out(
    client, all_editions
):
    page = parse(client.get("/2021/agenda/"))
    assert "Add the whole programme to your calendar (.ics)" in page.visible
    assert "Programme for schedule apps (Frab XML)" in page.visible
    assert "Programme as data (JSON)" in page.visible
    assert "5 sessions whose day the documents do not give are not in the calendar file." in page.visible
    assert {"/2021/agenda.ics", "/2021/schedule.xml", "/2021/schedule.json"} <= set(page.links)
    text = visible_text(client.get("/2024/agenda/"))
    assert "Add the whole programme to your calendar (.ics)" in text
    assert "not in the calendar file" not in text
    filtered = visible_text(client.get("/2021/agenda/?format=panel_discussion"))
    assert "5 sessions whose day the documents do not give are not in the calendar file." in filtered, (
        "the count is of the whole programme the files hold, not of the sessions a filter shows"
    )
    overview = visible_text(client.get("/2024/"))
    assert "Programme as data (JSON)" in overview and "c3voc" not in overview


def test_session_and_person_pages_offer_add_to_calendar(client, all_editions):
    page = parse(client.get("/2024/sessions/conference-opening/"))
    assert "Add to calendar (.ics)" in page.visible
    assert "/2024/sessions/conference-opening.ics" in page.links
    dayless = visible_text(client.get("/2021/sessions/opening-sessions/"))
    assert "Add to calendar" not in dayless
    assert "Not in the calendar files: the documents do not give this session's day." in dayless
    person = parse(client.get("/speakers/ralph-genetzke/"))
    assert "Add Ralph Genetzke's sessions to your calendar (.ics)" in person.visible
    assert "/speakers/ralph-genetzke.ics" in person.links
