from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conferences"

    def ready(self):
        from vmc_project.images import track_image_field

        track_image_field(self.get_model("Edition"), "hero_image")
        from conferences.content import history  # noqa: F401  registers the content models with django-reversion
        from vmc_project.pagecache import watch_content_writes

        watch_content_writes()  # any write to content invalidates the cached pages
