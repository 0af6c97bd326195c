"""Loading a large edition never takes the site down.

A real server (`manage.py runserver`, DEBUG off) runs on its own database, on SQLite a file and on
PostgreSQL a fresh database on the test session's server. While `load_edition` writes a synthetic
edition of more than 5,000 records, threads keep requesting public pages and posting the admin
login form. No response may be a server error.
"""

import datetime
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from devtools.local_server import free_port
from devtools.local_server import runserver as running_server

pytestmark = [pytest.mark.server, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
YEAR = 2090
PUBLIC_PATHS = ["/", "/2024/", "/2024/agenda/", "/speakers/", "/2024/sessions/conference-opening/"]
# A short pause between a thread's requests leaves the (two-core) machine to the load itself;
# the requests still overlap the load's writes throughout.
PAUSE = 0.1
ROLES = ["speaker", "panellist", "panellist", "panellist", "moderator"]


def filler(label, size):
    """Plainly synthetic text of about `size` characters, in paragraphs."""
    sentence = f"This is synthetic text for {label}, written only to give the load test some weight. "
    paragraph = sentence * 8
    return "\n\n".join([paragraph] * (size // len(paragraph) + 1))[:size].strip()


def synthetic_edition(people=300, sessions=300, per_session=10, quotes_per_person=5):
    """An edition fixture valid per fixtures/AUTHORING.md, entirely fictitious (year 2090).

    Bios and summaries are long (within the caps), so the load writes several megabytes: more
    than SQLite's page cache holds, as a real large edition does.
    """
    start = datetime.date(YEAR, 10, 20)
    records = [
        {
            "model": "speakers.organisation",
            "fields": {
                "slug": "synthetic-org",
                "name": "Synthetic Organisation",
                "acronym": "",
                "country": "",
            },
        },
        {
            "model": "conferences.venue",
            "fields": {"slug": "synthetic-hall", "name": "Synthetic Hall", "address": "", "city": "Vienna"},
        },
        {
            "model": "conferences.edition",
            "fields": {
                "year": YEAR,
                "ordinal": None,
                "title": f"Vienna Migration Conference {YEAR} (synthetic)",
                "theme": "",
                "tagline": "",
                "start_date": start.isoformat(),
                "end_date": (start + datetime.timedelta(days=1)).isoformat(),
                "venue": ["synthetic-hall"],
                "format": "hybrid",
                "in_person_attendance": "",
                "online_attendance": "",
                "introduction": "A synthetic edition for the load test.",
                "status": "published",
            },
        },
    ]
    slugs = [f"synthetic-person-{n:04d}" for n in range(1, people + 1)]
    records += [
        {
            "model": "speakers.person",
            "fields": {
                "slug": slug,
                "name": f"Synthetic Person {n:04d}",
                "bio": "",
                "photo": "",
                "photo_credit": "",
            },
        }
        for n, slug in enumerate(slugs, start=1)
    ]
    for n in range(1, sessions + 1):
        day = start + datetime.timedelta(days=n % 2)
        minute = 8 * 60 + (n // 2) % 40 * 15
        session_key = [YEAR, f"synthetic-session-{n:04d}"]
        records.append(
            {
                "model": "conferences.session",
                "fields": {
                    "edition": [YEAR],
                    "slug": session_key[1],
                    "title": f"Synthetic session {n}",
                    "subtitle": "",
                    "format": "panel_discussion",
                    "is_side_event": False,
                    "date": day.isoformat(),
                    "start_time": f"{minute // 60:02d}:{minute % 60:02d}",
                    "end_time": f"{(minute + 10) // 60:02d}:{(minute + 10) % 60:02d}",
                    "order": n,
                    "venue": None,
                    "room": "",
                    "summary": filler(f"session {n}", 10000),
                    "video_url": "",
                },
            }
        )
        for k in range(per_session):
            records.append(
                {
                    "model": "conferences.participation",
                    "fields": {
                        "edition": [YEAR],
                        "session": session_key,
                        "person": [slugs[(n * per_session + k) % people]],
                        "role": ROLES[k % len(ROLES)],
                        "order": k + 1,
                        "is_online": False,
                        "position": "Synthetic position",
                        "organisation": ["synthetic-org"],
                    },
                }
            )
    for p, slug in enumerate(slugs):
        for number in range(1, quotes_per_person + 1):
            records.append(
                {
                    "model": "conferences.quote",
                    "fields": {
                        "edition": [YEAR],
                        "session": [YEAR, f"synthetic-session-{(p % sessions) + 1:04d}"],
                        "person": [slug],
                        "number": number,
                        "text": f"Synthetic quote {number}.",
                        "source": "synthetic",
                    },
                }
            )
    return records


@contextmanager
def fresh_database_url(tmp_path):
    """A database for the server alone: an SQLite file, or a new PostgreSQL database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        return
    import psycopg

    name = f"vmc_concurrency_{secrets.token_hex(4)}"
    server = {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        credentials = urllib.parse.quote(server["user"] or "", safe="")
        if server["password"]:
            credentials += ":" + urllib.parse.quote(server["password"], safe="")
        host = server["host"] or "localhost"
        port = f":{server['port']}" if server["port"] else ""
        yield f"postgres://{credentials}@{host}{port}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Traffic:
    """Requests made by the threads: (started, kind, path, status, body excerpt)."""

    def __init__(self, base):
        self.base = base
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.responses = []
        self.failures = []

    def record(self, started, kind, path, status, body=""):
        with self.lock:
            self.responses.append((started, kind, path, status, body[:300]))

    def fetch(self, opener, kind, path, data=None):
        started = time.monotonic()
        try:
            with opener.open(self.base + path, data=data, timeout=60) as response:
                body = response.read().decode("utf-8", "replace")
                self.record(started, kind, path, response.status)
                return body
        except urllib.error.HTTPError as error:
            self.record(started, kind, path, error.code, error.read().decode("utf-8", "replace"))
        except (urllib.error.URLError, OSError) as error:
            with self.lock:
                self.failures.append((started, time.monotonic() - started, kind, path, repr(error)))
        return ""

    def read_pages(self, offset):
        opener = urllib.request.build_opener()
        n = offset
        while not self.stop.is_set():
            self.fetch(opener, "public", PUBLIC_PATHS[n % len(PUBLIC_PATHS)])
            n += 1
            self.stop.wait(PAUSE)

    def try_logins(self):
        while not self.stop.is_set():
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = self.fetch(opener, "login", "/admin/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            if not token:
                continue
            form = {"csrfmiddlewaretoken": token.group(1), "username": "nobody", "password": "wrong"}
            self.fetch(opener, "login", "/admin/login/?next=/admin/", urllib.parse.urlencode(form).encode())
            self.stop.wait(PAUSE)


def test_loading_a_large_edition_while_the_site_serves_gives_no_server_error(tmp_path):
    fixture = tmp_path / f"vmc{YEAR}.json"
    records = synthetic_edition()
    assert len(records) >= 5000
    fixture.write_text(json.dumps(records))

    with fresh_database_url(tmp_path) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "BACKUP_DIR": str(tmp_path / "backups"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        steps = (
            ["migrate", "--noinput"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
            ["load_edition", "fixtures/vmc2024.json"],
        )
        for step in steps:
            done = manage(env, *step)
            assert done.returncode == 0, done.stderr

        port = free_port()
        with running_server(env, port, tmp_path / "server.log"):
            traffic = Traffic(f"http://127.0.0.1:{port}")
            threads = [threading.Thread(target=traffic.read_pages, args=(n,)) for n in range(4)]
            threads += [threading.Thread(target=traffic.try_logins) for _ in range(2)]
            for thread in threads:
                thread.start()
            try:
                time.sleep(0.5)
                load_started = time.monotonic()
                load = manage(env, "load_edition", str(fixture), timeout=300)
                load_ended = time.monotonic()
            finally:
                traffic.stop.set()
                for thread in threads:
                    thread.join(timeout=90)

    during = [r for r in traffic.responses if load_started <= r[0] <= load_ended]
    errors = [r for r in traffic.responses if r[3] >= 500]
    public = sum(r[1] == "public" for r in during)
    print(
        f"\n{len(records)} records loaded in {load_ended - load_started:.1f} s on "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{len(during)} requests during the load ({public} public, {len(during) - public} admin login), "
        f"{len(traffic.responses)} in all; {len(errors)} responses >= 500"
    )
    for _, kind, path, status, body in errors:
        print(f"  {status} {kind} {path}: {body!r}")
    log_lines = (tmp_path / "server.log").read_text().splitlines()
    causes = sorted({line for line in log_lines if line.startswith(("django.", "sqlite3.", "psycopg."))})
    for line in causes[:5]:
        print(f"  server log: {line}")
    for started, seconds, kind, path, error in traffic.failures:
        print(f"  no answer: {kind} {path} at {started - load_started:+.1f} s after {seconds:.1f} s: {error}")

    assert load.returncode == 0, load.stdout[-2000:] + load.stderr[-2000:]
    assert "editions: 1 created" in load.stdout
    assert errors == []
    assert traffic.failures == []
    assert any(r[1] == "public" for r in during)
    assert any(r[1] == "login" for r in during)
    # The login form (200), or the lockout after repeated wrong passwords (429, django-axes).
    assert {r[3] for r in traffic.responses if r[1] == "login"} <= {200, 429}
