"""Staff preview a draft edition on the public pages; the public never sees a draft."""

import datetime
import json

import pytest
from django.contrib.auth.models import User

from conferences.models import Edition

from .factories import (
    make_edition,
    make_participation,
    make_person,
    make_quote,
    make_session,
    make_user,
)
from .html import parse, visible_text
from .test_queries import build

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"
NOINDEX = '<meta name="robots" content="noindex">'

DRAFT_PAGES = [
    "/2031/",
    "/2031/agenda/",
    "/2031/sessions/secret-panel/",
    "/2031/speakers/",
    "/2031/side-events/",
]
PUBLISHED_PAGES = [
    "/",
    "/editions/",
    "/speakers/",
    "/speakers/recurring-speaker/",
    "/2030/",
    "/2030/agenda/",
    "/2030/sessions/public-panel/",
    "/2030/speakers/",
    "/2030/side-events/",
]


@pytest.fixture
def editions():
    """Published 2030 and draft 2031. Recurring Speaker appears at both (quoted at both);
    Not Yet Announced appears only at the draft."""
    published = make_edition(2030, theme="The published theme")
    public_panel = make_session(published, "Public panel", start_time=datetime.time(10))
    make_session(published, "Public side event", is_side_event=True, format="side_event")
    star = make_person("Recurring Speaker")
    make_participation(public_panel, star, position="Minister, then")
    make_quote(public_panel, star, text="Said in public.")

    draft = make_edition(
        2031, status="draft", start_date=datetime.date(2031, 10, 21), theme="The secret theme"
    )
    secret_panel = make_session(draft, "Secret panel", start_time=datetime.time(10))
    make_session(draft, "Secret side event", is_side_event=True, format="side_event")
    make_participation(secret_panel, star, position="Secret new post")
    make_participation(secret_panel, make_person("Not Yet Announced"))
    make_quote(secret_panel, star, text="Said at the draft.")
    return published, draft


@pytest.fixture
def staff_client(client):
    client.force_login(make_user("staff", staff=True, editor=True))
    return client


@pytest.fixture
def member_client(client):
    client.force_login(make_user("member", staff=False))
    return client


def assert_is_preview(response):
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("url", DRAFT_PAGES)
def test_staff_see_every_draft_page_with_the_preview_banner_and_noindex(staff_client, editions, url):
    draft = editions[1]
    response = staff_client.get(url)
    assert_is_preview(response)
    html = response.content.decode()
    assert NOINDEX in html
    assert '<div class="preview-banner" role="status">' in html
    page = parse(response)
    # at the very top of the page: right after the skip link, before the site's header
    assert f"Skip to main content {BANNER} Vienna Migration Conference 2031 is a draft." in page.visible
    assert f"/admin/conferences/edition/{draft.pk}/change/" in page.links
    assert "Vienna Migration Conference 2031" in page.visible


def test_staff_see_the_draft_programme_in_the_preview(staff_client, editions):
    assert "Secret panel" in visible_text(staff_client.get("/2031/agenda/"))
    assert "Secret side event" in visible_text(staff_client.get("/2031/side-events/"))
    assert "Not Yet Announced" in visible_text(staff_client.get("/2031/speakers/"))
    assert "The secret theme" in visible_text(staff_client.get("/2031/"))


