"""What every browser test module shares: Debian's Chromium, its flags on this closed network,
and the rule that a missing browser is a skip locally but a failure under REQUIRE_BROWSER=1 (CI).

In a test module:

    from .chromium import BROWSER_MARKS, launch, playwright_or_skip

    sync_api = playwright_or_skip()
    pytestmark = BROWSER_MARKS
    browser = launch(sync_api)
"""

import os
from pathlib import Path

import pytest

from devtools.chromium import CHROMIUM, FLAGS

BROWSER_MARKS = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def playwright_or_skip():
    """Playwright's sync API, or skip the calling module where no Chromium is installed."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            raise RuntimeError(f"REQUIRE_BROWSER is set but no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    return pytest.importorskip("playwright.sync_api")


def launch(sync_api):
    """A module-scoped `browser` fixture: one headless Chromium for the module's tests."""

    @pytest.fixture(scope="module")
    def browser():
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            yield browser
            browser.close()

    return browser
