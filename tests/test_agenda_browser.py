"""The agenda and session pages in a real Chromium: the phone header leaves room for the
programme, tabs stay on one line, times do not break, the filters work by clicking, and the
"now" marker finds the session under way (with the browser's clock set to the conference).

Screenshots at 360 and 1280 px go to AGENDA_SCREENSHOT_DIR (/tmp/agenda-shots)."""

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .chromium import BROWSER_MARKS, launch, playwright_or_skip
from .factories import make_edition, make_participation, make_person, make_session

SHOTS = Path(os.environ.get("AGENDA_SCREENSHOT_DIR", "/tmp/agenda-shots"))
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIENNA = ZoneInfo("Europe/Vienna")

sync_api = playwright_or_skip()
pytestmark = BROWSER_MARKS
browser = launch(sync_api)


@pytest.fixture
def site(live_server, all_editions):
    return live_server.url


def open_page(browser, url, viewport=PHONE, **options):
    page = browser.new_page(viewport=viewport, **options)
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page


def test_on_a_phone_the_header_is_compact_and_the_first_session_is_on_the_first_screen(browser, site):
    page = open_page(browser, site + "/2024/agenda/")
    header = page.eval_on_selector(".masthead", "e => e.getBoundingClientRect().height")
    assert header <= 180, f"masthead and edition bar take {header}px"
    first_title = page.locator(".session__title").first
    assert first_title.bounding_box()["y"] + 20 <= PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("path", ["/2024/agenda/", "/2017/side-events/", "/2021/speakers/"])
