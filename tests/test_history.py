"""Every change to the content is recorded with who, when and what; any version can be restored,
any deletion recovered; editors cannot delete an edition."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from reversion.models import Revision, Version

from conferences.content.history import recorded, restore
from conferences.models import Edition, Participation, Quote, Session
from speakers.models import Person

from .admin_forms import form_data
from .factories import make_edition, make_participation, make_person, make_quote, make_session
from .html import parse, visible_text

pytestmark = pytest.mark.django_db

SESSION_ADMIN = "/admin/conferences/session/"


def edit(client, url, form_id, **changes):
    """Open an admin change form and save it with `changes`, as an editor would."""
    response = client.post(url, form_data(client.get(url), form_id, **changes))
    assert response.status_code == 302, visible_text(response)[:3000]
    return response


def history_links(client, url):
    """The 'Restore this version' links of a history page, newest first."""
    page = client.get(url).content.decode()
    return re.findall(r'<a href="([^"]+)">Restore this version</a>', page)


def test_editing_a_session_shows_each_changed_field_in_its_history(editor_client):
    edition = make_edition(2030)
    session = make_session(edition, "Conference opening", room="Hall A")
    change = f"{SESSION_ADMIN}{session.pk}/change/"

    edit(editor_client, change, "session_form", title="Opening", room="")

    history = visible_text(editor_client.get(f"{SESSION_ADMIN}{session.pk}/history/"))
    assert "title: “Conference opening” → “Opening”" in history
    assert "room: “Hall A” → (empty)" in history
    assert "editor" in history
    assert "Changed Title and Room." in history
    assert "First recorded version." in history


def test_history_names_related_objects_and_shortens_long_texts(editor_client):
    edition = make_edition(2030)
    session = make_session(edition, "Panel", summary="word " * 100)
    make_participation(session, make_person("Ivan Krastev"), role="panellist")
    other = make_person("Jane Example")
    change = f"{SESSION_ADMIN}{session.pk}/change/"

    edit(
        editor_client,
        change,
        "session_form",
        summary="Short now.",
        **{"participations-0-role": "moderator", "participations-0-person": str(other.pk)},
    )

    history = visible_text(editor_client.get(f"{SESSION_ADMIN}{session.pk}/history/"))
    assert "summary: “word word word" in history
    assert "…” → “Short now.”" in history
    assert "word " * 30 not in history
    assert "person: “Ivan Krastev” → “Jane Example”; role: Panellist → Moderator" in history


def test_restoring_an_earlier_version_puts_the_old_title_back(editor_client, client):
    edition = make_edition(2030)
    session = make_session(edition, "Conference opening")
    speaker = make_participation(session, make_person("Jane Example"), role="opening_remarks")
    change = f"{SESSION_ADMIN}{session.pk}/change/"
    edit(editor_client, change, "session_form", title="Opening")

    older = history_links(editor_client, f"{SESSION_ADMIN}{session.pk}/history/")[0]
    preview = editor_client.get(older)
    assert "Conference opening" in visible_text(preview)
    session.refresh_from_db()
    assert session.title == "Opening"  # looking is not restoring

    response = editor_client.post(older, form_data(preview, "session_form"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Conference opening"
    assert list(session.participations.all()) == [speaker]
    history_page = editor_client.get(f"{SESSION_ADMIN}{session.pk}/history/")
    history = visible_text(history_page)
    assert "Restored the version of" in history
    assert "title: “Opening” → “Conference opening”" in history
    # The restore names the version's date as the history table writes it.
    restored_from = re.search(r"Restored the version of (.+?, \d\d:\d\d:\d\d)", history).group(1)
    table_dates = re.findall(r'<th scope="row">([^<]+)</th>', history_page.content.decode())
    assert restored_from in table_dates


def test_restoring_a_session_leaves_the_rest_of_its_edition_alone(editor_client):
    edition = make_edition(2030)
    first, second = make_session(edition, "First"), make_session(edition, "Second")
    with recorded("Loaded fixtures/vmc2030.json"):
        edition.save()  # one revision holding the edition and both sessions
    edit(editor_client, f"{SESSION_ADMIN}{first.pk}/change/", "session_form", title="First, renamed")
    edit(editor_client, f"{SESSION_ADMIN}{second.pk}/change/", "session_form", title="Second, renamed")

    older = history_links(editor_client, f"{SESSION_ADMIN}{first.pk}/history/")[0]
    editor_client.post(older, form_data(editor_client.get(older), "session_form"))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.title, second.title) == ("First", "Second, renamed")


def test_deleted_session_comes_back_with_its_participations_and_quotes(editor_client, client, all_editions):
    session = Session.objects.get(edition__year=2024, slug="ambitious-but-realistic")
    url = session.get_absolute_url()
    people = sorted(session.participations.values_list("person__name", "role"))
    quotes = sorted(session.quotes.values_list("text", flat=True))
    assert len(people) == 4 and len(quotes) == 3
    Revision.objects.all().delete()  # as for content loaded before history began
    assert not Version.objects.get_for_object(session).exists()

    confirm = editor_client.get(f"{SESSION_ADMIN}{session.pk}/delete/")
    assert "Participations: 4" in visible_text(confirm) and "Quotes: 3" in visible_text(confirm)
    assert editor_client.post(f"{SESSION_ADMIN}{session.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get(url).status_code == 404

    recover_list = editor_client.get(f"{SESSION_ADMIN}recover/")
    listed = visible_text(recover_list)
    assert session.title in listed
    assert "Deleted session" in listed and "with 4 participations, 3 quotes" in listed and "editor" in listed
    link = next(
        href for href in parse(recover_list).links if href and "/recover/" in href and href[-2].isdigit()
    )
    preview = editor_client.get(link)
    assert not Session.objects.filter(pk=session.pk).exists()  # the preview restores nothing
    response = editor_client.post(link, form_data(preview, "session_form"))
    assert response.status_code == 302

    restored = Session.objects.get(pk=session.pk)
    assert sorted(restored.participations.values_list("person__name", "role")) == people
    assert sorted(restored.quotes.values_list("text", flat=True)) == quotes
    assert client.get(url).status_code == 200
    assert "Recovered as it was before its deletion" in visible_text(
        editor_client.get(f"{SESSION_ADMIN}{session.pk}/history/")
    )


def test_sessions_deleted_from_the_list_can_be_recovered(editor_client):
    edition = make_edition(2030)
    session = make_session(edition, "Gone by mistake")
    make_quote(session, make_person("Jane Example"))
    editor_client.post(
        SESSION_ADMIN, {"action": "delete_selected", "_selected_action": [session.pk], "post": "yes"}
    )
    assert not Session.objects.filter(pk=session.pk).exists()
    deleted = Version.objects.get_deleted(Session).get()
    assert deleted.revision.comment == "Deleted session “Gone by mistake (2030)” with 1 quote"
    assert deleted.revision.user.username == "editor"


def test_participation_removed_in_the_session_form_can_be_recovered(editor_client):
    session = make_session(make_edition(2030), "Panel")
    participation = make_participation(session, make_person("Jane Example"))
    edit(
        editor_client,
        f"{SESSION_ADMIN}{session.pk}/change/",
        "session_form",
        **{"participations-0-DELETE": "on"},
    )
    assert not Participation.objects.filter(pk=participation.pk).exists()
    listed = visible_text(editor_client.get("/admin/conferences/participation/recover/"))
    assert "Deleted participation" in listed


def test_recovery_is_refused_when_something_it_refers_to_is_gone(editor_client):
    session = make_session(make_edition(2030), "Panel")
    person = make_person("Jane Example")
    make_participation(session, person)
    editor_client.post(f"{SESSION_ADMIN}{session.pk}/delete/", {"post": "yes"})
    person.delete()
    version = Version.objects.get_deleted(Session).get()

    response = editor_client.get(f"{SESSION_ADMIN}recover/{version.pk}/", follow=True)

    text = visible_text(response)
    assert "Cannot restore" in text and "refers to person" in text and "recover that first" in text
    assert not Session.objects.filter(pk=session.pk).exists()


def test_publish_and_unpublish_are_in_the_editions_history_with_the_user(editor_client):
    edition = make_edition(2030, status="draft")
    for action in ["publish", "unpublish"]:
        editor_client.post(
            "/admin/conferences/edition/", {"action": action, "_selected_action": [edition.pk]}
        )

    history = visible_text(editor_client.get(f"/admin/conferences/edition/{edition.pk}/history/"))
    assert "editor Published status: Draft → Published" in history
    assert "editor Returned to draft status: Published → Draft" in history


def test_an_editor_cannot_delete_an_edition(editor_client):
    edition = make_edition(2030)
    change = parse(editor_client.get(f"/admin/conferences/edition/{edition.pk}/change/"))
    assert not [href for href in change.links if href and href.endswith("/delete/")]
    changelist = editor_client.get("/admin/conferences/edition/").content.decode()
    assert "delete_selected" not in changelist

    assert editor_client.get(f"/admin/conferences/edition/{edition.pk}/delete/").status_code == 403
    assert (
        editor_client.post(f"/admin/conferences/edition/{edition.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    editor_client.post(
        "/admin/conferences/edition/",
        {"action": "delete_selected", "_selected_action": [edition.pk], "post": "yes"},
    )
    assert Edition.objects.filter(pk=edition.pk).exists()


def test_a_superuser_deletes_an_edition_after_seeing_all_that_goes_with_it_and_can_recover_it(
    admin_client, client, all_editions
):
    edition = Edition.objects.get(year=2024)
    delete = f"/admin/conferences/edition/{edition.pk}/delete/"
    assert delete in parse(admin_client.get(f"/admin/conferences/edition/{edition.pk}/change/")).links
    page = visible_text(admin_client.get(delete))
    for count in [
        "Sessions: 17",
        "Participations: 76",
        "Quotes: 34",
        "Edition partners: 3",
        "Team members: 15",
    ]:
        assert count in page
    assert "Conference opening" in page

    admin_client.post(delete, {"post": "yes"})
    assert not Edition.objects.filter(year=2024).exists()
    assert client.get("/2024/").status_code == 404

    version = Version.objects.get_deleted(Edition).get()
    link = f"/admin/conferences/edition/recover/{version.pk}/"
    assert admin_client.post(link, form_data(admin_client.get(link), "edition_form")).status_code == 302
    assert Session.objects.filter(edition__year=2024).count() == 17
    assert Participation.objects.filter(edition__year=2024).count() == 76
    assert Quote.objects.filter(edition__year=2024).count() == 34
    assert client.get("/2024/agenda/").status_code == 200


def test_writes_inside_recorded_appear_in_history_with_its_comment(editor_client):
    user = User.objects.get(username="editor")
    with recorded("Loaded fixtures/x.json", user=user):
        session = make_session(make_edition(2030), "Conference opening")
        person = make_person("Jane Example")
        person.bio = "Director."
        person.save()

    assert Version.objects.get_for_object(session).get().revision.comment == "Loaded fixtures/x.json"
    assert Version.objects.get_for_object(person).count() == 1
    history = visible_text(editor_client.get(f"/admin/speakers/person/{person.pk}/history/"))
    assert "Loaded fixtures/x.json" in history and "editor" in history


def test_nothing_is_recorded_when_the_writes_inside_recorded_fail():
    with pytest.raises(RuntimeError), recorded("Loaded fixtures/x.json"):
        make_person("Jane Example")
        raise RuntimeError("invalid file")
    assert not Person.objects.exists()
    assert not Version.objects.exists()


def test_after_createinitialrevisions_a_loaded_session_can_be_edited_and_reverted(
    editor_client, all_editions
):
    call_command("createinitialrevisions", stdout=StringIO())
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    assert Version.objects.get_for_object(session).exists()
    edit(editor_client, f"{SESSION_ADMIN}{session.pk}/change/", "session_form", title="Opening")

    older = history_links(editor_client, f"{SESSION_ADMIN}{session.pk}/history/")[0]
    editor_client.post(older, form_data(editor_client.get(older), "session_form"))

    session.refresh_from_db()
    assert session.title == "Conference opening"
    assert Session.objects.filter(edition__year=2024).count() == 17


def test_a_recorded_change_to_a_never_versioned_session_can_be_reverted(editor_client, all_editions):
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    with recorded("Loaded fixtures/vmc2024.json"):
        session.title = "Opening (corrected)"
        session.save()

    history = visible_text(editor_client.get(f"{SESSION_ADMIN}{session.pk}/history/"))
    assert "Loaded fixtures/vmc2024.json title: “Conference opening” → “Opening (corrected)”" in history
    older = history_links(editor_client, f"{SESSION_ADMIN}{session.pk}/history/")[0]
    editor_client.post(older, form_data(editor_client.get(older), "session_form"))
    session.refresh_from_db()
    assert session.title == "Conference opening"
    assert session.participations.count() == 2


def test_every_content_model_is_versioned():
    import reversion
    from django.apps import apps

    content = ["Edition", "Session", "Venue", "EditionPartner", "TeamMember", "Quote"]
    models = [apps.get_model("conferences", name) for name in content] + [
        apps.get_model(*label.split("."))
        for label in ["speakers.Person", "speakers.Organisation", "conferences.Participation"]
    ]
    assert [model for model in models if not reversion.is_registered(model)] == []


def test_a_load_is_recorded_in_history_and_can_be_reverted(tmp_path):
    call_command("load_edition", "fixtures/vmc2024.json", stdout=StringIO())
    opening = Session.objects.get(edition__year=2024, slug="conference-opening")
    assert Version.objects.get_for_object(opening).get().revision.get_comment() == "Loaded vmc2024.json"

    records = json.loads(Path("fixtures/vmc2024.json").read_text())
    for record in records:
        if record["model"] == "conferences.session" and record["fields"]["slug"] == "conference-opening":
            record["fields"]["title"] = "Opening"
    changed = tmp_path / "vmc2024-retitled.json"
    changed.write_text(json.dumps(records))
    call_command("load_edition", str(changed), "--update", stdout=StringIO())
    versions = Version.objects.get_for_object(opening)
    assert [v.revision.get_comment() for v in versions] == [
        "Loaded vmc2024-retitled.json",
        "Loaded vmc2024.json",
    ]

    restore(versions[1])
    opening.refresh_from_db()
    assert opening.title == "Conference opening"
