"""People and the organisations they work for: the lower layer, below the programme (their
appearances at the conference are `conferences.models.Participation`)."""

from django.core.exceptions import ValidationError
from django.db import models

from speakers.collation import family_name_of, person_sort_key
from vmc_project.text import name_key, nfc
from vmc_project.urlcache import cached_reverse


class OrganisationManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Organisation(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=255)
    acronym = models.CharField(max_length=40, blank=True)
    country = models.CharField(
        max_length=100, blank=True, help_text="Leave empty for international organisations."
    )
    parent = models.ForeignKey(
        "self",
        # Not while its units exist, unless they go in the same deletion.
        on_delete=models.RESTRICT,
        related_name="units",
        null=True,
        blank=True,
        help_text="The body this one belongs to, e.g. the European Commission for a Directorate-General.",
    )

    objects = OrganisationManager()

    class Meta:
        ordering = ["name", "country"]

    def __str__(self):
        return f"{self.name} ({self.country})" if self.country else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return cached_reverse("organisations:organisation", slug=self.slug)


class PersonQuerySet(models.QuerySet):
    def with_public_appearances(self):
        """People who appeared at at least one published edition."""
        return self.filter(participations__edition__status="published").distinct()

    def with_appearances(self, *, drafts_too=False):
        """People with a published appearance; with `drafts_too` (staff previewing drafts),
        people with any appearance."""
        if drafts_too:
            return self.filter(participations__isnull=False).distinct()
        return self.with_public_appearances()


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(models.Model):
    name = models.CharField(max_length=200, help_text="As the source documents spell it.")
    family_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The part of the name lists are sorted by, as it appears in the name. Leave "
        "empty to sort by the last word of the name. Set it for a compound or double family name "
        "('Román López', 'Sie Dhian Ho') or one with a particle ('de Gruyter': a particle in lower "
        "case is not sorted on, so this sorts under G; 'De Giorgi' sorts under D).",
    )
    sort_key = models.CharField(
        max_length=400,
        editable=False,
        db_index=True,
        default="",
        help_text="Family name, then given names, accent- and case-folded ('nooke gunter').",
    )
    name_key = models.CharField(
        max_length=200,
        unique=True,
        editable=False,
        help_text="The name in Unicode NFC and case-folded: one person, one spelling.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in /speakers/<slug>/.")
    photo = models.ImageField(
        upload_to="people/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_credit = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True, help_text="Short biography; only from a source.")

    objects = PersonManager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return cached_reverse("speakers:person", slug=self.slug)

    @property
    def family_name_or_last_word(self):
        return family_name_of(self.name, self.family_name)

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.family_name = nfc(" ".join(self.family_name.split()))
        self.name_key = name_key(self.name)
        self.sort_key = person_sort_key(self.name, self.family_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            if "name" in update_fields:
                update_fields = {*update_fields, "name_key"}
            if {"name", "family_name"} & set(update_fields):
                update_fields = {*update_fields, "sort_key"}
            kwargs["update_fields"] = update_fields
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.name = nfc(self.name)
        self.family_name = nfc(" ".join(self.family_name.split()))
        self.name_key = name_key(self.name)
        self.sort_key = person_sort_key(self.name, self.family_name)
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.photo and not self.photo_credit:
            errors["photo_credit"] = "A photo needs a credit."
        if self.family_name and self.family_name not in self.name:
            errors["family_name"] = f"Write the family name as it appears in the name ({self.name})."
        namesake = Person.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
        if namesake:
            errors["name"] = (
                f"{namesake.name} is already in the database (/speakers/{namesake.slug}/, "
                f"person {namesake.pk}); add the appearance to that person instead of a second record."
            )
        if errors:
            raise ValidationError(errors)
