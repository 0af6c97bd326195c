from django.core.management.base import BaseCommand

from conferences.search.index import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the site search index from the published content (it also follows every edit)."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
