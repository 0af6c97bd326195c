"""Measure the public pages over HTTP, through gunicorn with 2 workers, on this database.

First without the page cache (PAGE_CACHE_SECONDS=0): the median of sequential requests per page.
Then with it: requests per second of the agenda against a static file from the same gunicorn
(wrk, when installed: `apt-get install wrk`). The figures are printed beside the targets of
issue 8; nothing is asserted.
"""

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand

from conferences.models import Edition, Session
from devtools.local_server import free_port
from devtools.local_server import gunicorn as serve_gunicorn
from speakers.models import Person

STATIC = "/static/favicon.svg"


@contextmanager
def gunicorn(port, cache_seconds, workers=2):
    env = {**os.environ, "PAGE_CACHE_SECONDS": str(cache_seconds), "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    env.setdefault("CONTENT_VERSION_FILE", str(Path(tempfile.gettempdir()) / f"vmc-bench-{port}.version"))
    with serve_gunicorn(env, port, workers=workers, probe=STATIC) as base:
        yield base


def sequential(url, count):
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def wrk(url, seconds, connections=4):
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=False
    )
    found = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} errors on {url}")
    return float(found.group(1)) if found else None


class Command(BaseCommand):
    help = "Benchmark the public pages over HTTP through gunicorn (2 workers), uncached and cached."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="sequential requests per page")
        parser.add_argument("--seconds", type=int, default=5, help="seconds of wrk per measurement")
        parser.add_argument("--year", type=int, default=2024)

    def handle(self, *args, requests, seconds, year, **options):
        edition = Edition.objects.get(year=year)
        session = Session.objects.filter(edition=edition).order_by("order", "pk").first()
        person = Person.objects.filter(participations__edition=edition).order_by("pk").first()
        pages = [
            ("agenda", f"/{year}/agenda/", 10.0),
            ("edition speakers", f"/{year}/speakers/", None),
            ("session", f"/{year}/sessions/{session.slug}/", None),
            ("schedule.json", f"/{year}/schedule.json", None),
            ("edition overview", f"/{year}/", None),
            ("home", "/", None),
            ("person", f"/speakers/{person.slug}/", None),
            ("speakers index", "/speakers/", None),
            ("static file", STATIC, None),
        ]
        self.stdout.write(
            f"Over HTTP: gunicorn, 2 workers, {Edition.objects.count()} editions in the database; "
            f"{requests} sequential requests per page; wrk -t2 -c4 for {seconds} s."
        )
        with gunicorn(free_port(), cache_seconds=0) as base:
            self.stdout.write(
                f"\nWithout the page cache:\n{'page':<18} {'median ms':>10} {'target':>8} {'req/s':>8}"
            )
            for name, path, target in pages:
                for _ in range(5):
                    urllib.request.urlopen(base + path).read()
                median = sequential(base + path, requests)
                rate = wrk(base + path, seconds) if name in ("agenda", "static file") else None
                self.stdout.write(
                    f"{name:<18} {median:>10.2f} {f'≤ {target:g}' if target else '':>8} "
                    f"{f'{rate:.0f}' if rate else '':>8}"
                )
        with gunicorn(free_port(), cache_seconds=3600) as base:
            agenda = f"{base}/{year}/agenda/"
            urllib.request.urlopen(agenda).read()
            cached_median = sequential(agenda, requests)
            static_median = sequential(base + STATIC, requests)
            cached_rate, static_rate = wrk(agenda, seconds), wrk(base + STATIC, seconds)
            self.stdout.write(
                f"\nWith the page cache: agenda {cached_median:.2f} ms median, static file "
                f"{static_median:.2f} ms"
            )
            if cached_rate and static_rate:
                share = cached_rate / static_rate
                self.stdout.write(
                    f"agenda {cached_rate:.0f} req/s, static file {static_rate:.0f} req/s: "
                    f"{share:.0%} of the static file (target ≥ 80%)"
                )
            else:
                self.stdout.write("(install wrk for requests per second: apt-get install wrk)")
