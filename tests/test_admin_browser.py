"""The editors' admin in a real headless Chromium: what the scripts and the stylesheet do.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from .chromium import BROWSER_MARKS, launch, playwright_or_skip

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/vmc-screenshots"))
PASSWORD = "a-long-editor-password"

sync_api = playwright_or_skip()
pytestmark = BROWSER_MARKS
browser = launch(sync_api)


@pytest.fixture
def admin_site(live_server, all_editions):
    # A transactional test flushes the Editors group that a migration made; a superuser stands in.
    User.objects.create_superuser("editor", password=PASSWORD)
    return live_server.url


def editor_page(browser, site, timezone_id="Europe/Vienna"):
    """A logged-in editor's tab, in a browser set to `timezone_id`, 1280 px wide."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=timezone_id)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    return page


def test_no_offset_note_under_time_fields_for_an_editor_in_another_time_zone(browser, admin_site):
    from conferences.models import Session

    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    page = editor_page(browser, admin_site, timezone_id="America/New_York")
    page.goto(f"{admin_site}/admin/conferences/session/{session.pk}/change/", wait_until="load")
    page.wait_for_selector(".datetimeshortcuts")  # Django's clock and calendar links are there
    assert page.locator(".timezonewarning").count() == 0
    assert "server time" not in page.locator("#content").inner_text()
    assert page.input_value("#id_start_time") == "09:30"
    page.context.close()


@pytest.mark.parametrize(
    "path",
    ["conferences/session/", "conferences/participation/", "conferences/quote/", "conferences/edition/"],
)
def test_admin_lists_fit_a_1280_px_window(browser, admin_site, path):
    page = editor_page(browser, admin_site)
    page.goto(f"{admin_site}/admin/{path}", wait_until="load")
    for selector in ["html", "#changelist .results"]:
        overflow = page.eval_on_selector(selector, "e => e.scrollWidth - e.clientWidth")
        assert overflow <= 0, f"{selector} scrolls sideways by {overflow}px at 1280 px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"admin-{path.replace('/', '-')}1280.png"), full_page=True)
    page.context.close()


def test_choosing_a_person_offers_their_latest_position(browser, admin_site):
    from conferences.admin.people import latest_position
    from speakers.models import Person

    person = Person.objects.get(name="Ralph Genetzke")
    latest = latest_position(person)
    page = editor_page(browser, admin_site)
    page.goto(f"{admin_site}/admin/conferences/participation/add/", wait_until="load")
    page.click("[aria-labelledby=select2-id_person-container]")
    page.fill(".select2-search__field", "Genetzke")
    page.click(".select2-results__option--highlighted:has-text('Ralph Genetzke')")
    hint = page.locator(".vmc-suggestion")
    hint.get_by_role("button", name="Use it").wait_for()
    assert hint.inner_text().startswith(f"Suggested (their position in {latest.edition.year}):")
    assert page.get_attribute("#id_position", "placeholder") == latest.position
    assert page.input_value("#id_position") == ""  # nothing is filled in unasked
    hint.get_by_role("button", name="Use it").click()
    assert page.input_value("#id_position") == latest.position
    page.context.close()
