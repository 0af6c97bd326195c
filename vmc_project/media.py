"""Serve uploaded photos (MEDIA_ROOT under MEDIA_URL) with WhiteNoise, as `make run` serves
the site with DEBUG off.

WhiteNoise's own middleware serves STATIC_ROOT from a file list built at start; uploads
appear later, so this one uses WhiteNoise's `autorefresh` look-up: each request under
MEDIA_URL is matched against the file system. WhiteNoise refuses a URL that is not in
canonical form (`..`, `.`, `//`, backslashes; `%2e%2e` arrives decoded as `..`) and checks
the joined path stays under the root; this class adds that the real path (after symlinks)
stays under MEDIA_ROOT and that only the image types the upload pipeline writes are served.

In production the reverse proxy or object storage (django-storages) serves media and
SERVE_MEDIA is False; see README, "Photos and media".
"""

import os
import re
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from whitenoise.base import WhiteNoise
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.string_utils import ensure_leading_trailing_slash

SERVED_EXTENSIONS = (".jpg", ".png", ".webp")
# Names written by vmc_project.images carry a content hash: <stem>-<12 hex>[_<7 chars>][-<width>].<ext>
HASHED_NAME = re.compile(r"-[0-9a-f]{12}(?:_[A-Za-z0-9]{7})?(?:-\d+)?\.(?:jpg|png|webp)$")
MAX_AGE = 60 * 60


def _security_headers(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


class MediaMiddleware(WhiteNoise):
    def __init__(self, get_response):
        media_prefix = urlparse(settings.MEDIA_URL or "").path
        if not getattr(settings, "SERVE_MEDIA", False) or not media_prefix or "://" in settings.MEDIA_URL:
            raise MiddlewareNotUsed
        self.get_response = get_response
        super().__init__(
            application=None,
            autorefresh=True,
            max_age=MAX_AGE,
            allow_all_origins=False,
            add_headers_function=_security_headers,
            immutable_file_test=lambda path, url: bool(HASHED_NAME.search(url)),
        )
        self.prefix = ensure_leading_trailing_slash(media_prefix)
        self.root = os.path.realpath(settings.MEDIA_ROOT)
        self.add_files(self.root, prefix=self.prefix)

    def __call__(self, request):
        path = request.path_info
        if path.startswith(self.prefix) and path.endswith(SERVED_EXTENSIONS):
            media_file = self.find_file(path)
            if media_file is not None:
                return WhiteNoiseMiddleware.serve(media_file, request)
        return self.get_response(request)

    def candidate_paths_for_url(self, url):
        for path in super().candidate_paths_for_url(url):
            if os.path.commonpath((os.path.realpath(path), self.root)) == self.root:
                yield path
