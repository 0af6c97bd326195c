"""An admin fit for a hectic season: names as people say them, the right sessions found, lists in
programme order with 24-hour times, the next person on stage last, text stored one way."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation

from conferences.models import EditionPartner, Participation, Quote, Session, TeamMember
from speakers.models import Person

from .factories import (
    make_edition,
    make_organisation,
    make_participation,
    make_person,
    make_quote,
    make_session,
)
from .html import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(editor_client):
    return editor_client


def no_rows(*prefixes):
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


# __str__ as a person would say it ------------------------------------------------------------


def test_names_read_as_a_person_would_say_them():
    edition = make_edition(2024)
    person = make_person("Ivan Krastev")
    session = make_session(edition, "The EU's reckoning?")
    assert str(session) == "The EU's reckoning? (2024)"
    assert str(make_participation(session, person, role="keynote")) == (
        "Ivan Krastev — keynote, The EU's reckoning? (2024)"
    )
    assert str(make_participation(None, person, role="master_of_ceremonies", edition=edition)) == (
        "Ivan Krastev — master of ceremonies (2024)"
    )
    team = TeamMember.objects.create(edition=edition, person=person, responsibility="Programme")
    assert str(team) == "Ivan Krastev — Programme (2024)"
    partner = EditionPartner.objects.create(edition=edition, organisation=make_organisation("ICMPD"))
    assert str(partner) == "ICMPD — supporter (2024)"
    quote = make_quote(session, person, text="Europe is not a project of the past but " * 3)
    assert str(quote) == "Ivan Krastev (2024): Europe is not a project of the past but Europe is not a…"


def test_names_need_no_query_when_read_from_the_default_managers():
    edition = make_edition(2024)
    person = make_person("Ivan Krastev")
    session = make_session(edition, "Opening")
    make_participation(session, person)
    make_quote(session, person)
    TeamMember.objects.create(edition=edition, person=person)
    EditionPartner.objects.create(edition=edition, organisation=make_organisation())
    for model in [Session, Participation, Quote, TeamMember, EditionPartner]:
        rows = list(model.objects.all())
        with CaptureQueriesContext(connection) as queries:
            [str(row) for row in rows]
        assert len(queries) == 0, model


# No query per row in the admin -----------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


ADMIN_LISTS = [
    "/admin/conferences/edition/",
    "/admin/conferences/session/",
    "/admin/conferences/quote/",
    "/admin/conferences/participation/",
    "/admin/speakers/person/",
]


@pytest.mark.parametrize("url", ADMIN_LISTS)
def test_admin_lists_read_a_fixed_number_of_queries(editor, all_editions, url):
    count_queries(editor, url)  # warm the content-type cache
    before = count_queries(editor, url)
    edition = make_edition(2030)
    for n in range(5):
        session = make_session(edition, f"Extra session {n}")
        make_participation(session, make_person(f"Extra person {n}"), position="Somewhere")
        make_quote(session, make_person(f"Extra speaker {n}"))
    assert count_queries(editor, url) == before


def test_edition_session_and_person_pages_read_a_fixed_number_of_queries(editor, all_editions):
    def change_page(obj):
        return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"

    edition = make_edition(2030)
    session = make_session(edition, "Growing session")
    make_participation(None, make_person("Named once"), role="speaker", edition=edition)
    TeamMember.objects.create(edition=edition, person=make_person("Team once"))
    EditionPartner.objects.create(edition=edition, organisation=make_organisation("Partner once"))
    make_participation(session, make_person("First on stage"))
    make_quote(session, make_person("First quoted"))
    count_queries(editor, change_page(edition))  # warm the content-type cache
    edition_queries = count_queries(editor, change_page(edition))
    session_queries = count_queries(editor, change_page(session))
    regular = make_person("Regular speaker")
    make_participation(session, regular, organisation=make_organisation())
    count_queries(editor, change_page(regular))  # warm the person's content type
    person_queries = count_queries(editor, change_page(regular))
    for n in range(4):
        make_session(edition, f"More {n}")
        make_participation(None, make_person(f"Named {n}"), role="speaker", edition=edition)
        TeamMember.objects.create(edition=edition, person=make_person(f"Team {n}"))
        EditionPartner.objects.create(edition=edition, organisation=make_organisation(f"Partner {n}"))
        make_participation(session, make_person(f"On stage {n}"))
        make_quote(session, make_person(f"Quoted {n}"))
        make_participation(
            make_session(edition, f"Also {n}"), regular, organisation=make_organisation(f"Org {n}")
        )
    assert count_queries(editor, change_page(regular)) == person_queries
    assert count_queries(editor, change_page(edition)) == edition_queries
    assert count_queries(editor, change_page(session)) == session_queries


# Finding sessions ------------------------------------------------------------------------------


def autocomplete(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "conferences", "model_name": "participation", "field_name": "session", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_session_autocomplete_shows_each_dinner_with_its_year(editor, all_editions):
    assert sorted(autocomplete(editor, "dinner")) == [
        "Migration Futures Dinner (2021)",
        "Migration Futures Dinner (2024)",
    ]


def test_session_autocomplete_searches_titles_not_summaries(editor, all_editions):
    found = autocomplete(editor, "opening")
    assert found and all("opening" in text.lower() for text in found)
    in_summaries_only = Session.objects.filter(summary__icontains="opening").exclude(
        title__icontains="opening"
    )
    assert in_summaries_only.exists()
    assert not {str(session) for session in in_summaries_only} & set(found)


def test_session_autocomplete_finds_by_speaker_and_year(editor, all_editions):
    assert "Conference opening (2024)" in autocomplete(editor, "Malin Frankenhaeuser")


# Lists in programme order, 24-hour times, day filters -----------------------------------------------


def result_rows(response):
    body = response.content.decode().split('id="result_list"')[1].split("</table>")[0]
    return [visible for visible in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)[1:]]


def cells(row):
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    ]


def test_session_list_is_in_programme_order_newest_edition_first_with_24_hour_times(editor):
    old = make_edition(2023)
    new = make_edition(2024, start_date=datetime.date(2024, 10, 22))
    make_session(old, "Old opening", start_time=datetime.time(9, 0))
    make_session(new, "Afternoon", start_time=datetime.time(14, 30), end_time=datetime.time(15, 45))
    make_session(new, "Morning", start_time=datetime.time(11, 0))
    make_session(new, "Day two", date=datetime.date(2024, 10, 23), start_time=datetime.time(9, 0))
    make_session(new, "Undated", date=None)
    rows = [cells(row) for row in result_rows(editor.get("/admin/conferences/session/"))]
    assert [row[1:4] for row in rows] == [
        ["Morning", "2024", "Tue 22 Oct · 11:00"],
        ["Afternoon", "2024", "Tue 22 Oct · 14:30–15:45"],
        ["Day two", "2024", "Wed 23 Oct · 09:00"],
        ["Undated", "2024", "—"],
        ["Old opening", "2023", "Fri 20 Oct · 09:00"],
    ]


def test_long_titles_are_cut_to_the_column_with_the_whole_title_as_tooltip(editor):
    title = "Towards a route-based approach: partnerships along the Eastern Mediterranean route " * 2
    make_session(make_edition(2024), title.strip())
    html = editor.get("/admin/conferences/session/").content.decode()
    assert f'<span class="vmc-truncate" title="{title.strip()}">' in html


def test_admin_pages_load_the_admin_stylesheet_and_the_time_script(editor):
    html = editor.get("/admin/conferences/session/add/").content.decode()
    assert '<link rel="stylesheet" href="/static/admin-vmc.css">' in html
    assert '<script src="/static/admin-vmc-time.js"></script>' in html


def test_the_time_script_removes_the_server_offset_before_djangos_shortcuts_read_it():
    script = Path("static/admin-vmc-time.js").read_text()
    assert "document.addEventListener('DOMContentLoaded'" in script
    assert "delete document.body.dataset.adminUtcOffset" in script


def test_day_filter_offers_the_programme_days_of_the_chosen_edition_not_date_ranges(editor):
    edition = make_edition(2024, start_date=datetime.date(2024, 10, 22))
    other = make_edition(2023)
    make_session(edition, "Day one")
    make_session(edition, "Day two", date=datetime.date(2024, 10, 23))
    make_session(edition, "No day", date=None)
    make_session(other, "Elsewhere")
    page = visible_text(editor.get("/admin/conferences/session/", {"edition__id__exact": edition.pk}))
    assert "Past 7 days" not in page
    assert "By day All Wed 23 Oct 2024 Tue 22 Oct 2024 No day given" in page
    response = editor.get("/admin/conferences/session/", {"edition__id__exact": edition.pk, "day": "none"})
    assert [cells(row)[1] for row in result_rows(response)] == ["No day"]
    response = editor.get("/admin/conferences/session/", {"day": "2024-10-23"})
    assert [cells(row)[1] for row in result_rows(response)] == ["Day two"]


def test_times_show_24_hour_in_the_session_form(editor):
    session = make_session(make_edition(2024), "Morning", start_time=datetime.time(9, 30))
    html = editor.get(f"/admin/conferences/session/{session.pk}/change/").content.decode()
    assert re.search(r'name="start_time" value="09:30"', html)


def test_the_project_formats_give_24_hour_times_in_english():
    with translation.override("en-gb"):
        assert formats.time_format(datetime.time(11, 0)) == "11:00"
        assert formats.date_format(datetime.datetime(2024, 10, 22, 23, 5), "DATETIME_FORMAT") == (
            "22 Oct 2024, 23:05"
        )


# A new participant goes last; their latest position is offered ------------------------------------------


def test_a_new_participant_added_on_the_session_page_without_an_order_goes_last(editor):
    session = make_session(make_edition(2024), "Panel")
    make_participation(session, make_person("First"), order=1)
    make_participation(session, make_person("Second"), order=4)
    newcomers = [make_person("Third"), make_person("Fourth")]
    data = {
        "edition": session.edition_id,
        "title": session.title,
        "slug": session.slug,
        "format": session.format,
        "date": session.date.isoformat(),
        "order": "0",
        **no_rows("quotes"),
        "participations-TOTAL_FORMS": "2",
        "participations-INITIAL_FORMS": "0",
    }
    for index, person in enumerate(newcomers):
        data.update(
            {f"participations-{index}-person": person.pk, f"participations-{index}-role": "panellist"}
        )
    response = editor.post(f"/admin/conferences/session/{session.pk}/change/", data)
    assert response.status_code == 302
    assert list(session.participations.order_by("order").values_list("person__name", "order")) == [
        ("First", 1),
        ("Second", 4),
        ("Third", 5),
        ("Fourth", 6),
    ]


def test_a_person_named_for_the_edition_without_an_order_goes_after_the_others_named_so(editor):
    edition = make_edition(2024)
    make_participation(make_session(edition, "Panel"), make_person("On a panel"), order=9)
    make_participation(
        None, make_person("Master of ceremonies"), role="master_of_ceremonies", edition=edition, order=2
    )
    data = {
        "year": "2024",
        "title": edition.title,
        "start_date": edition.start_date.isoformat(),
        "end_date": edition.end_date.isoformat(),
        "format": edition.format,
        "status": edition.status,
        **no_rows("sessions", "partners", "team"),
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "0",
        "participations-0-person": make_person("Named speaker").pk,
        "participations-0-role": "speaker",
        "participations-0-order": "",
    }
    response = editor.post(f"/admin/conferences/edition/{edition.pk}/change/", data)
    assert response.status_code == 302
    assert Participation.objects.get(person__name="Named speaker").order == 3


def test_the_order_on_stage_may_be_left_empty_and_says_so(editor):
    session = make_session(make_edition(2024), "Panel")
    html = editor.get(f"/admin/conferences/session/{session.pk}/change/").content.decode()
    assert 'title="Order on stage. Leave empty to put them after the others."' in html
    assert '<th class="column-order">' in html  # not marked required


def test_latest_position_is_offered_to_staff_who_may_see_people(editor, client):
    person = make_person("Ivan Krastev")
    old, new = make_edition(2021), make_edition(2024)
    make_participation(make_session(old, "Old"), person, position="Old post")
    make_participation(
        make_session(new, "New"),
        person,
        position="Chair, Centre for Liberal Strategies",
        organisation=make_organisation(),
    )
    make_participation(make_session(new, "Later, no position", order=5), person, position="")
    response = editor.get(f"/admin/speakers/person/{person.pk}/latest-position/")
    assert response.json() == {
        "person": "Ivan Krastev",
        "position": "Chair, Centre for Liberal Strategies",
        "organisation": {
            "id": make_organisation().pk,
            "name": "International Centre for Migration Policy Development",
        },
        "year": 2024,
    }


def test_latest_position_is_refused_to_the_public_and_to_staff_without_permission(client):
    person = make_person("Ivan Krastev")
    url = f"/admin/speakers/person/{person.pk}/latest-position/"
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(User.objects.create_user("bare", password="a-long-bare-password", is_staff=True))
    assert client.get(url).status_code == 403


def test_participation_forms_carry_the_position_script(editor):
    session = make_session(make_edition(2024), "Panel")
    for url in [f"/admin/conferences/session/{session.pk}/change/", "/admin/conferences/participation/add/"]:
        assert 'src="/static/admin-vmc-position.js"' in editor.get(url).content.decode(), url


# Text stored one way ------------------------------------------------------------------------------------


def test_paragraphs_typed_with_crlf_show_as_paragraphs_on_the_session_page(client):
    make_session(make_edition(2024), "Panel", summary="One.\r\n\r\nTwo.")
    html = client.get("/2024/sessions/panel/").content.decode()
    assert "<p>One.</p><p>Two.</p>" in html


def test_text_saved_through_the_admin_is_stored_with_lf(editor):
    edition = make_edition(2024)
    response = editor.post(
        "/admin/conferences/session/add/",
        {
            "edition": edition.pk,
            "title": "Panel",
            "format": "panel_discussion",
            "order": "0",
            "summary": "One.\r\n\r\nTwo.\rThree.",
            **no_rows("participations", "quotes"),
        },
    )
    assert response.status_code == 302
    assert Session.objects.get(title="Panel").summary == "One.\n\nTwo.\nThree."


def test_a_name_typed_decomposed_is_stored_composed_and_a_second_spelling_is_refused(editor):
    response = editor.post(
        "/admin/speakers/person/add/",
        {"name": "Radim Z\u030cák", "slug": "radim-zak", **no_rows("participations")},
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="radim-zak")
    assert person.name == "Radim \u017dák"
    response = editor.post(
        "/admin/speakers/person/add/",
        {"name": "RADIM ŽÁK", "slug": "radim-zak-2", **no_rows("participations")},
    )
    assert response.status_code == 200
    assert (
        f"Radim Žák is already in the database (/speakers/radim-zak/, person {person.pk}); "
        "add the appearance to that person instead of a second record."
    ) in visible_text(response)
    assert Person.objects.count() == 1
