from django.core.management.base import BaseCommand, CommandError

from conferences.content.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Put back a backup made by `manage.py backup`: replaces all conference and speaker "
        "content and the media files. Backs up the current state first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup archive, e.g. backups/vmc-20261123-154501-manual.tar.gz")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes=False, **options):
        if not yes:
            answer = input(f"Restore {file}? This replaces all conference content and media [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing restored.")
        try:
            counts = restore_backup(file, report=self.stdout.write)
        except BackupError as error:
            raise CommandError(
                f"{error}\nNothing was changed: database and media are as they were."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
        for label, number in counts.items():
            self.stdout.write(f"{label}: {number}")
