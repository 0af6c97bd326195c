"""Debian's Chromium (`apt-get install chromium`) and the flags it needs on this closed network,
for the browser tests (tests/chromium.py) and `manage.py screenshots`. `manage.py page_audit`
hands the same binary to the page-audit tool (PAGE_AUDIT). Never `playwright install`."""

import os
import shutil
from contextlib import contextmanager

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def headless_chromium():
    """One headless Chromium driven by Playwright's sync API; FileNotFoundError without one."""
    if not os.path.exists(CHROMIUM):
        raise FileNotFoundError(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
