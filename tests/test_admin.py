"""Editors edit conference content through the admin, and nothing else."""

import pytest
from django.contrib.auth.models import Group

from conferences.models import Session

from .factories import make_edition, make_person, make_session

pytestmark = pytest.mark.django_db


def test_editors_group_can_edit_content_but_not_accounts():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {
        "add_session",
        "change_edition",
        "delete_participation",
        "change_person",
        "add_quote",
    } <= codenames
    assert not codenames & {"add_user", "change_user", "change_group", "add_permission"}


def test_editor_sees_content_but_not_users_or_groups(editor_client):
    index = editor_client.get("/admin/").content.decode()
    assert "Sessions" in index and "People" in index and "Editions" in index
    assert "/admin/auth/user/" not in index
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_editor_adds_a_session_with_people_through_the_admin(editor_client):
    edition = make_edition(2030)
    person = make_person("Sedef Dearing")
    response = editor_client.post(
        "/admin/conferences/session/add/",
        {
            "edition": edition.pk,
            "format": "high_level_dialogue",
            "title": "Towards a route-based approach",
            "subtitle": "",
            "slug": "towards-a-route-based-approach",
            "date": "2030-10-20",
            "start_time": "11:45",
            "end_time": "12:15",
            "order": "3",
            "venue": "",
            "room": "",
            "summary": "",
            "video_url": "",
            "participations-TOTAL_FORMS": "1",
            "participations-INITIAL_FORMS": "0",
            "participations-0-order": "1",
            "participations-0-person": person.pk,
            "participations-0-role": "moderator",
            "participations-0-position": "Director, Migration Dialogues and Cooperation, ICMPD",
            "participations-0-organisation": "",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get(slug="towards-a-route-based-approach")
    participation = session.participations.get()
    assert (participation.person, participation.role, participation.edition) == (person, "moderator", edition)


def add_session(client, edition, **fields):
    """POST the admin's add-session form with no people or quotes."""
    data = {
        "edition": edition.pk,
        "format": "panel_discussion",
        "order": "1",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post("/admin/conferences/session/add/", data)


def test_admin_shows_a_clear_error_for_a_session_ending_before_it_starts(editor_client):
    response = add_session(
        editor_client,
        make_edition(2030),
        title="Backwards",
        slug="backwards",
        date="2030-10-20",
        start_time="12:00",
        end_time="11:00",
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert not Session.objects.filter(slug="backwards").exists()


def test_admin_rejects_a_main_session_outside_the_edition_days(editor_client):
    response = add_session(
        editor_client, make_edition(2030), title="Too late", slug="too-late", date="2030-11-20"
    )
    assert "only side events may fall outside them" in response.content.decode()
    assert not Session.objects.filter(slug="too-late").exists()


def test_publish_action_makes_a_draft_public(editor_client, client):
    edition = make_edition(2030, status="draft")
    make_session(edition, "Opening")
    response = editor_client.post(
        "/admin/conferences/edition/", {"action": "publish", "_selected_action": [edition.pk]}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == "published"


def test_admin_list_pages_render(editor_client, all_editions):
    for url in [
        "/admin/conferences/edition/",
        "/admin/conferences/session/",
        "/admin/speakers/person/",
        "/admin/conferences/participation/",
        "/admin/conferences/quote/",
        "/admin/speakers/organisation/",
        "/admin/conferences/session/?q=Mordue",
        "/admin/speakers/person/?q=genetzke",
    ]:
        assert editor_client.get(url).status_code == 200, url
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    page = editor_client.get(f"/admin/conferences/session/{session.pk}/change/").content.decode()
    assert "Malin Frankenhaeuser" in page


def test_bookmarks_to_participations_under_their_former_app_lead_to_the_same_admin_page(editor_client):
    response = editor_client.get("/admin/speakers/participation/12/change/?_changelist_filters=x")
    assert response.status_code == 301
    assert response["Location"] == "/admin/conferences/participation/12/change/?_changelist_filters=x"
    assert (
        editor_client.get("/admin/speakers/participation/")["Location"] == "/admin/conferences/participation/"
    )
