"""Two app servers in separate processes, one database and one cache: an edit made through one
is visible at once through the other, never a stale page.

With Redis (a `redis-server` started here; skipped without one unless REQUIRE_REDIS=1, as in CI)
the servers share pages and the content version through it. With the default per-process
cache, they share the content version through its file. The database is the test session's
server on PostgreSQL (a fresh database) or an SQLite file.
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from types import SimpleNamespace

import pytest

from .admin_forms import form_data
from .test_concurrent_load import free_port, fresh_database_url, manage, running_server

PASSWORD = "a-long-lead-password"
pytestmark = [pytest.mark.server, pytest.mark.slow]
REDIS = shutil.which("redis-server")


@contextmanager
def redis_server(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [
            REDIS,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                import redis

                redis.Redis(port=port).ping()
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(url, opener=None):
    with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode()


def edit_session_title(base, session_pk, title):
    """Log in to the admin of the server at `base` and change one session's title."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, _, page = get(base + "/admin/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    login = {"csrfmiddlewaretoken": token, "username": "lead", "password": PASSWORD}
    opener.open(
        base + "/admin/login/?next=/admin/", urllib.parse.urlencode(login).encode(), timeout=30
    ).read()
    url = f"{base}/admin/conferences/session/{session_pk}/change/"
    _, _, page = get(url, opener)
    data = form_data(SimpleNamespace(content=page.encode()), "session_form", title=title)
    with opener.open(url, urllib.parse.urlencode(data, doseq=True).encode(), timeout=30) as response:
        assert response.url.endswith("/admin/conferences/session/"), response.url  # saved: back to the list


@pytest.mark.parametrize("cache", ["redis", "local"])
def test_an_edit_through_one_app_server_shows_at_once_on_the_other(tmp_path, cache):
    if cache == "redis" and not REDIS:
        if os.environ.get("REQUIRE_REDIS"):
            raise RuntimeError(
                "REQUIRE_REDIS is set but there is no redis-server (apt-get install redis-server)"
            )
        pytest.skip("no redis-server (apt-get install redis-server)")
    with ExitStack() as stack:
        database_url = stack.enter_context(fresh_database_url(tmp_path))
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "BACKUP_DIR": str(tmp_path / "backups"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CONTENT_VERSION_FILE": str(tmp_path / "content-version"),
        }
        if cache == "redis":
            env["CACHE_URL"] = stack.enter_context(redis_server(tmp_path))
        create_lead = (
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('lead', '', '{PASSWORD}'); "
            "from conferences.models import Session; "
            "print(Session.objects.get(edition__year=2024, slug='conference-opening').pk)"
        )
        steps = (
            ["migrate", "--noinput"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
            ["load_edition", "fixtures/vmc2024.json"],
            ["shell", "--no-imports", "-c", create_lead],
        )
        for step in steps:
            done = manage(env, *step)
            assert done.returncode == 0, done.stderr
        session_pk = int(done.stdout.strip().splitlines()[-1])

        one, other = free_port(), free_port()
        stack.enter_context(running_server(env, one, tmp_path / "one.log"))
        stack.enter_context(running_server(env, other, tmp_path / "other.log"))
        first, second = f"http://127.0.0.1:{one}", f"http://127.0.0.1:{other}"
        agenda = "/2024/agenda/"

        for base in (first, second, first, second):
            status, headers, body = get(base + agenda)
            assert status == 200 and "Conference opening" in body
        assert headers["X-Page-Cache"] == "hit"  # both servers now serve it from their cache

        edit_session_title(first, session_pk, "Opening, edited on one server")

        status, headers, body = get(second + agenda)
        assert "Opening, edited on one server" in body
        assert "Conference opening" not in body
        assert "Opening, edited on one server" in get(first + agenda)[2]
