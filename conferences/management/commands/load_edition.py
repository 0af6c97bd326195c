from django.core.management.base import BaseCommand, CommandError

from conferences.content.backup import restore_command
from conferences.content.loading import FixtureError, apply_plan, backup_before, make_plan


class Command(BaseCommand):
    help = (
        "Load edition files (natural keys, see fixtures/AUTHORING.md). Each file is read, "
        "validated and planned first, then written in one short transaction: on any error "
        "nothing is written. Creating records is always allowed; changing existing ones needs "
        "--update (the file's editions) or --update-shared (people, organisations, venues)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="fixture files, e.g. fixtures/vmc2024.json")
        parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
        parser.add_argument(
            "--update", action="store_true", help="apply changes to existing records of the file's editions"
        )
        parser.add_argument(
            "--update-shared",
            action="store_true",
            help="apply changes to existing people, organisations and venues (shown at other editions)",
        )
        parser.add_argument(
            "--also-edition",
            type=int,
            action="append",
            default=[],
            metavar="YEAR",
            help="let the file touch this existing edition too (repeatable)",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help="refuse larger files (default: LOAD_EDITION_MAX_BYTES)",
        )

    def handle(self, *args, paths, **options):
        for path in paths:
            self.load(path, **options)

    def load(self, path, *, dry_run, update, update_shared, also_edition, max_bytes, verbosity, **options):
        plan = make_plan(path, also_editions=also_edition, max_bytes=max_bytes)
        if plan.errors:
            raise CommandError(f"{plan.error_text()}\nNothing from {path} was written.")
        if plan.changes_existing or verbosity >= 2:
            self.stdout.write(f"Plan for {path}:")
            self.stdout.write(plan.describe(list_creations=verbosity >= 2))
        missing = plan.missing_flags(update=update, update_shared=update_shared)
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Checked (dry run, nothing written) {path}"))
            if missing:
                self.stdout.write(f"Applying it needs {' '.join(missing)}.")
            self.stdout.write(plan.summary())
            return
        if missing:
            raise CommandError(
                f"{path} changes existing records (listed above). Nothing from {path} was written. "
                f"To apply the changes, run again with {' '.join(missing)}."
            )
        backup = backup_before(plan)
        if backup:
            self.stdout.write(f"Backup written: {backup}. To undo this load: {restore_command(backup)}")
        try:
            apply_plan(plan, update=update, update_shared=update_shared)
        except FixtureError as error:
            raise CommandError(f"{error}\nNothing from {path} was written.") from None
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}"))
        self.stdout.write(plan.summary())