def test_edition_tabs_stay_on_one_line_at_360(browser, site, path):
    page = open_page(browser, site + path)
    tops = page.eval_on_selector_all(
        ".edition-nav li", "items => items.map(li => li.getBoundingClientRect().top)"
    )
    assert len(tops) == 4 and len(set(tops)) == 1, tops
    tops = page.eval_on_selector_all(
        ".site-nav li", "items => items.map(li => li.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1, tops
    page.close()


def test_the_year_switcher_opens_without_javascript_and_keeps_the_section(browser, site):
    page = open_page(browser, site + "/2024/speakers/", java_script_enabled=False)
    page.locator(".edition-switch summary").click()
    page.get_by_role("link", name="2017", exact=True).click()
    assert page.url.endswith("/2017/speakers/")
    page.close()


def test_a_session_time_stays_on_one_line_on_a_phone(browser, site):
    slug = "in-conversation-on-migration-diplomacy-and-priorities-on-both-sides-of-the-mediterranean"
    page = open_page(browser, f"{site}/2024/sessions/{slug}/")
    time = page.locator(".session-page__when .nowrap")
    assert time.inner_text() == "14:00–15:10"
    assert page.evaluate("e => e.getClientRects().length", time.element_handle()) == 1
    assert page.eval_on_selector("h1", "e => parseFloat(getComputedStyle(e).fontSize)") <= 26
    page.close()


def test_the_session_page_has_a_side_column_at_1280(browser, site):
    page = open_page(browser, site + "/2024/sessions/ambitious-but-realistic/", DESKTOP)
    aside = page.locator(".session-aside").bounding_box()
    assert aside["x"] > DESKTOP["width"] / 2
    assert "Gerhard Karner" in page.locator(".session-aside").inner_text()
    page.close()


def test_filter_the_agenda_by_format_by_clicking(browser, site):
    page = open_page(browser, site + "/2024/agenda/", java_script_enabled=False)
    page.select_option("#filter-format", "panel_discussion")
    page.get_by_role("button", name="Show").click()
    assert "format=panel_discussion" in page.url
    formats = page.locator(".session__format").all_inner_texts()
    assert formats and all(text.strip().lower() == "panel discussion" for text in formats)
    assert (
        "Showing 4 of 17 sessions: Panel discussion" in page.locator(".agenda-filters__status").inner_text()
    )
    page.get_by_role("link", name="Clear filters").click()
    assert page.locator(".session").count() == 17
    page.close()


@pytest.fixture
def today_edition(live_server):
    """An edition held today (Vienna), with a session under way at 10:15 and a long role label."""
    today = datetime.datetime.now(VIENNA).date()
    edition = make_edition(today.year, start_date=today, days=1)
    make_session(
        edition, "Morning opening", format="opening", start_time=datetime.time(9), end_time=datetime.time(10)
    )
    panel = make_session(
        edition, "Panel under way", start_time=datetime.time(10), end_time=datetime.time(11), order=2
    )
    make_participation(panel, make_person("Ann Interviewer"), role="master_of_ceremonies")
    make_participation(panel, make_person("Bo Panellist"), role="panellist")
    make_session(
        edition, "Afternoon panel", start_time=datetime.time(14), end_time=datetime.time(15), order=3
    )
    return live_server.url, today


def at(today, hour, minute):
    return datetime.datetime.combine(today, datetime.time(hour, minute), tzinfo=VIENNA)


@pytest.mark.parametrize("reduced_motion", ["no-preference", "reduce"])
def test_the_session_under_way_is_marked_and_can_be_jumped_to(browser, today_edition, reduced_motion):
    url, today = today_edition
    page = browser.new_page(viewport=PHONE, reduced_motion=reduced_motion)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.clock.set_fixed_time(at(today, 10, 15))
    page.goto(f"{url}/{today.year}/agenda/")
    assert page.locator(".session--now").count() == 1
    assert page.locator(".session--now .session__title").inner_text() == "Panel under way"
    assert page.locator(".session--now .tag--now").text_content() == "Now"
    page.get_by_role("link", name="Jump to the current session").click()
    scrolled_to_it = """() => {
        const top = document.querySelector('.session--now').getBoundingClientRect().top;
        const bottom = document.documentElement.scrollHeight - innerHeight;
        return scrollY > 0 && (Math.abs(top) < 2 || Math.abs(scrollY - bottom) < 2);
    }"""
    for _ in range(30):  # (wait_for_function would evaluate a string, which the CSP forbids)
        if page.evaluate(scrolled_to_it):
            break
        page.wait_for_timeout(100)
    assert page.evaluate(scrolled_to_it)
    assert page.url.endswith("#session-panel-under-way")
    assert errors == []  # the script loads under the CSP
    page.close()


def test_between_sessions_the_next_one_is_offered_and_at_night_nothing(browser, today_edition):
    url, today = today_edition
    page = browser.new_page(viewport=PHONE)
    page.clock.set_fixed_time(at(today, 12, 30))
    page.goto(f"{url}/{today.year}/agenda/")
    assert page.locator(".session--now").count() == 0
    assert page.locator(".session--next .session__title").inner_text() == "Afternoon panel"
    page.clock.set_fixed_time(at(today, 23, 0))
    page.reload()
    assert page.locator(".session--next, .session--now").count() == 0
    assert page.locator("[data-agenda-now]").is_hidden()
    page.close()


def test_long_role_labels_stay_in_their_column(browser, today_edition):
    url, today = today_edition
    for viewport in (PHONE, DESKTOP):
        page = browser.new_page(viewport=viewport)
        page.goto(f"{url}/{today.year}/agenda/")
        overflowing = page.eval_on_selector_all(
            ".session__people dt", "dts => dts.filter(dt => dt.scrollWidth > dt.clientWidth + 1).length"
        )
        assert overflowing == 0
        lefts = page.eval_on_selector_all(
            ".session__people dd", "dds => dds.map(dd => dd.getBoundingClientRect().left)"
        )
        assert len(set(lefts)) == 1, lefts
        page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize(
    "path",
    ["/2024/agenda/", "/2017/agenda/", "/2024/sessions/ambitious-but-realistic/", "/2024/side-events/"],
)
def test_screenshots(browser, site, viewport, path):
    page = open_page(browser, site + path, viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.errors == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_")
    page.screenshot(path=str(SHOTS / f"{name}-{viewport['width']}.png"), full_page=True)
    page.close()
