"""People, the organisations they work for, and their appearances at the conference."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q

from conferences.enums import SessionFormat
from conferences.ordering import programme_order
from conferences.querysets import can_preview
from conferences.text import name_key, nfc
from conferences.urlcache import cached_reverse

from speakers.collation import family_name_of, person_sort_key
from speakers.enums import Role

HEADLINE_FORMATS = [
    SessionFormat.KEYNOTE,
    SessionFormat.KEYNOTE_CONVERSATION,
    SessionFormat.HIGH_LEVEL_PANEL,
    SessionFormat.HIGH_LEVEL_DIALOGUE,
]


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

    def with_appearances_visible_to(self, user):
        """People this user may look up: with a published appearance, or for staff previewing
        drafts, with any appearance."""
        if can_preview(user):
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


class ParticipationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(edition__status="published")

    def visible_to(self, user):
        return self.all() if can_preview(user) else self.public()

    def on_stage(self):
        """Appearances of people on stage: every role but guest (Role.on_stage())."""
        return self.filter(role__in=Role.on_stage())

    def guests(self):
        """Appearances as an invited guest (the Migration Futures Dinner's guests): not on stage."""
        return self.exclude(role__in=Role.on_stage())

    def head_counts(self):
        """How many different people were on stage, and how many more were only guests, in one
        query: {"on_stage": 46, "guests": 15}. A speaker who was also a guest counts on stage."""
        on_stage = Q(role__in=Role.on_stage())
        return self.aggregate(
            on_stage=Count("person", filter=on_stage, distinct=True),
            guests=Count(
                "person",
                filter=~on_stage & ~Q(person__in=self.on_stage().values("person")),
                distinct=True,
            ),
        )

    def headliners(self, edition):
        """Keynote speakers and panellists of the headline sessions, in programme order; for
        an edition whose programme names its speakers without sessions, those speakers."""
        headline = self.filter(
            edition=edition,
            role__in=[Role.KEYNOTE, Role.SPEAKER, Role.PANELLIST],
            session__format__in=HEADLINE_FORMATS,
        )
        unattached = self.filter(edition=edition, session__isnull=True, role=Role.SPEAKER)
        return (
            (headline | unattached)
            .select_related("person", "organisation")
            .order_by(*programme_order("session"), "order")
        )


class ParticipationManager(models.Manager.from_queryset(ParticipationQuerySet)):
    def get_queryset(self):
        # What __str__ reads, so lists and inlines run no query per row.
        return super().get_queryset().select_related("person", "session", "edition")

    def get_by_natural_key(self, year, session_slug, person_slug, role):
        return self.get(
            edition__year=year,
            session__slug=session_slug or None,
            person__slug=person_slug,
            role=role,
        )


class Participation(models.Model):
    """A person at an edition: in one session, or (session empty) at the edition as a whole,
    e.g. the master of ceremonies, or a speaker whom the programme names without a session."""

    edition = models.ForeignKey(
        "conferences.Edition", on_delete=models.CASCADE, related_name="participations"
    )
    session = models.ForeignKey(
        "conferences.Session",
        on_delete=models.CASCADE,
        related_name="participations",
        null=True,
        blank=True,
        help_text="Empty when the source names the person for the edition, not a session.",
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(default=0, help_text="Order on stage.")
    is_online = models.BooleanField("online", default=False)
    honorific = models.CharField(
        max_length=40,
        blank=True,
        help_text="Only when the source prints one before the name at this edition, e.g. 'HE'.",
    )
    position = models.CharField(
        max_length=300,
        blank=True,
        help_text="Position and organisation at this edition, exactly as the source prints them, "
        "e.g. 'Director General, ICMPD'.",
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        null=True,
        blank=True,
        help_text="Organisation the position belonged to at this edition.",
    )

    objects = ParticipationManager()

    class Meta:
        ordering = ["edition", "session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="unique_role_per_person_in_session",
            ),
            models.UniqueConstraint(
                fields=["edition", "person", "role"],
                condition=models.Q(session__isnull=True),
                name="unique_role_per_person_in_edition_without_session",
            ),
        ]

    def __str__(self):
        what = self.get_role_display().lower()
        if self.session_id:
            what = f"{what}, {self.session.title}"
        return f"{self.person} — {what} ({self.edition.year})"

    def natural_key(self):
        session_slug = self.session.slug if self.session_id else ""
        return (self.edition.year, session_slug, self.person.slug, self.role)

    natural_key.dependencies = ["conferences.edition", "conferences.session", "speakers.person"]

    @property
    def session_unknown(self):
        """No session recorded where a page would name one. The master of ceremonies serves
        the whole edition, so has none to name."""
        return self.session_id is None and self.role != Role.MASTER_OF_CEREMONIES

    def clean(self):
        if self.session_id and self.edition_id and self.session.edition_id != self.edition_id:
            raise ValidationError({"session": "This session belongs to another edition."})
