"""Screenshots of every kind of public page (devtools/page_types.py), for reviewing the
design: docs/screenshots/<page type>-360.png (a phone's first screen, 360 x 740),
<page type>-360-full.png (the whole page on that phone) and <page type>-1280.png (a desktop's
first screen, 1280 x 800), saved in 256 colours to keep the repository small.

On a throwaway copy of the site with the fixtures (devtools/local_server.py), or on a server
you run (--url http://127.0.0.1:8000). `make screenshots` runs it.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image

from devtools.chromium import headless_chromium
from devtools.local_server import site_at
from devtools.page_types import PAGE_TYPES, page_type

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def save_compact(png, path):
    """Save a screenshot in 256 colours: the flat design looks the same at a third of the bytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)


class Command(BaseCommand):
    help = "Screenshots of every public page type at 360 px (first screen and whole page) and 1280 px."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="a running site to photograph (default: a throwaway copy)")
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))
        parser.add_argument("--only", nargs="+", metavar="PAGE_TYPE", help="these page types only")

    def handle(self, *args, url=None, out, only=None, **options):
        try:
            pages = [page_type(name) for name in only] if only else PAGE_TYPES
        except KeyError as error:
            raise CommandError(error.args[0]) from None
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        try:
            with site_at(url) as base, headless_chromium() as browser:
                for page in pages:
                    self.photograph(browser, base, page, out)
        except (FileNotFoundError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"{3 * len(pages)} screenshots in {out}"))

    def photograph(self, browser, base, page, out):
        for viewport, shots in ((PHONE, {"360": False, "360-full": True}), (DESKTOP, {"1280": False})):
            context = browser.new_context(viewport=viewport)
            try:
                tab = context.new_page()
                response = tab.goto(base + page.path, wait_until="networkidle")
                if response.status != page.status:
                    raise CommandError(f"{page.path} answered {response.status}, not {page.status}")
                for suffix, full_page in shots.items():
                    path = out / f"{page.name}-{suffix}.png"
                    save_compact(tab.screenshot(full_page=full_page), path)
                    self.stdout.write(f"{path}")
            finally:
                context.close()