def test_staff_get_the_draft_schedule_json_marked_private_and_noindex(staff_client, editions):
    response = staff_client.get("/2031/schedule.json")
    assert_is_preview(response)
    assert "Access-Control-Allow-Origin" not in response
    titles = [
        event["title"]
        for day in json.loads(response.content)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert "Secret panel" in titles


@pytest.mark.parametrize("url", [*DRAFT_PAGES, "/2031/schedule.json", "/speakers/not-yet-announced/"])
def test_the_public_gets_404_on_every_draft_page(client, editions, url):
    response = client.get(url)
    assert response.status_code == 404
    assert parse(response).h1 == ["Page not found"]
    assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("url", [*DRAFT_PAGES, "/2031/schedule.json", "/speakers/not-yet-announced/"])
def test_a_logged_in_user_who_is_not_staff_gets_404_on_every_draft_page(member_client, editions, url):
    assert member_client.get(url).status_code == 404


def test_an_inactive_staff_account_cannot_preview(editions):
    inactive = User(username="gone", is_staff=True, is_active=False)
    active = User(username="here", is_staff=True, is_active=True)
    assert list(Edition.objects.visible_to(inactive).values_list("year", flat=True)) == [2030]
    assert list(Edition.objects.visible_to(active).values_list("year", flat=True)) == [2031, 2030]


@pytest.mark.parametrize("url", [*PUBLISHED_PAGES, "/speakers/only-in-public/"])
def test_published_pages_show_no_banner_even_to_staff(staff_client, editions, url):
    make_participation(make_session(editions[0], "Another panel"), make_person("Only in Public"))
    if url == "/speakers/recurring-speaker/":
        return  # appears at the draft too: staff see it as a preview (tested below)
    response = staff_client.get(url)
    assert response.status_code == 200
    assert BANNER not in response.content.decode()
    assert NOINDEX not in response.content.decode()
    assert "X-Robots-Tag" not in response


@pytest.mark.parametrize("url", PUBLISHED_PAGES)
def test_no_draft_content_on_any_public_page(client, editions, url):
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response)
    for secret in ["Secret", "2031", "Not Yet Announced", "Said at the draft.", BANNER]:
        assert secret not in text


def test_home_shows_the_latest_published_edition_not_a_newer_draft(client, editions):
    assert parse(client.get("/")).h1 == ["Vienna Migration Conference 2030"]


def test_speakers_index_counts_published_editions_only(client, editions):
    make_participation(make_session(make_edition(2029), "Older panel"), make_person("Recurring Speaker"))
    text = visible_text(client.get("/speakers/"))
    assert "Editions: 2030 , 2029" in text  # the draft 2031 is not listed
    assert "Not Yet Announced" not in text


def test_public_person_page_hides_draft_appearances_and_quotes(client, editions):
    text = visible_text(client.get("/speakers/recurring-speaker/"))
    assert "Public panel" in text
    assert "Minister, then (2030)" in text
    assert "Said in public." in text
    assert "Secret panel" not in text
    assert "Secret new post" not in text
    assert "Said at the draft." not in text


def test_staff_see_draft_appearances_on_a_person_page_marked_as_preview(staff_client, editions):
    response = staff_client.get("/speakers/recurring-speaker/")
    assert_is_preview(response)
    page = parse(response)
    assert (
        f"{BANNER} This page shows appearances at a draft edition because you are signed in as staff; "
        "visitors do not see them until the edition is published. Edit this person in the admin"
    ) in page.visible
    assert "Vienna Migration Conference 2031 Preview — not published Panellist Secret panel" in page.visible
    assert "Said at the draft." in page.visible
    assert "Public panel" in page.visible


def test_staff_can_open_a_person_known_only_from_a_draft(staff_client, editions):
    response = staff_client.get("/speakers/not-yet-announced/")
    assert_is_preview(response)
    assert "Secret panel" in visible_text(response)


def test_edition_admin_links_a_draft_to_its_preview_on_the_site(staff_client, editions):
    published, draft = editions
    page = parse(staff_client.get(f"/admin/conferences/edition/{draft.pk}/change/"))
    assert "Preview on the site" in page.visible
    link = next(href for href in page.links if href and href.startswith("/admin/r/"))
    response = staff_client.get(link)
    assert response.status_code == 302
    assert response.url.endswith("/2031/")
    assert_is_preview(staff_client.get(response.url))

    page = parse(staff_client.get(f"/admin/conferences/edition/{published.pk}/change/"))
    assert "View on site" in page.visible
    assert "Preview on the site" not in page.visible


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    "url, queries",
    [
        ("/2030/", 9),
        ("/2030/agenda/", 4),
        ("/2030/sessions/session-0/", 7),
        ("/2030/speakers/", 3),
        ("/2030/side-events/", 4),
        ("/2030/schedule.json", 3),
        ("/speakers/recurring-speaker/", 3),
    ],
)
def test_a_preview_reads_as_many_queries_as_the_public_page_plus_the_staff_session(
    client, django_assert_num_queries, size, url, queries
):
    build(size)
    Edition.objects.filter(year=2030).update(status="draft")
    client.force_login(make_user("staff", staff=True))
    with django_assert_num_queries(queries + 2):  # the session and the user
        assert_is_preview(client.get(url))
