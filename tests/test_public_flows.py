"""A visitor follows the links across the site in Chromium: from a session to a speaker, on to
the speaker's organisation and back, partly with the keyboard alone.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

from devtools.page_types import page_type

from .chromium import launch, playwright_or_skip
from .public_site import DESKTOP, PHONE, PUBLIC_SITE_MARKS, opened, serve_public_site

sync_api = playwright_or_skip()
pytestmark = PUBLIC_SITE_MARKS
browser = launch(sync_api)
site = serve_public_site()

SESSION = page_type("session-2024").path
UNHCR = "United Nations High Commissioner for Refugees"


def heading(page):
    return page.locator("h1").inner_text()


def test_visitor_goes_from_a_session_to_its_speaker_and_on_to_her_organisation(browser, site):
    with opened(browser, site + SESSION, DESKTOP) as (page, _, errors):
        assert heading(page).startswith("Towards a route-based approach")
        speakers = page.get_by_role("region", name="Speaker")
        speakers.get_by_role("link", name="Ruven Menikdiwela").click()

        assert heading(page) == "Ruven Menikdiwela"
        assert page.url == site + "/speakers/ruven-menikdiwela/"
        # Her only position is the one she held at this session: the heading gives it, once.
        latest = page.locator("main header .position").first
        assert latest.inner_text().startswith("Assistant High Commissioner for Protection, " + UNHCR)
        latest.get_by_role("link").click()

        assert heading(page) == UNHCR
        assert page.url == site + "/organisations/united-nations-high-commissioner-for-refugees/"
        people_2024 = page.get_by_role("region", name="Vienna Migration Conference 2024")
        assert people_2024.get_by_role("link", name="Ruven Menikdiwela").count() >= 1
        people_2024.get_by_role("link", name="Towards a route-based approach", exact=False).click()

        assert page.url == site + SESSION
        assert errors == []


def test_keyboard_user_skips_the_header_and_follows_a_link_with_enter(browser, site):
    with opened(browser, site + SESSION, PHONE) as (page, _, _):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
        skip_link = page.get_by_role("link", name="Skip to main content").bounding_box()
        assert skip_link["x"] >= 0 and skip_link["y"] >= 0, "the focused skip link is on the screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        # The next Tab goes to the first link of the page's content, past the header's links.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Agenda"  # the breadcrumb
        page.keyboard.press("Enter")
        page.wait_for_url(site + "/2024/agenda/")
        assert heading(page) == "Agenda"


def test_focus_is_visible_on_every_link_the_keyboard_reaches_in_the_header(browser, site):
    with opened(browser, site + "/2024/agenda/", DESKTOP) as (page, _, _):
        page.keyboard.press("Tab")  # the skip link
        reached, unmarked = [], []
        for _ in range(30):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """() => {
                  const element = document.activeElement;
                  if (!element.closest('header')) return null;
                  const style = getComputedStyle(element);
                  return [element.textContent.replace(/\\s+/g, ' ').trim() || element.name,
                          style.outlineStyle, style.outlineWidth];
                }"""
            )
            if focused is None:
                break
            text, outline, width = focused
            reached.append(text)
            if outline == "none" or width == "0px":
                unmarked.append(text)
        assert {"Latest edition", "All editions", "Overview", "Agenda"} <= set(reached)
        assert unmarked == []
