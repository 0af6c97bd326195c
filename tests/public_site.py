"""What the public-site browser tests share: the site with the documented editions, served as
production serves it, and one way to open a page in Chromium.

The site is a throwaway copy (devtools/local_server.py: a fresh SQLite file loaded from
fixtures/, collected static files, gunicorn, DEBUG off), prepared once per test run and served
once per module. The tests only read, so they need neither the test database nor its flush
after every test. In a test module:

    from .chromium import launch, playwright_or_skip
    from .public_site import PUBLIC_SITE_MARKS, serve_public_site

    sync_api = playwright_or_skip()     # skips the module without Chromium, unless REQUIRE_BROWSER=1
    pytestmark = PUBLIC_SITE_MARKS
    browser = launch(sync_api)
    site = serve_public_site()          # a module-scoped fixture: the base URL
"""

import atexit
import functools
import shutil
import tempfile
from contextlib import contextmanager

import pytest

from devtools.local_server import prepared_site, serve_prepared

PUBLIC_SITE_MARKS = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@functools.cache
def _prepared_site():
    """One copy of the site for the whole test run; removed when the run ends."""
    directory = tempfile.mkdtemp(prefix="vmc-public-site-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return prepared_site(directory)


def serve_public_site():
    """A module-scoped `site` fixture: the base URL of the served copy (one gunicorn worker)."""

    @pytest.fixture(scope="module")
    def site():
        with serve_prepared(_prepared_site(), workers=1) as base:
            yield base

    return site


@contextmanager
def opened(browser, url, viewport=PHONE, **context_options):
    """A page at `url` in a fresh browser context; yields (page, response, console errors)."""
    context = browser.new_context(viewport=viewport, **context_options)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(url, wait_until="load")
        yield page, response, errors
    finally:
        context.close()


def sideways_overflow(page):
    """How many CSS pixels the page scrolls sideways (0 when it fits its window)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
