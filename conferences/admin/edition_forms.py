"""Admin form for editions: the hero image goes through vmc_project.images before anything is
stored."""

from conferences.admin.forms import ContentForm
from conferences.admin.person_forms import IMAGE_HELP
from conferences.models import Edition
from vmc_project.images import VerifiedImageField


class EditionAdminForm(ContentForm):
    hero_image = VerifiedImageField(
        label="Hero image", help_text=f"A wide photo of the edition. {IMAGE_HELP}"
    )

    class Meta:
        model = Edition
        fields = ["hero_image", "hero_credit"]  # the admin adds its fieldsets
