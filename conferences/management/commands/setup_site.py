from django.core.management import call_command
from django.core.management.base import BaseCommand

from conferences.content.site_setup import fixture_files, plan_fixtures


class Command(BaseCommand):
    help = (
        "What `make run` does before serving: migrate, then load only the fixture files whose "
        "editions are not in the database yet. Never overwrites existing content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures-dir", help="where the vmc*.json files are (default: fixtures/)")
        parser.add_argument("--skip-migrate", action="store_true", help="do not run migrate first")

    def handle(self, *args, fixtures_dir=None, skip_migrate=False, **options):
        verbosity = options.get("verbosity", 1)
        if not skip_migrate:
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=self.stdout)
        plans = plan_fixtures(fixture_files(fixtures_dir))
        for plan in plans:
            self.stdout.write(plan.reason())
            if plan.load:
                call_command("load_edition", str(plan.path), verbosity=verbosity, stdout=self.stdout)
        # Content from before history began gets a first version, so every object can be
        # compared and restored in the admin; objects that have one already are left alone.
        call_command("createinitialrevisions", comment="State when history began", verbosity=0)
        # Loads rebuild the search index as they commit; this also fills it for a database
        # that predates search.
        call_command("rebuild_search_index", verbosity=verbosity, stdout=self.stdout)
        loaded = [plan.path.name for plan in plans if plan.load]
        skipped = [plan.path.name for plan in plans if not plan.load]
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded: {', '.join(loaded) or 'none'}. Left as they stand: {', '.join(skipped) or 'none'}."
            )
        )
