from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conferences"

    def ready(self):
        from conferences.content import history  # noqa: F401  registers the content models with django-reversion
        from vmc_project import pagecache  # noqa: F401  its cached pages go when content_changed is sent
        from vmc_project.images import track_image_field
        from vmc_project.writes import watch_content_writes

        track_image_field(self.get_model("Edition"), "hero_image")
        watch_content_writes()  # every write to content sends content_changed
