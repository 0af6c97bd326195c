"""Every kind of public page on a phone (360 px), at 200 % zoom and with reduced motion: nothing
scrolls sideways, times do not break across lines, the agenda starts on the first screen, and
nothing moves for a visitor who asked for no motion. The kinds and their sample addresses are
devtools/page_types.py.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

import pytest

from devtools.page_types import PAGE_TYPES, page_type

from .chromium import launch, playwright_or_skip
from .public_site import PHONE, PUBLIC_SITE_MARKS, opened, serve_public_site, sideways_overflow

sync_api = playwright_or_skip()
pytestmark = PUBLIC_SITE_MARKS
browser = launch(sync_api)
site = serve_public_site()

EACH_PAGE_TYPE = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
# A 1280 x 800 window zoomed to 200 %: 640 x 400 CSS pixels, each drawn with 2 x 2 device pixels.
ZOOMED_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}

# Each time range in <main> ("11:45–12:15") and on how many lines it is drawn.
TIME_RANGE_LINES = r"""() => {
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\d{1,2}:\d\d\s*–\s*\d{1,2}:\d\d/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      found.push([match[0], lines.size]);
    }
  }
  return found;
}"""

# Everything that would move: transitions and animations longer than 10 ms on any element or its
# ::before/::after, animations running now, and smooth scrolling.
MOTION = r"""() => {
  const seconds = value => parseFloat(value) * (value.trim().endsWith('ms') ? 0.001 : 1);
  const longest = list => Math.max(...list.split(',').map(seconds));
  const describe = element => [element.tagName.toLowerCase(), ...element.classList].join('.');
  const moving = [];
  for (const element of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      const name = describe(element) + (pseudo || '');
      if (longest(style.transitionDuration) > 0.01) {
        moving.push(`${name}: transition ${style.transitionDuration}`);
      }
      if (style.animationName !== 'none' && longest(style.animationDuration) > 0.01) {
        moving.push(`${name}: animation ${style.animationName} ${style.animationDuration}`);
      }
    }
  }
  for (const animation of document.getAnimations()) {
    moving.push(`running: ${animation.animationName || animation.transitionProperty || 'a script'}`);
  }
  if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') {
    moving.push('html: scroll-behavior smooth');
  }
  return moving;
}"""


@EACH_PAGE_TYPE
def test_page_on_a_phone_fits_keeps_times_whole_and_holds_still_for_reduced_motion(browser, site, page_type):
    """One load of each page at 360 px, with reduced motion asked for (which changes no layout):
    nothing scrolls sideways, one <h1>, no console error, no time range split across lines, and
    nothing moves."""
    with opened(browser, site + page_type.path, PHONE, reduced_motion="reduce") as (page, response, errors):
        assert response.status == page_type.status
        assert sideways_overflow(page) <= 0, f"{page_type.path} scrolls sideways at 360 px"
        assert page.locator("h1").count() == 1
        if page_type.status == 200:
            assert errors == []
        broken = [text for text, lines in page.evaluate(TIME_RANGE_LINES) if lines > 1]
        assert broken == [], f"{page_type.path}: time ranges split across lines"
        assert page.evaluate(MOTION) == [], f"{page_type.path} moves for a visitor who asked for no motion"


@EACH_PAGE_TYPE
def test_page_is_usable_at_200_percent_zoom(browser, site, page_type):
    with opened(browser, site + page_type.path, **ZOOMED_200) as (page, _, _):
        assert sideways_overflow(page) <= 0, f"{page_type.path} scrolls sideways at 200 % zoom"
        assert page.get_by_role("link", name="Skip to main content").count() == 1
        # The main navigation is shown, or folded behind a visible control in the header.
        navigation = page.get_by_role("navigation", name="Main")
        toggle = page.get_by_role("banner").locator("summary, button[aria-expanded]")
        assert navigation.is_visible() or (toggle.count() > 0 and toggle.first.is_visible())
        assert page.locator("h1").is_visible()


def test_session_time_stays_on_one_line_on_a_phone(browser, site):
    with opened(browser, site + page_type("session-2024").path, PHONE) as (page, _, _):
        assert page.evaluate(TIME_RANGE_LINES) == [["11:45–12:15", 1]]


def test_motion_check_sees_a_transition_and_an_animation(browser, site):
    """The check can fail: a page given a transition and a running animation is caught."""
    motion = {"reduced_motion": "reduce", "bypass_csp": True}  # the policy forbids the added style
    with opened(browser, site + "/editions/", PHONE, **motion) as (page, _, _):
        page.add_style_tag(
            content="@keyframes spin { to { transform: rotate(1turn); } }"
            " h1 { transition: color 0.3s; animation: spin 2s infinite; }"
        )
        assert page.evaluate(MOTION) == ["h1: transition 0.3s", "h1: animation spin 2s", "running: spin"]


def test_agenda_starts_on_the_first_screen_of_a_phone(browser, site):
    with opened(browser, site + page_type("agenda-2024").path, PHONE) as (page, _, _):
        header = page.get_by_role("banner").bounding_box()
        first_title = page.locator("main a[href*='/sessions/']").first.bounding_box()
    assert header["y"] + header["height"] <= 180, "masthead and edition bar are higher than 180 px"
    assert first_title["y"] + first_title["height"] <= PHONE["height"], "first session title below the fold"
