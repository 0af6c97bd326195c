from django.core.management.base import BaseCommand, CommandError

from conferences.content.backup import BackupError, create_backup, restore_command


class Command(BaseCommand):
    help = (
        "Write one timestamped archive (BACKUP_DIR) with all conference and speaker content "
        "and every media file; prints the command that restores it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="manual", help="a word or two kept in the file name")
        parser.add_argument("--dir", dest="directory", help="write here instead of BACKUP_DIR")

    def handle(self, *args, reason, directory=None, **options):
        try:
            path = create_backup(reason, directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        self.stdout.write(f"To restore it: {restore_command(path)}")
