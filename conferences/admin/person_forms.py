"""Admin form for people: the photo goes through vmc_project.images before anything is stored."""

from conferences.admin.forms import ContentForm
from speakers.models import Person
from vmc_project.images import VerifiedImageField

IMAGE_HELP = (
    "JPEG, PNG or WebP; at most 10 MB and 40 megapixels. Stored re-encoded without EXIF "
    "(camera, place), with smaller WebP copies for the public pages."
)


class PersonAdminForm(ContentForm):
    photo = VerifiedImageField(help_text=IMAGE_HELP)

    class Meta:
        model = Person
        fields = ["photo", "photo_credit"]  # the admin adds its fieldsets
        # The admin shows help text as HTML: the model's "/speakers/<slug>/" would lose "<slug>".
        help_texts = {
            "slug": "The end of their page's address: /speakers/<var>slug</var>/.",
            "photo_credit": "Shown under the photo as “Photo: …”; required with a photo.",
        }
