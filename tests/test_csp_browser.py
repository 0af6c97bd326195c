"""The strict Content-Security-Policy (no inline script or style) breaks nothing: every public
page and every kind of admin page the project has, opened in Chromium, with the scripts they run
(calendar and clock, select2 autocomplete, "add another" inline rows, the project's own admin
scripts), reports no CSP violation and no console error.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import pytest
from django.contrib.auth.models import User

from .chromium import BROWSER_MARKS, launch, playwright_or_skip

PASSWORD = "a-long-editor-password"

sync_api = playwright_or_skip()
pytestmark = BROWSER_MARKS
browser = launch(sync_api)

# Runs before any script of the page: keeps every securitypolicyviolation event.
COLLECT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


class Watched:
    """A tab that keeps CSP violations and console errors of every page it opens."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors = []
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))

    def console(self, message):
        # The designed 404 page itself, and the favicon.ico browsers ask for on admin pages
        # (whose template links no icon), are expected 404s.
        source = message.location.get("url", "")
        expected = "status of 404" in message.text and (
            source.endswith(("/no-such-page/", "/favicon.ico")) or self.page.url.endswith("/no-such-page/")
        )
        if message.type == "error" and not expected:
            self.errors.append(f"{self.page.url}: {message.text} ({message.location.get('url')})")

    def open(self, url):
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def problems(self):
        found = self.page.evaluate("window.__violations")
        return [f"{self.page.url}: {v}" for v in found] + self.errors


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT)
    yield context
    context.close()


PUBLIC = [
    "/",
    "/editions/",
    "/2024/",
    "/2024/agenda/",
    "/2024/sessions/conference-opening/",
    "/2024/speakers/",
    "/2024/side-events/",
    "/speakers/",
    "/no-such-page/",
]


def test_public_pages_run_under_the_policy_without_violations(live_server, all_editions, context):
    from speakers.models import Person

    tab = Watched(context)
    problems = []
    person = Person.objects.filter(participations__edition__year=2024).first()
    for path in [*PUBLIC, person.get_absolute_url()]:
        tab.open(live_server.url + path)
        assert tab.page.evaluate("document.styleSheets.length") >= 1  # the stylesheet applies
        problems += tab.problems()
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_admin_pages_run_under_the_policy_without_violations(live_server, all_editions, context):
    from conferences.models import Edition, Session
    from speakers.models import Person

    User.objects.create_superuser("editor", password=PASSWORD)
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    edition = Edition.objects.get(year=2024)
    person = Person.objects.filter(participations__session=session).first()
    site = live_server.url
    tab = Watched(context)
    page = tab.open(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    problems = tab.problems()

    pages = [
        "/admin/",
        "/admin/conferences/session/",
        f"/admin/conferences/session/?edition__id__exact={edition.pk}",
        f"/admin/conferences/session/{session.pk}/change/",
        f"/admin/conferences/session/{session.pk}/history/",
        f"/admin/conferences/session/{session.pk}/delete/",
        "/admin/conferences/session/recover/",
        "/admin/conferences/session/add/",
        f"/admin/conferences/edition/{edition.pk}/change/",
        "/admin/conferences/edition/",
        "/admin/conferences/edition/load/",
        f"/admin/speakers/person/{person.pk}/change/",
        "/admin/conferences/participation/add/",
        "/admin/speakers/organisation/add/?_popup=1&_to_field=id",
        "/admin/auth/user/",
        "/admin/password_change/",
    ]
    for path in pages:
        tab.open(site + path)
        problems += tab.problems()

    # What scripts do on the session form: the calendar and clock, select2, a new inline row.
    page = tab.open(f"{site}/admin/conferences/session/{session.pk}/change/")
    page.click(".datetimeshortcuts a >> nth=0")
    page.locator(".select2-selection").first.click()
    page.wait_for_selector(".select2-results__option")
    page.keyboard.type("a")
    page.wait_for_timeout(500)
    page.keyboard.press("Escape")
    page.locator(".add-row a").first.click()
    problems += tab.problems()

    page = tab.open(f"{site}/admin/conferences/session/{session.pk}/history/")
    link = page.locator("#change-history a").first
    if link.count():
        link.click()
        page.wait_for_load_state("networkidle")
        problems += tab.problems()
    assert problems == [], "\n".join(problems)
