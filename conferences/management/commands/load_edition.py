from django.core.management.base import BaseCommand, CommandError

from conferences.loading import FixtureError, load_edition_file


class Command(BaseCommand):
    help = (
        "Load edition fixtures (natural keys, see fixtures/AUTHORING.md). Each file is "
        "validated and written in one transaction: on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="fixture files, e.g. fixtures/vmc2024.json")
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")

    def handle(self, *args, paths, dry_run=False, **options):
        for path in paths:
            try:
                result = load_edition_file(path, dry_run=dry_run)
            except FixtureError as error:
                raise CommandError(f"{error}\nNothing from {path} was written.") from None
            verb = "Checked (dry run, nothing written)" if dry_run else "Loaded"
            self.stdout.write(self.style.SUCCESS(f"{verb} {path}"))
            self.stdout.write(result.summary())
