"""The full-page cache serves anonymous visitors and is never stale.

The invalidation tests run with real transactions (`transaction=True`), as in production: the
version is bumped when a write commits, not by the shortcut that lets a test see its own
uncommitted writes (switched off here)."""

import datetime
import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.utils.http import http_date
from reversion.models import Version

from conferences.content.backup import create_backup, restore_backup
from conferences.content.history import restore
from conferences.models import Edition, Session
from vmc_project import pagecache

from .admin_forms import form_data
from .factories import make_edition, make_session

AGENDA = "/2024/agenda/"


class NoShortcut:
    """Stands in for the per-thread "this thread wrote" flag: never set."""

    pending = property(lambda self: False, lambda self, value: None)


@pytest.fixture
def committed(monkeypatch):
    monkeypatch.setattr(pagecache, "_dirty", NoShortcut())


def visitor():
    return Client()


def editor():
    user = User.objects.create_user("editor-x", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def agenda_text():
    return visitor().get(AGENDA).content.decode()


@pytest.mark.django_db
def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(django_assert_num_queries):
    make_session(make_edition(2024), "Opening of the conference")
    first = visitor().get(AGENDA)
    with django_assert_num_queries(0):
        second = visitor().get(AGENDA)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Opening of the conference" in second.content.decode()
    assert second["Cache-Control"] == "max-age=0, must-revalidate"
    assert second["Vary"] == "Accept-Encoding, Cookie"
    assert "default-src 'self'" in second["Content-Security-Policy"]  # added on every hit
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_if_none_match_and_if_modified_since_give_304(django_assert_num_queries):
    make_edition(2024)
    first = visitor().get(AGENDA)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    with django_assert_num_queries(0):
        again = visitor().get(AGENDA, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    later = visitor().get(AGENDA, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code == 304
    other = visitor().get(AGENDA, HTTP_IF_NONE_MATCH='W/"something-else"')
    assert other.status_code == 200


@pytest.mark.django_db
def test_last_modified_moves_when_content_changes(committed, monkeypatch):
    edition = make_edition(2024)
    monkeypatch.setattr(pagecache.time, "time_ns", lambda: 1_700_000_000 * 10**9)
    pagecache.invalidate()
    assert visitor().get(AGENDA)["Last-Modified"] == http_date(1_700_000_000)
    monkeypatch.setattr(pagecache.time, "time_ns", lambda: 1_800_000_000 * 10**9)
    edition.title = "Retitled"
    edition.save()
    pagecache.invalidate()
    response = visitor().get(AGENDA, HTTP_IF_MODIFIED_SINCE=http_date(1_700_000_000))
    assert response.status_code == 200
    assert response["Last-Modified"] == http_date(1_800_000_000)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", [AGENDA, "/2024/schedule.json", "/2024/schedule.xml", "/2024/agenda.ics", "/sitemap.xml"]
)
def test_html_and_json_are_gzipped_for_clients_that_accept_it(path):
    make_session(make_edition(2024), "Opening of the conference")
    plain = visitor().get(path)
    zipped = visitor().get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
    assert zipped["Vary"] == "Accept-Encoding, Cookie"
    assert zipped["ETag"] == plain["ETag"]
    if path.endswith(".json"):
        assert json.loads(gzip.decompress(zipped.content))["schedule"]


@pytest.mark.django_db
def test_head_is_answered_from_the_cache_without_a_body():
    make_edition(2024)
    body = visitor().get(AGENDA).content
    head = visitor().head(AGENDA)
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(body))


@pytest.mark.django_db
def test_signed_in_editors_are_never_served_from_the_cache_nor_fill_it():
    make_edition(2024)
    visitor().get(AGENDA)
    staff = editor()
    response = staff.get(AGENDA)
    assert "X-Page-Cache" not in response
    assert "Content-Encoding" not in staff.get(AGENDA, HTTP_ACCEPT_ENCODING="gzip")


@pytest.mark.django_db
def test_a_staff_preview_of_a_draft_never_reaches_the_public():
    make_session(make_edition(2031, status="draft"), "Secret draft session")
    staff = editor()
    preview = staff.get("/2031/agenda/")
    assert "Secret draft session" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    public = visitor().get("/2031/agenda/")
    assert public.status_code == 404
    assert "Secret draft session" not in public.content.decode()
    # A preview response would not be kept even if it reached the cache.
    assert pagecache.PageCacheMiddleware.may_keep(preview) is False


@pytest.mark.django_db
def test_query_strings_pages_do_not_read_share_one_entry(settings):
    make_edition(2024)
    visitor().get(AGENDA)
    assert visitor().get(AGENDA + "?utm_source=x&n=1")["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_QUERY_PARAMS = ("page",)
    assert visitor().get(AGENDA + "?page=2&n=1")["X-Page-Cache"] == "miss"
    assert visitor().get(AGENDA + "?n=5&page=2")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_404s_and_redirects_are_not_cached():
    assert "X-Page-Cache" not in visitor().get("/1999/")
    assert "X-Page-Cache" not in visitor().get("/2024/agenda")


# --- Invalidation, with real commits -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_edit_through_the_admin_shows_at_once_on_the_cached_page(committed, all_editions):
    assert "Conference opening" in agenda_text()
    assert visitor().get(AGENDA)["X-Page-Cache"] == "hit"
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    staff = editor()
    url = f"/admin/conferences/session/{session.pk}/change/"
    response = staff.post(url, form_data(staff.get(url), "session_form", title="Opening, as edited"))
    assert response.status_code == 302
    assert "Opening, as edited" in agenda_text()
    assert "Opening, as edited" in visitor().get(session.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_and_an_admin_delete_show_at_once(committed, all_editions):
    assert visitor().get("/2021/").status_code == 200
    Edition.objects.filter(year=2021).update(status="draft")  # no signal: a plain UPDATE
    assert visitor().get("/2021/").status_code == 404
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    assert "Conference opening" in agenda_text()
    staff = editor()
    url = f"/admin/conferences/session/{session.pk}/delete/"
    assert staff.post(url, {"post": "yes"}).status_code == 302
    assert "Conference opening" not in agenda_text()


@pytest.mark.django_db(transaction=True)
def test_loading_an_edition_file_shows_at_once(committed, all_editions, tmp_path):
    assert "Conference opening" in agenda_text()
    records = json.loads(Path("fixtures/vmc2024.json").read_text())
    for record in records:
        if record["model"] == "conferences.session" and record["fields"]["slug"] == "conference-opening":
            record["fields"]["title"] = "Opening, as reloaded"
    changed = tmp_path / "vmc2024.json"
    changed.write_text(json.dumps(records))
    call_command("load_edition", str(changed), "--update", stdout=StringIO())
    assert "Opening, as reloaded" in agenda_text()


@pytest.mark.django_db(transaction=True)
def test_restoring_from_history_and_reverting_in_the_admin_show_at_once(committed, tmp_path):
    call_command("load_edition", "fixtures/vmc2024.json", stdout=StringIO())
    opening = Session.objects.get(edition__year=2024, slug="conference-opening")
    opening.title = "Opening, changed"
    with pagecache_recorded():
        opening.save()
    assert "Opening, changed" in agenda_text()

    restore(Version.objects.get_for_object(opening).last())
    assert "Conference opening" in agenda_text()

    with pagecache_recorded():
        opening.refresh_from_db()
        opening.title = "Opening, changed again"
        opening.save()
    assert "Opening, changed again" in agenda_text()
    Version.objects.get_for_object(opening).last().revert()  # django-reversion's own revert
    assert "Conference opening" in agenda_text()


def pagecache_recorded():
    from conferences.content.history import recorded

    return recorded("changed in a test")


@pytest.mark.django_db(transaction=True)
def test_restoring_a_backup_shows_at_once(committed, all_editions, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = create_backup("before")
    Session.objects.filter(slug="conference-opening").update(title="Renamed by mistake")
    assert "Renamed by mistake" in agenda_text()
    restore_backup(path)
    assert "Conference opening" in agenda_text()


@pytest.mark.django_db(transaction=True)
def test_reset_and_a_next_edition_copy_invalidate(committed, all_editions, settings, tmp_path):
    from conferences.content.next_edition import create_next_edition
    from conferences.content.site_setup import reset_content

    before = visitor().get(AGENDA)["ETag"]
    create_next_edition(Edition.objects.get(year=2024))
    assert visitor().get(AGENDA)["X-Page-Cache"] == "miss"
    assert visitor().get(AGENDA)["ETag"] == before  # the draft changes nothing the public sees
    reset_content()
    assert visitor().get(AGENDA).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_logins_and_sessions_do_not_invalidate_the_cache(committed, client):
    make_edition(2024, start_date=datetime.date(2024, 10, 22))
    visitor().get(AGENDA)
    User.objects.create_user("someone", password="a-long-editor-password", is_staff=True)
    client.post("/admin/login/", {"username": "someone", "password": "wrong-password"})
    client.post("/admin/login/", {"username": "someone", "password": "a-long-editor-password"})
    assert visitor().get(AGENDA)["X-Page-Cache"] == "hit"
