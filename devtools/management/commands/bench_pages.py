"""Print, for every public page, its SQL query count and render time, on the loaded editions
and on a synthetic edition scaled up N times, to show that query counts stay fixed."""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings

from conferences.models import Edition, Participation, Session
from speakers.models import Person


def pages(year, session_slug, person_slug):
    return [
        ("home", "/"),
        ("editions", "/editions/"),
        ("edition overview", f"/{year}/"),
        ("agenda", f"/{year}/agenda/"),
        ("session", f"/{year}/sessions/{session_slug}/"),
        ("edition speakers", f"/{year}/speakers/"),
        ("side events", f"/{year}/side-events/"),
        ("schedule.json", f"/{year}/schedule.json"),
        ("person", f"/speakers/{person_slug}/"),
        ("speakers index", "/speakers/"),
    ]


class Rollback(Exception):
    pass


class QueryCounter(list):
    """A database execute wrapper that records every SQL statement it lets through."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Benchmark the public pages: SQL queries and milliseconds per page."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="requests per page (default 30)")
        parser.add_argument("--year", type=int, help="the edition to measure (default: the latest)")
        parser.add_argument(
            "--scale", type=int, default=10, help="sessions × people of the synthetic edition"
        )

    def handle(self, *args, **options):
        # The pages as rendered, not as the page cache serves them again.
        with override_settings(PAGE_CACHE_SECONDS=0):
            self.run(**options)

    def run(self, *, repeat, scale, year=None, **options):
        client = Client(HTTP_HOST="localhost")
        editions = Edition.objects.published().order_by("-year")
        edition = (editions.filter(year=year) if year else editions).first()
        if edition is None:
            self.stderr.write("No published edition: run `make setup` first.")
            return
        session = Session.objects.filter(edition=edition).order_by("-pk").first()
        person = Person.objects.filter(participations__edition=edition).order_by("pk").first()
        self.stdout.write(
            f"In-process, uncached: {Edition.objects.count()} editions, {Session.objects.count()} sessions, "
            f"{Person.objects.count()} people, {Participation.objects.count()} participations; "
            f"{repeat} requests per page on edition {edition.year}. Targets: every page ≤ 10 queries "
            f"(the same with 1 and 50 editions), the agenda ≤ 4 ms median.\n"
        )
        self.report(client, pages(edition.year, session.slug, person.slug), repeat)
        try:
            with transaction.atomic():
                year, slug, person_slug = self.synthetic(scale)
                total = Participation.objects.count()
                self.stdout.write(
                    f"\nWith a synthetic edition of {scale * 2} sessions × {scale} people "
                    f"({total} participations in all):\n"
                )
                self.report(client, pages(year, slug, person_slug), repeat)
                raise Rollback
        except Rollback:
            pass

    def report(self, client, urls, repeat):
        self.stdout.write(
            f"{'page':<18} {'status':>6} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'KiB':>7} "
            f"{'target':>8}"
        )
        for name, url in urls:
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                response = client.get(url)
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{name:<18} {response.status_code:>6} {len(queries):>8} {statistics.median(timings):>10.1f} "
                f"{p95:>8.1f} {len(response.content) / 1024:>7.1f} {'≤ 4 ms' if name == 'agenda' else '':>8}"
                f"{'  over 10 queries!' if len(queries) > 10 else ''}"
            )

    def synthetic(self, scale):
        year = (Edition.objects.order_by("-year").values_list("year", flat=True).first() or 2899) + 1
        start = datetime.date(year, 10, 20)
        edition = Edition.objects.create(
            year=year,
            title=f"Benchmark edition {year}",
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            status="published",
        )
        star = Person.objects.create(name="Benchmark Recurring Speaker", slug="benchmark-recurring-speaker")
        for n in range(scale * 2):
            session = Session.objects.create(
                edition=edition,
                slug=f"session-{n}",
                title=f"Session {n}",
                format="panel_discussion",
                date=start,
                start_time=datetime.time(8 + n % 12),
                order=n,
                is_side_event=n % 5 == 4,
            )
            people = [star] + Person.objects.bulk_create(
                Person(
                    name=f"Speaker {n}-{m}", name_key=f"speaker {n}-{m}", slug=f"benchmark-speaker-{n}-{m}"
                )
                for m in range(1, scale)
            )
            Participation.objects.bulk_create(
                Participation(
                    edition=edition,
                    session=session,
                    person=p,
                    role="panellist",
                    order=m,
                    position=f"Position {m}",
                )
                for m, p in enumerate(people)
            )
        return year, "session-0", star.slug
