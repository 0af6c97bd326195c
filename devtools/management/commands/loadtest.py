"""A bounded load on loopback: gunicorn (2 workers) on this database, wrk with --clients
connections for --seconds over the public pages in turn; prints p50, p99, requests per second
and errors, and exits 1 on any error (a non-2xx/3xx answer, a timeout, a refused connection).
`make loadtest` runs it on a throw-away database. Without wrk (`apt-get install wrk`) it uses
devtools/loadgen.py, Python threads that count the same errors but reach fewer requests/s."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conferences.models import Edition, Session
from devtools.loadgen import run_load
from devtools.management.commands.bench_http import free_port, gunicorn
from speakers.models import Person

SCRIPT = """
paths = {%s}
n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


class Command(BaseCommand):
    help = "Load the public pages through gunicorn with wrk; print p50, p99 and errors."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--cache-seconds", type=int, default=3600, help="0: without the page cache")

    def handle(self, *args, clients, seconds, cache_seconds, **options):
        wrk = shutil.which("wrk")
        edition = Edition.objects.published().order_by("-year").first()
        if edition is None:
            raise CommandError("No published edition: run `make setup` first.")
        year = edition.year
        session = Session.objects.filter(edition=edition).order_by("order", "pk").first()
        person = Person.objects.filter(participations__edition=edition).order_by("pk").first()
        paths = [
            "/",
            "/editions/",
            f"/{year}/",
            f"/{year}/agenda/",
            f"/{year}/sessions/{session.slug}/",
            f"/{year}/speakers/",
            f"/{year}/side-events/",
            f"/{year}/schedule.json",
            f"/speakers/{person.slug}/",
            "/speakers/",
        ]
        if not wrk:
            self.python_load(paths, year, clients, seconds, cache_seconds)
            return
        with tempfile.TemporaryDirectory() as directory:
            script = Path(directory) / "paths.lua"
            script.write_text(SCRIPT % ", ".join(f'"{p}"' for p in paths))
            with gunicorn(free_port(), cache_seconds=cache_seconds) as base:
                result = subprocess.run(  # noqa: S603  wrk on loopback
                    [
                        wrk,
                        "-t2",
                        f"-c{clients}",
                        f"-d{seconds}s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-s",
                        str(script),
                        base,
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
        out = result.stdout

        def figure(pattern):
            found = re.search(pattern, out)
            return found.group(1) if found else None

        non_2xx = int(figure(r"Non-2xx or 3xx responses: (\d+)") or 0)
        socket = figure(r"Socket errors: (.*)")
        socket_errors = sum(int(n) for n in re.findall(r"\d+", socket)) if socket else 0
        p50, p99 = figure(r"50%\s+(\S+)"), figure(r"99%\s+(\S+)")
        rate, total = figure(r"Requests/sec:\s+(\S+)"), figure(r"(\d+) requests in")
        mode = "on" if cache_seconds else "off"
        self.stdout.write(
            f"{len(paths)} public pages of {year} in turn, {clients} clients for {seconds} s, "
            f"gunicorn 2 workers, page cache {mode}:\n"
            f"  p50 {p50}, p99 {p99}, {rate} requests/s, {total} requests, "
            f"errors: {non_2xx} non-2xx/3xx, {socket_errors} socket ({socket or 'none'})"
        )
        if result.returncode != 0 or non_2xx or socket_errors:
            raise CommandError(f"the load saw errors:\n{out}{result.stderr}")

    def python_load(self, paths, year, clients, seconds, cache_seconds):
        with gunicorn(free_port(), cache_seconds=cache_seconds) as base:
            result = run_load(base, paths, clients, seconds)
        mode = "on" if cache_seconds else "off"
        ms = lambda value: f"{value * 1000:.1f}ms" if value is not None else "n/a"  # noqa: E731
        self.stdout.write(
            f"{len(paths)} public pages of {year} in turn, {clients} clients for {seconds} s "
            f"(Python threads; wrk is not installed), gunicorn 2 workers, page cache {mode}:\n"
            f"  p50 {ms(result.p50)}, p99 {ms(result.percentile(0.99))}, {result.rate:.0f} requests/s, "
            f"{len(result.latencies)} requests, errors: {len(result.errors)}"
        )
        if result.errors or not result.latencies:
            raise CommandError("the load saw errors:\n" + "\n".join(result.errors[:20]))
