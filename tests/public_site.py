"""What the public-site browser tests share: the site with the documented editions, served as
production serves it, and one way to open a page in Chromium.

The site is a throwaway copy (devtools/local_server.py: a fresh SQLite file loaded from
fixtures/, collected static files, gunicorn, DEBUG off), prepared once per test run and served
once per test worker. The tests only read, so they need neither the test database nor its flush
after every test. In a test module:

    from .chromium import launch, playwright_or_skip
    from .public_site import PUBLIC_SITE_MARKS, serve_public_site

    sync_api = playwright_or_skip()     # skips the module without Chromium, unless REQUIRE_BROWSER=1
    pytestmark = PUBLIC_SITE_MARKS
    browser = launch(sync_api)
    site = serve_public_site()          # a module-scoped fixture: the base URL
"""

import fcntl
from contextlib import contextmanager

import pytest

from devtools.local_server import prepared_site, site_environment

# Browser tests of the public site; they read a served copy of their own, never the test database,
# so they are the same whatever DATABASE_URL says (CI runs them once, on the SQLite pass).
PUBLIC_SITE_MARKS = [pytest.mark.browser, pytest.mark.served_copy]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def shared_site(directory):
    """The copy of the site in `directory`, prepared once per test run: the first xdist worker to
    get here prepares it while the others wait, then each serves it."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "prepare.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / "ready").exists():
            prepared_site(directory)
            (directory / "ready").touch()
    return site_environment(directory)


def serve_public_site():
    """A module-scoped `site` fixture: the base URL of the served copy (tests/conftest.py serves it
    once per worker)."""

    @pytest.fixture(scope="module")
    def site(public_site_url):
        return public_site_url

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
