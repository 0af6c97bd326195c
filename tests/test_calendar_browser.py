"""A visitor adds a session to their calendar: in a real headless Chromium, the "Add to calendar"
link of a session page downloads an .ics file that a calendar reads.

Skipped only where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from .chromium import BROWSER_MARKS, launch, playwright_or_skip

sync_api = playwright_or_skip()
pytestmark = BROWSER_MARKS
browser = launch(sync_api)


def test_add_to_calendar_on_a_session_page_downloads_the_session(browser, live_server, all_editions):
    page = browser.new_page(accept_downloads=True)
    page.goto(live_server.url + "/2024/sessions/conference-opening/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar").click()
    download = info.value
    assert download.suggested_filename == "vmc2024-conference-opening.ics"
    with open(download.path(), "rb") as file:
        (event,) = Calendar.from_ical(file.read()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Conference opening"
    assert event.decoded("DTSTART") == datetime.datetime(
        2024, 10, 22, 9, 30, tzinfo=ZoneInfo("Europe/Vienna")
    )
    assert str(event["URL"]) == live_server.url + "/2024/sessions/conference-opening/"
    page.close()
