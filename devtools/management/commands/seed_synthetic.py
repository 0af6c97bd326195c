"""Grow the database with plainly synthetic, published editions, for benchmarks only.

`manage.py seed_synthetic --editions 50` adds editions (years from 2900 up, titled "Synthetic
edition …") until the database holds 50, each with 40 sessions and 300 appearances of people
drawn from a pool that recurs across editions, so person pages and the speakers index grow too.
Never run it on a database that serves the public: `make bench` runs it on a throw-away copy.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from conferences.models import Edition, Participation, Session
from speakers.models import Person

FIRST_YEAR = 2900
ROLES = ["speaker", "panellist", "panellist", "panellist", "moderator"]


class Command(BaseCommand):
    help = "Add synthetic published editions until the database holds --editions of them (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--editions", type=int, default=50, help="editions in all (default 50)")
        parser.add_argument("--sessions", type=int, default=40, help="sessions per edition (default 40)")
        parser.add_argument("--people", type=int, default=300, help="appearances per edition (default 300)")

    def handle(self, *args, editions, sessions, people, **options):
        missing = editions - Edition.objects.count()
        if missing <= 0:
            self.stdout.write(f"The database already holds {Edition.objects.count()} editions.")
            return
        start_year = max(
            FIRST_YEAR, (Edition.objects.order_by("-year").values_list("year", flat=True).first() or 0) + 1
        )
        pool_size = people * 10
        with transaction.atomic():
            pool = self.people_pool(pool_size)
            for n in range(missing):
                self.edition(start_year + n, sessions, people, pool, offset=n * people // 2)
        self.stdout.write(
            f"Added {missing} synthetic editions ({sessions} sessions, {people} appearances each); "
            f"now {Edition.objects.count()} editions, {Session.objects.count()} sessions, "
            f"{Person.objects.count()} people, {Participation.objects.count()} appearances."
        )

    def people_pool(self, size):
        existing = {
            p.slug: p for p in Person.objects.filter(slug__startswith="synthetic-person-").only("id", "slug")
        }
        new = [
            Person(name=f"Synthetic Person {n:05d}", name_key=f"synthetic person {n:05d}", slug=slug)
            for n in range(size)
            if (slug := f"synthetic-person-{n:05d}") not in existing
        ]
        Person.objects.bulk_create(new, batch_size=500)
        return list(Person.objects.filter(slug__startswith="synthetic-person-").order_by("slug"))[:size]

    def edition(self, year, sessions, people, pool, offset):
        start = datetime.date(year, 10, 20)
        edition = Edition.objects.create(
            year=year,
            title=f"Synthetic edition {year}",
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            status="published",
            introduction="A synthetic edition for benchmarks. " * 20,
        )
        made = Session.objects.bulk_create(
            Session(
                edition=edition,
                slug=f"session-{n:03d}",
                title=f"Synthetic session {n}",
                format="panel_discussion",
                date=start + datetime.timedelta(days=n % 2),
                start_time=datetime.time(8 + (n // 2) % 12, 0),
                end_time=datetime.time(8 + (n // 2) % 12, 45),
                order=n,
                is_side_event=n % 10 == 9,
                summary="Synthetic summary. " * 30,
            )
            for n in range(sessions)
        )
        Participation.objects.bulk_create(
            (
                Participation(
                    edition=edition,
                    session=made[k % sessions],
                    person=pool[(offset + k) % len(pool)],
                    role=ROLES[k % len(ROLES)],
                    order=k // sessions,
                    position=f"Synthetic position {k}",
                )
                for k in range(people)
            ),
            batch_size=500,
        )
