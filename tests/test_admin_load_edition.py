"""The admin page "Load an edition file": upload, see the plan, confirm, apply."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from conferences.models import Edition, Session
from speakers.models import Person
from tests.dumps import content_dump
from tests.loadfiles import EXAMPLE, edition_2025, records_of

V2024 = "fixtures/vmc2024.json"
URL = "/admin/conferences/edition/load/"
SESSION_LINE = "session [2024, \"conference-opening\"] title: 'Conference opening' → 'Opening'"
PERSON_LINE = "person [\"simon-mordue\"] name: 'Simon Mordue' → 'Simon Mordue-Smith' (also shown at 2017)"


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/json")


def modified_2024():
    records = records_of(V2024)
    for record in records:
        fields = record["fields"]
        if record["model"] == "conferences.session" and fields["slug"] == "conference-opening":
            fields["title"] = "Opening"
        if record["model"] == "speakers.person" and fields["slug"] == "simon-mordue":
            fields["name"] = "Simon Mordue-Smith"
    return json.dumps(records, ensure_ascii=False).encode()


def show_plan(client, data, name="vmc2024.json", also=""):
    return client.post(URL, {"file": upload(name, data), "also_editions": also})


def apply(client, response, **ticks):
    fingerprint = response.context["confirm"].initial.get("fingerprint") or response.context[
        "confirm"
    ].data.get("fingerprint")
    return client.post(URL, {"apply": "Apply this plan", "fingerprint": fingerprint, **ticks})


def test_the_edition_list_links_to_the_load_page(editor_client):
    page = editor_client.get("/admin/conferences/edition/").content.decode()
    assert f'<a href="{URL}">Load an edition file</a>' in page


def test_the_plan_is_shown_and_nothing_is_written_before_confirmation(all_editions, editor_client):
    before = content_dump()
    response = show_plan(editor_client, modified_2024())
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["changes"] == [SESSION_LINE]
    assert response.context["shared_changes"] == [PERSON_LINE]
    assert "Plan for vmc2024.json" in page
    assert "total: 0 created, 2 updated" in page
    assert content_dump() == before


def test_confirming_with_both_ticks_applies_the_plan_and_writes_a_backup(
    all_editions, editor_client, settings
):
    response = show_plan(editor_client, modified_2024())
    done = apply(editor_client, response, update="on", update_shared="on")
    assert done.status_code == 302
    assert Session.objects.get(edition__year=2024, slug="conference-opening").title == "Opening"
    assert Person.objects.get(slug="simon-mordue").name == "Simon Mordue-Smith"
    [backup] = settings.BACKUP_DIR.glob("*.tar.gz")
    page = editor_client.get(done.url).content.decode()
    assert "Loaded vmc2024.json: 0 created, 2 updated." in page
    assert f"To undo this load: make restore FILE={backup}" in page


def test_confirming_without_the_needed_tick_writes_nothing(all_editions, editor_client, settings):
    before = content_dump()
    response = show_plan(editor_client, modified_2024())
    refused = apply(editor_client, response, update="on")
    assert refused.status_code == 200
    assert refused.context["notice"] == (
        "Nothing was written. To apply this plan, tick: "
        "Apply changes to shared records (people, organisations, venues)."
    )
    assert content_dump() == before
    assert list(settings.BACKUP_DIR.glob("*.tar.gz")) == []


def test_a_new_edition_is_created_after_confirmation_without_ticks(db, editor_client, settings):
    response = show_plan(editor_client, Path(EXAMPLE).read_bytes(), name="draft.json")
    assert len(response.context["creations"]) == 8
    assert not Edition.objects.filter(year=2099).exists()
    apply(editor_client, response)
    assert Edition.objects.get(year=2099).status == "draft"
    assert list(settings.BACKUP_DIR.glob("*.tar.gz")) == []


def test_a_file_touching_another_edition_shows_the_scoping_error(all_editions, editor_client):
    records = edition_2025()
    records.append({"model": "conferences.edition", "fields": {"year": 2024, "status": "draft"}})
    before = content_dump()
    response = show_plan(editor_client, json.dumps(records).encode(), name="vmc2025.json")
    assert response.context["errors"] == [
        "vmc2025.json: record 9 (conferences.edition [2024]): belongs to edition 2024, which this file "
        "does not create; name it with --also-edition 2024 to change it"
    ]
    assert apply(editor_client, response).status_code == 200
    assert content_dump() == before
    allowed = show_plan(editor_client, json.dumps(records).encode(), name="vmc2025.json", also="2024")
    assert allowed.context["changes"] == ["edition [2024] status: 'published' → 'draft'"]


def test_a_malformed_file_shows_the_error_without_a_server_error(all_editions, editor_client):
    before = content_dump()
    response = show_plan(editor_client, b'[{"model": "speakers.person", "fields": {"name": "Andr\xe9"}}]')
    assert response.status_code == 200
    [error] = response.context["errors"]
    assert error.startswith("vmc2024.json: not valid UTF-8 at byte offset 54")
    assert "Nothing was written." in response.content.decode()
    assert content_dump() == before


def test_a_file_over_the_cap_is_refused_at_upload(db, editor_client, settings):
    settings.LOAD_EDITION_MAX_BYTES = 100
    response = show_plan(editor_client, b"[" + b" " * 200 + b"]")
    assert response.context["form"].errors["file"] == ["202 bytes, over the cap of 100 bytes."]


def test_a_staff_user_without_the_permission_gets_403(all_editions, client):
    user = User.objects.create_user("staff", password="a-long-staff-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_edition"))
    client.force_login(user)
    before = content_dump()
    assert client.get(URL).status_code == 403
    assert show_plan(client, modified_2024()).status_code == 403
    assert client.post(URL, {"apply": "1", "update": "on", "update_shared": "on"}).status_code == 403
    assert content_dump() == before
    changelist = client.get("/admin/conferences/edition/")
    assert changelist.status_code == 200
    assert "Load an edition file" not in changelist.content.decode()


def test_applying_without_an_upload_in_the_session_writes_nothing(all_editions, editor_client):
    before = content_dump()
    response = editor_client.post(URL, {"apply": "1", "fingerprint": "x", "update": "on"})
    assert response.status_code == 302
    assert content_dump() == before


def test_a_plan_that_changed_since_it_was_shown_is_shown_again_not_applied(all_editions, editor_client):
    response = show_plan(editor_client, modified_2024())
    Session.objects.filter(edition__year=2024, slug="conference-opening").update(title="Edited meanwhile")
    before = content_dump()
    again = apply(editor_client, response, update="on", update_shared="on")
    assert again.context["notice"].startswith("The database changed since the plan was shown.")
    assert (
        "session [2024, \"conference-opening\"] title: 'Edited meanwhile' → 'Opening'"
        in again.context["changes"]
    )
    assert content_dump() == before
