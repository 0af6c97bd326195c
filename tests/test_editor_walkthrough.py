"""Issue 7's "Done when", end to end in Chromium, as an editor does it: only clicks and typing.

A member of Editors, created with `create_editor` and logged in through the login form, prepares
VMC 2025 as a draft from 2024, previews it, adds a session from the edition page, uploads a
speaker photo that shows on the public page, publishes, and undoes mistakes (a deletion and a
title change). Set WALKTHROUGH_SHOTS to a directory to keep a screenshot of every step
(docs/editing/ holds the ones the closing note shows).

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from PIL import Image, ImageDraw

from .chromium import BROWSER_MARKS, launch, playwright_or_skip

SHOTS = os.environ.get("WALKTHROUGH_SHOTS")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
PASSWORD = "walk-through-the-season"

sync_api = playwright_or_skip()
expect = sync_api.expect
pytestmark = [*BROWSER_MARKS, pytest.mark.slow]
browser = launch(sync_api)


@pytest.fixture
def editors_group(db):
    """The Editors group as migration conferences/0005 leaves it: a transactional test that ran
    before this one flushed it (content types and permissions come back, the group does not)."""
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["conferences", "speakers"]).exclude(
            codename="delete_edition"
        )
    )


class Camera:
    """Numbered screenshots of the steps, into WALKTHROUGH_SHOTS when it is set."""

    def __init__(self, directory):
        self.directory = Path(directory) if directory else None
        self.count = 0
        if self.directory:
            self.directory.mkdir(parents=True, exist_ok=True)

    def shot(self, page, name, show=None, height=None):
        """Save the viewport as NN-name.png, scrolled so that `show` (a locator) is in view;
        or, with `height`, the top `height` pixels of the whole page."""
        self.count += 1
        if show is not None:
            show.scroll_into_view_if_needed()
        if not self.directory:
            return
        path = str(self.directory / f"{self.count:02d}-{name}.png")
        if height:
            width = page.viewport_size["width"]
            page.screenshot(
                path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
            )
        else:
            page.screenshot(path=path)

    def at_phone_width(self, page, name):
        """Look at `page` 360 px wide (saved as phone-name.png, not numbered: not a step of its
        own); return how far it scrolls sideways there."""
        page.set_viewport_size(PHONE)
        page.wait_for_function("innerWidth === 360")
        for image in page.locator("main img").all():
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if self.directory:
            page.screenshot(path=str(self.directory / f"phone-{name}.png"))
        page.set_viewport_size(DESKTOP)
        return overflow


def portrait_jpeg(path):
    """A small real JPEG: a plain silhouette, not anyone's likeness."""
    image = Image.new("RGB", (480, 600), (205, 214, 224))
    draw = ImageDraw.Draw(image)
    draw.ellipse((150, 110, 330, 310), fill=(92, 112, 134))
    draw.ellipse((60, 340, 420, 760), fill=(92, 112, 134))
    image.save(path, "JPEG", quality=85)
    return path


def log_in(browser, site, username, password):
    """A new browser window at 1280 px, logged in through the admin's login form."""
    context = browser.new_context(viewport=DESKTOP, timezone_id="Europe/Vienna")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/admin/")
    return page


def choose_action(page, row_link, action):
    """On a change list: tick the row whose link reads `row_link`, choose `action`, press Go."""
    row = page.locator("#result_list tbody tr").filter(
        has=page.get_by_role("link", name=row_link, exact=True)
    )
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def success_message(page):
    """The admin's success message, once the page that shows it has loaded completely (the
    message comes first in the HTML, so rows further down may not be parsed yet)."""
    message = page.locator("ul.messagelist li.success").inner_text()
    page.wait_for_load_state("load")
    return message


def visitor_status(visitor, url):
    """The status an anonymous visitor's browser gets for `url`, and the page's <h1>."""
    response = visitor.goto(url)
    return response.status, visitor.locator("h1").first.inner_text()


