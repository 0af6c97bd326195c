"""Searching from the header box in a real headless Chromium, on a 360 px phone and a desktop."""

import os
from pathlib import Path

import pytest

from .chromium import BROWSER_MARKS, launch, playwright_or_skip

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/vmc-screenshots"))
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 900}}

sync_api = playwright_or_skip()
pytestmark = BROWSER_MARKS
browser = launch(sync_api)


@pytest.fixture
def site(live_server, all_editions):
    """Every documented edition, committed, so the search index is rebuilt as in production."""
    return live_server.url


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_visitor_searches_from_the_header_and_opens_a_result(browser, site, viewport):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site + "/2024/agenda/")
    if viewport == "phone":  # the box waits behind the masthead's search button
        page.locator(".site-search-toggle").click()
    box = page.get_by_role("searchbox", name="Search")
    button = page.locator(".site-search__button")
    # The box and its button share one line, inside the screen.
    box_area, button_area = box.bounding_box(), button.bounding_box()
    assert abs(box_area["y"] - button_area["y"]) < 4
    assert button_area["x"] + button_area["width"] <= VIEWPORTS[viewport]["width"]
    box.fill("GUNTER")
    button.click()
    page.wait_for_url("**/search/?q=GUNTER")
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("#search-q").input_value() == "GUNTER"
    assert page.locator("main .search-group h3").all_inner_texts() == ["Vienna Migration Conference 2017"]
    assert page.locator("main mark").first.inner_text() == "Günter"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search-{viewport}.png"), full_page=True)
    page.get_by_role("link", name="Günter Nooke").click()
    assert page.locator("h1").inner_text() == "Günter Nooke"
    assert errors == []
    page.close()
