from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conferences.search"
    label = "search"

    def ready(self):
        from conferences.search.sync import keep_index_in_sync

        keep_index_in_sync()
