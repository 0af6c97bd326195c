from django.core.management.base import BaseCommand, CommandError

from conferences.content.backup import BackupError, create_backup, restore_command
from conferences.content.site_setup import reset_content

QUESTION = (
    "This deletes every change made since the fixtures were loaded — editions, sessions, people, "
    "edits in the admin, loaded files and their history — and reloads fixtures/. "
    "A backup is written first. Type yes to continue: "
)


class Command(BaseCommand):
    help = (
        "Start over: back up, then delete all conference and speaker content and the admin "
        "history (`make reset` then runs setup_site to reload fixtures/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, yes=False, **options):
        if not yes and input(QUESTION).strip().lower() != "yes":
            raise CommandError("Nothing deleted.")
        try:
            path = create_backup("before-reset")
        except BackupError as error:
            raise CommandError(f"{error}\nNothing deleted.") from None
        self.stdout.write(f"Backup written: {path}; to undo the reset: {restore_command(path)}")
        deleted = reset_content()
        total = sum(deleted.values())
        self.stdout.write(self.style.SUCCESS(f"Deleted {total} rows of content and history."))
