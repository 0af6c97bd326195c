"""`manage.py screenshots` photographs page types at a phone's and a desktop's size.

Skipped where no Chromium is installed, unless REQUIRE_BROWSER=1 (as in CI).
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from .chromium import playwright_or_skip
from .public_site import PUBLIC_SITE_MARKS, serve_public_site

playwright_or_skip()
pytestmark = PUBLIC_SITE_MARKS
site = serve_public_site()


def test_three_screenshots_per_page_type_at_phone_and_desktop_sizes(site, tmp_path):
    out = StringIO()
    call_command("screenshots", url=site + "/", out=str(tmp_path), only=["session-2024"], stdout=out)
    sizes = {path.name: Image.open(path).size for path in tmp_path.iterdir()}
    full_height = sizes.pop("session-2024-360-full.png")[1]
    assert sizes == {"session-2024-360.png": (360, 740), "session-2024-1280.png": (1280, 800)}
    assert full_height > 740
    assert out.getvalue().endswith(f"3 screenshots in {tmp_path}\n")


def test_a_page_answering_another_status_than_its_type_stops_the_command(site, tmp_path):
    # A wrong base address: the home page's sample answers 404.
    with pytest.raises(CommandError, match="answered 404, not 200"):
        call_command(
            "screenshots", url=site + "/elsewhere", out=str(tmp_path), only=["home"], stdout=StringIO()
        )
