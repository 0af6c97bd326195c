from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "speakers"

    def ready(self):
        from vmc_project.images import track_image_field

        track_image_field(self.get_model("Person"), "photo")
