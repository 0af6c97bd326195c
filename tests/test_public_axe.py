"""axe-core finds no serious or critical accessibility problem on any kind of public page, on a
desktop window (1280 px) or a phone (360 px). The kinds and their sample addresses are
devtools/page_types.py.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from devtools.page_types import PAGE_TYPES

from .chromium import launch, playwright_or_skip
from .public_site import DESKTOP, PHONE, PUBLIC_SITE_MARKS, opened, serve_public_site

sync_api = playwright_or_skip()
pytestmark = PUBLIC_SITE_MARKS
browser = launch(sync_api)
site = serve_public_site()

BLOCKING = ("serious", "critical")


def blocking_violations(results):
    """'rule-id (impact): target, target' for each serious or critical violation."""
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
def test_page_has_no_serious_accessibility_violation(browser, site, page_type, viewport):
    with opened(browser, site + page_type.path, viewport) as (page, response, _):
        assert response.status == page_type.status
        violations = blocking_violations(Axe().run(page))
    assert violations == [], f"{page_type.path} at {viewport['width']} px:\n" + "\n".join(violations)


def test_a_serious_violation_is_reported_with_its_rule_and_target(browser, site):
    """The check can fail: a link with no text, added to a real page, is named with its place."""
    with opened(browser, site + "/editions/", DESKTOP) as (page, _, _):
        page.evaluate(
            "document.querySelector('main').append(Object.assign(document.createElement('a'), {href: '/'}))"
        )
        violations = blocking_violations(Axe().run(page))
    assert violations == ['link-name (serious): #main > a[href="/"]']
