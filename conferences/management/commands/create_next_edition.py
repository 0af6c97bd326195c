from django.core.management.base import BaseCommand, CommandError

from conferences.content.next_edition import NextEditionError, create_next_edition, summary
from conferences.models import Edition


class Command(BaseCommand):
    help = (
        "Prepare the following year's edition as a draft from the edition of YEAR: venue, format, "
        "day structure and session formats (titles to be announced, no people, no quotes), "
        "partners and team. Refuses if the following year already exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the edition to start from, e.g. 2024")

    def handle(self, *args, year, **options):
        source = Edition.objects.filter(year=year).first()
        if source is None:
            raise CommandError(f"There is no edition {year}; nothing was written.")
        try:
            edition = create_next_edition(source)
        except NextEditionError as error:
            raise CommandError(f"{error} Nothing was written.") from None
        self.stdout.write(self.style.SUCCESS(summary(edition, source)))
        for session in edition.sessions.all():
            when = session.date.strftime("%a %d %b") if session.date else "day not given"
            if session.start_time:
                when += f" {session.start_time:%H:%M}"
                if session.end_time:
                    when += f"–{session.end_time:%H:%M}"
            side = " (side event)" if session.is_side_event else ""
            self.stdout.write(f"  {when}  {session.title}{side}  /{edition.year}/sessions/{session.slug}/")
        self.stdout.write(
            f"Draft: /admin/conferences/edition/{edition.pk}/change/ · preview: /{edition.year}/"
        )