def test_an_editor_prepares_previews_fills_publishes_and_undoes_in_the_admin(
    browser, live_server, all_editions, editors_group, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    site = live_server.url
    camera = Camera(SHOTS)
    monkeypatch.setenv("WALKTHROUGH_EDITOR_PASSWORD", PASSWORD)
    out = StringIO()
    call_command("create_editor", "maria", "--password-env", "WALKTHROUGH_EDITOR_PASSWORD", stdout=out)
    assert "Created editor 'maria': staff status, member of Editors." in out.getvalue()

    page = log_in(browser, site, "maria", PASSWORD)
    visitor = browser.new_context(viewport=DESKTOP).new_page()
    assert visitor_status(visitor, site + "/2025/") == (404, "Page not found")

    # a. Editions → tick 2024 → "Prepare next year's edition as a draft" → Go.
    page.get_by_role("link", name="Editions", exact=True).click()
    assert page.locator("h1").inner_text() == "Select edition to change"
    choose_action(page, "2024", "Prepare next year's edition as a draft")
    message = success_message(page)
    assert message.startswith(
        "Vienna Migration Conference 2025 (Tuesday 21 October 2025 to Wednesday 22 October 2025, draft) "
        "prepared from Vienna Migration Conference 2024:"
    )
    assert "no people, no quotes. Fill in the theme and the sessions, then preview it on the site." in message
    assert page.locator("h1").inner_text() == "Change edition"
    assert page.get_by_label("Status").input_value() == "draft"
    sessions = page.locator("#sessions-group tbody tr.has_original")
    copied = sessions.count()
    assert copied == 17 and "17 sessions (4 side events) with titles to be announced" in message
    assert sessions.first.locator("input[name$=-title]").input_value().endswith("— to be announced")
    camera.shot(page, "prepare-next-edition")

    # b. "Preview on the site": the draft with its banner; visitors get "Page not found".
    page.get_by_role("link", name="Preview on the site").click()
    page.wait_for_url(site + "/2025/")
    banner = page.locator(".preview-banner")
    assert banner.locator(".preview-banner__title").text_content().strip() == "Preview — not published"
    assert "visitors get “page not found” until it is published" in banner.inner_text()
    assert page.locator("h1").inner_text().startswith("Vienna Migration Conference 2025")
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    camera.shot(page, "preview-banner")
    assert visitor_status(visitor, site + "/2025/") == (404, "Page not found")

    # c. Back in the admin: "Add another Session" on the edition page, no slug typed.
    page.go_back()
    page.get_by_role("button", name="Add another Session").click()
    row = page.locator("#sessions-group tbody tr.dynamic-sessions").last
    row.locator("input[name$=-title]").fill("Migration partnerships in a new era")
    row.locator("input[name$=-date]").fill("22/10/2025")
    row.locator("input[name$=-start_time]").fill("14:00")
    row.locator("input[name$=-end_time]").fill("15:00")
    row.locator("select[name$=-format]").select_option(label="Panel discussion")
    camera.shot(page, "add-session-inline", show=row)
    page.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in success_message(page)
    expect(sessions).to_have_count(copied + 1)
    added = sessions.filter(has=page.locator("input[value='Migration partnerships in a new era']"))
    added.get_by_role("link", name="Change").click()
    assert page.locator("h1").inner_text() == "Change session"
    assert page.get_by_label("Slug").input_value() == "migration-partnerships-in-a-new-era"
    page.locator("a.viewsitelink").click()
    page.wait_for_url(site + "/2025/sessions/migration-partnerships-in-a-new-era/")
    assert page.locator("h1").inner_text().startswith("Migration partnerships in a new era")
    assert "22 October 2025" in page.locator(".session-page__when").inner_text()
    assert "14:00–15:00" in page.locator(".session-page__when").inner_text()
    assert "Vienna Migration Conference 2025 is a draft." in page.locator(".preview-banner").inner_text()
    camera.shot(page, "session-preview")
    assert camera.at_phone_width(page, "session-preview") <= 0
    agenda = page.context.new_page()
    response = agenda.goto(site + "/2025/agenda/")
    assert response.status == 200
    assert agenda.get_by_role("link", name="Migration partnerships in a new era").is_visible()
    agenda.close()

    # d. A speaker photo with its credit, on an existing person.
    page.goto(site + "/admin/")
    page.get_by_role("link", name="People", exact=True).click()
    page.locator("#searchbar").fill("Genetzke")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ralph Genetzke").click()
    assert page.locator("h1").inner_text() == "Change person"
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0  # fits 1280 px
    page.locator("input[type=file][name=photo]").set_input_files(
        str(portrait_jpeg(tmp_path / "genetzke.jpg"))
    )
    page.get_by_label("Photo credit").fill("Example image for this walkthrough")
    page.get_by_role("button", name="Save and continue editing").click()
    assert (
        success_message(page)
        == "The person “Ralph Genetzke” was changed successfully. You may edit it again below."
    )
    preview = page.locator(".field-photo_preview img")
    expect(preview).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", preview.element_handle()) > 0
    camera.shot(page, "photo-uploaded", height=1000)
    page.locator("a.viewsitelink").click()
    page.wait_for_url(site + "/speakers/ralph-genetzke/")
    portrait = page.locator(".person-page__header .portrait img")
    expect(portrait).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=portrait.element_handle())
    assert page.locator(".portrait figcaption").inner_text() == "Photo: Example image for this walkthrough"
    camera.shot(page, "photo-on-person-page")
    assert camera.at_phone_width(page, "photo-on-person-page") <= 0
    media = visitor.goto(site + portrait.get_attribute("src"))
    assert media.status == 200 and media.headers["content-type"] == "image/webp"

    # e. Editions → tick 2025 → "Publish the selected editions" → Go; visitors see it.
    page.goto(site + "/admin/")
    page.get_by_role("link", name="Editions", exact=True).click()
    choose_action(page, "2025", "Publish the selected editions")
    assert (
        success_message(page)
        == "Published: Vienna Migration Conference 2025. Visitors see it on the site now."
    )
    assert page.locator("ul.messagelist li.warning").inner_text() == (
        f"Vienna Migration Conference 2025: {copied} sessions still show “… — to be announced” as their "
        "title on the public pages."
    )
    row = page.locator("#result_list tbody tr").filter(has=page.get_by_role("link", name="2025", exact=True))
    assert "Published" in row.inner_text()
    camera.shot(page, "published")
    status, heading = visitor_status(visitor, site + "/2025/")
    assert status == 200 and heading.startswith("Vienna Migration Conference 2025")
    assert visitor.locator(".preview-banner").count() == 0
    status, heading = visitor_status(visitor, site + "/2025/sessions/migration-partnerships-in-a-new-era/")
    assert status == 200 and heading.startswith("Migration partnerships in a new era")

    # f. A mistake: a 2024 session deleted, with its people and quotes …
    session_url = site + "/2024/sessions/ambitious-but-realistic/"
    visitor.goto(session_url)
    speakers_before = visitor.locator("main a[href^='/speakers/']").all_inner_texts()
    quotes_before = visitor.locator("main blockquote").count()
    assert len(speakers_before) >= 4 and quotes_before == 3
    page.goto(site + "/admin/")
    page.get_by_role("link", name="Sessions", exact=True).click()
    page.locator("#searchbar").fill("Ambitious but realistic")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ambitious but realistic").click()
    page.locator("a.deletelink").click()
    assert page.locator("h1").inner_text() == "Delete"
    summary = page.locator("#content").inner_text()
    assert "Participations: 4" in summary and "Quotes: 3" in summary
    assert "Deleted by mistake? “Recover deleted sessions” on the sessions list brings it back" in summary
    camera.shot(page, "delete-session-confirm")
    page.get_by_role("button", name="Yes, I’m sure").click()
    assert "was deleted successfully" in success_message(page)
    assert visitor.goto(session_url).status == 404

    # … and recovered: "Recover deleted sessions" → the deletion → Save.
    page.get_by_role("link", name="Recover deleted sessions").click()
    assert page.locator("h1").inner_text() == "Recover deleted sessions"
    deletion = page.locator("#change-history tbody tr").filter(has_text="Ambitious but realistic (2024)")
    assert "maria" in deletion.inner_text()
    camera.shot(page, "recover-deleted-sessions")
    deletion.get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Recover Ambitious but realistic (2024)"
    assert "Nothing is recovered until you press Save" in page.locator(".history-form-note").inner_text()
    assert page.locator("#id_title").input_value() == "Ambitious but realistic"
    page.get_by_role("button", name="Save", exact=True).click()
    assert success_message(page).startswith(
        "The session “Ambitious but realistic (2024)” is back, as it was before its deletion on "
    )
    assert page.locator("h1").inner_text() == "Change session"
    assert page.locator("#participations-group tbody tr.has_original").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0  # fits 1280 px
    camera.shot(page, "session-recovered", height=1500)
    assert visitor.goto(session_url).status == 200
    assert visitor.locator("main a[href^='/speakers/']").all_inner_texts() == speakers_before
    assert visitor.locator("main blockquote").count() == quotes_before

    # Another mistake: a title changed, then the earlier version restored from History.
    page.goto(site + "/admin/conferences/session/")
    page.locator("#searchbar").fill("Ten building blocks")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ten building blocks for the Pact").click()
    page.locator("#id_title").fill("Ten building blocks for the pact (typo)")
    page.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in success_message(page)
    page.get_by_role("link", name="History").click()
    rows = page.locator("#change-history tbody tr")
    assert "title: “Ten building blocks for the Pact” → “Ten building blocks for the pact (typo)”" in (
        rows.first.inner_text()
    )
    camera.shot(page, "session-history")
    rows.nth(1).get_by_role("link", name="Restore this version").click()
    assert page.locator("#id_title").input_value() == "Ten building blocks for the Pact"
    assert (
        page.locator("h1")
        .inner_text()
        .startswith("Restore Ten building blocks for the Pact (2024) as it was on ")
    )
    page.get_by_role("button", name="Save", exact=True).click()
    assert success_message(page).startswith(
        "The session “Ten building blocks for the Pact (2024)” was restored to its version of "
    )
    assert visitor.goto(site + "/2024/sessions/ten-building-blocks-for-the-pact/").status == 200
    assert visitor.locator("h1").inner_text().startswith("Ten building blocks for the Pact")

    # g. An editor cannot delete an edition; a superuser can, after seeing what goes with it.
    page.goto(site + "/admin/conferences/edition/")
    assert "Delete selected editions" not in page.locator("select[name=action]").inner_text()
    page.get_by_role("link", name="2017", exact=True).click()
    assert page.locator("a.deletelink").count() == 0
    User.objects.create_superuser("admin", password=PASSWORD)
    admin = log_in(browser, site, "admin", PASSWORD)
    admin.goto(site + "/admin/conferences/edition/")
    admin.get_by_role("link", name="2017", exact=True).click()
    admin.locator("a.deletelink").click()
    assert admin.locator("h1").inner_text() == "Delete"
    assert "Sessions: 10" in admin.locator("#content").inner_text()
    camera.shot(admin, "superuser-delete-edition")
    admin.context.close()
    page.context.close()
    visitor.context.close()
