"""A full-page cache for anonymous visitors that is never stale.

**What is cached.** GET and HEAD requests without a session cookie (so never a signed-in editor,
never a staff preview of a draft), outside /admin/, whose response is a 200 without cookies and
without `Cache-Control: private/no-store/no-cache` (conferences/public/preview.py marks previews so).
The body is kept as it is and gzipped; the entry carries a weak ETag (a hash of the body) and
Last-Modified (when content last changed), and answers `If-None-Match`/`If-Modified-Since`
with 304. Every such response, hit or miss, says `Vary: Accept-Encoding, Cookie` and
`Cache-Control: max-age=0, must-revalidate` (browsers and CDNs ask again, cheaply, every time).

**Query strings.** No public page reads one, so the key leaves it out (`/2024/?x=1` is the
entry of `/2024/`), except for parameters listed in `PAGE_CACHE_QUERY_PARAMS`: a page that
starts reading a parameter (pagination, search) must be listed there.

**Never stale.** Every cache key contains the *content version*. Any SQL statement that writes
to a content table sends `content_changed` (vmc_project/writes.py: a save or delete in the admin,
a queryset `update()`, `bulk_create`, `load_edition`, a restore, raw SQL), and the version is
bumped when the transaction commits (at once outside a transaction). New requests then miss
and render afresh; old entries are never read again and expire. Writes to sessions, login
attempts or the admin log do not invalidate.

**Where the version lives.** In the cache itself when it is shared (Redis, memcached, files,
database: every app server and every `manage.py` process sees one version). With the default
local-memory cache, which each process keeps for itself, the version is a small file
(`CONTENT_VERSION_FILE`), so that a `manage.py load_edition` run in a terminal, or another
gunicorn worker, invalidates this process's pages too.
"""

import gzip
import hashlib
import os
import re
import secrets
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, urlencode

from vmc_project.writes import Moment, content_changed

VERSION_KEY = "vmc:content-version"
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
DROPPED_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "vary", "cache-control"}
CACHE_CONTROL = "max-age=0, must-revalidate"
VARY = "Accept-Encoding, Cookie"


def new_token():
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def token_time(token):
    """When the content changed, in seconds since the epoch (for Last-Modified)."""
    return int(token.split("-", 1)[0], 16) // 1_000_000_000


class CacheVersion:
    """The version kept in a cache every process shares."""

    def __init__(self, cache):
        self.cache = cache

    def current(self):
        token = self.cache.get(VERSION_KEY)
        if token is None:
            self.cache.add(VERSION_KEY, new_token(), timeout=None)
            token = self.cache.get(VERSION_KEY)
        return token

    def bump(self):
        self.cache.set(VERSION_KEY, new_token(), timeout=None)


class FileVersion:
    """The version kept in a file, for caches that live in one process only."""

    def __init__(self, path):
        self.path = Path(path)

    def current(self):
        try:
            return self.path.read_text()
        except FileNotFoundError:
            self.bump()
            return self.path.read_text()

    def bump(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".version-")
        with os.fdopen(fd, "w") as file:
            file.write(new_token())
        os.replace(temporary, self.path)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def version_store():
    cache = page_cache()
    local = type(cache).__name__ in ("LocMemCache", "DummyCache")
    return FileVersion(settings.CONTENT_VERSION_FILE) if local else CacheVersion(cache)


def invalidate():
    """Invalidate every cached page now. Content writes do this by themselves."""
    version_store().bump()


# --- Noticing writes (vmc_project/writes.py watches them) ----------------------------------

_dirty = threading.local()


@receiver(content_changed, dispatch_uid="vmc_pagecache_invalidate")
def invalidate_on_change(moment, **kwargs):
    if moment is Moment.WRITTEN:
        # This thread sees the write at once (its next page, e.g. in a test): bump before that.
        # Other processes see it when it commits, and the bump comes then.
        _dirty.pending = True
    else:
        invalidate()


# --- The middleware ----------------------------------------------------------------------


class Entry:
    """A cached 200: headers, the body, its gzipped form, ETag and Last-Modified."""

    def __init__(self, response, token):
        self.body = response.content
        self.headers = [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS]
        content_type = response.get("Content-Type", "")
        self.gzipped = None
        if content_type.startswith(COMPRESSIBLE) and len(self.body) >= 200:
            self.gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        self.etag = f'W/"{hashlib.md5(self.body, usedforsecurity=False).hexdigest()}"'
        self.last_modified = token_time(token)

    def not_modified(self, request):
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            tags = {tag.strip() for tag in if_none_match.split(",")}
            return "*" in tags or self.etag in tags or self.etag[2:] in tags
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and self.last_modified <= since

    def respond(self, request, state):
        if self.not_modified(request):
            response = HttpResponseNotModified()
        else:
            gzipped = self.gzipped is not None and ACCEPTS_GZIP.search(
                request.META.get("HTTP_ACCEPT_ENCODING", "")
            )
            body = self.gzipped if gzipped else self.body
            response = HttpResponse(b"" if request.method == "HEAD" else body)
            for name, value in self.headers:
                response[name] = value
            response["Content-Length"] = str(len(body))
            if gzipped:
                response["Content-Encoding"] = "gzip"
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        response["Cache-Control"] = CACHE_CONTROL
        response["Vary"] = VARY
        response["X-Page-Cache"] = state
        return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_serve_from_cache(request):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        store = version_store()
        if getattr(_dirty, "pending", False):
            _dirty.pending = False
            store.bump()
        token = store.current()
        key = self.key(request, host, token)
        cache = page_cache()
        entry = cache.get(key)
        if entry is not None:
            return entry.respond(request, "hit")
        response = self.get_response(request)
        if not self.may_keep(response):
            return response
        entry = Entry(response, token)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return entry.respond(request, "miss")

    @staticmethod
    def key(request, host, token):
        """The page's address without the query string, except parameters a page reads
        (PAGE_CACHE_QUERY_PARAMS): `?x=1`, `?x=2`, … are one entry, not a way to fill the cache."""
        params = sorted(
            (name, value)
            for name, values in request.GET.lists()
            if name in settings.PAGE_CACHE_QUERY_PARAMS
            for value in values
        )
        address = f"{request.scheme}://{host}{request.path}?{urlencode(params)}"
        return f"vmc:page:{token}:{hashlib.sha256(address.encode()).hexdigest()}"

    @staticmethod
    def may_serve_from_cache(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PATHS)
        )

    @staticmethod
    def may_keep(response):
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )
