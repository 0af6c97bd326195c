"""The pages in a real headless Chromium (Debian's /usr/bin/chromium), at phone and desktop widths.

Skipped only where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI), which makes
a missing browser a failure.
"""

import os
from pathlib import Path

import pytest

from .chromium import launch, playwright_or_skip
from .public_site import PUBLIC_SITE_MARKS, serve_public_site

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/vmc-screenshots"))
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}

sync_api = playwright_or_skip()
pytestmark = PUBLIC_SITE_MARKS
browser = launch(sync_api)
site = serve_public_site()


def open_page(browser, url, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    response = page.goto(url)
    return page, response, errors


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    "path, heading",
    [
        ("/", "Vienna Migration Conference 2024"),
        ("/2024/agenda/", "Agenda"),
        ("/2024/sessions/ambitious-but-realistic/", "Ambitious but realistic"),
        ("/speakers/simon-mordue/", "Simon Mordue"),
        ("/2017/agenda/", "Agenda"),
        ("/2021/speakers/", "Speakers"),
    ],
)
def test_page_renders_styled_and_fits_the_screen(browser, site, viewport, path, heading):
    page, response, errors = open_page(browser, site + path, viewport)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().startswith(heading)
    # The stylesheet is served and applied: the header has the site's navy background.
    assert (
        page.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor") == "rgb(11, 47, 78)"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport} width"
    assert errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_") or "home"
    page.screenshot(path=str(SHOTS / f"{name}-{viewport}.png"), full_page=True)
    page.close()


def test_visitor_goes_from_agenda_to_session_to_speaker(browser, site):
    page, _, _ = open_page(browser, site + "/2024/agenda/", "desktop")
    page.get_by_role("link", name="Ten building blocks for the Pact").click()
    assert page.locator("h1").inner_text().startswith("Ten building blocks for the Pact")
    assert "11:10–11:50" in page.locator(".session-page__when").inner_text()
    page.get_by_role("link", name="Ralph Genetzke").first.click()
    assert page.locator("h1").inner_text() == "Ralph Genetzke"
    text = page.locator("main").inner_text()
    assert "Director, Brussels Mission, ICMPD (2024)" in text  # the latest, once
    assert "Then: Director, Brussels Mission, ICMPD" not in text
    assert "Then: Head of Brussels Mission, ICMPD" in text
    page.close()


def test_keyboard_user_can_skip_to_content(browser, site):
    page, _, _ = open_page(browser, site + "/2024/agenda/", "phone")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_unknown_address_shows_the_designed_404(browser, site):
    page, response, _ = open_page(browser, site + "/1999/agenda/", "phone")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.get_by_role("link", name="All editions").first.is_visible()
    page.close()
