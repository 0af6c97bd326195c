"""Editions of the Vienna Migration Conference, their sessions, the people on stage at them
(participations), venues, partners and quotes."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from conferences.enums import EditionFormat, EditionStatus, PartnerRole, Role, SessionFormat
from conferences.ordering import programme_order
from conferences.querysets import EditionQuerySet, ParticipationQuerySet, QuoteQuerySet, SessionQuerySet
from vmc_project.urlcache import cached_reverse

# Programme times are Vienna time, wherever the server runs and whatever its TIME_ZONE setting.
PROGRAMME_TIME_ZONE = ZoneInfo("Europe/Vienna")


def programme_datetime(day, time):
    """A programme's day and time as an aware datetime, in Vienna time."""
    return datetime.datetime.combine(day, time, tzinfo=PROGRAMME_TIME_ZONE)


class VenueManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Venue(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100, default="Vienna")

    objects = VenueManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class EditionManager(models.Manager.from_queryset(EditionQuerySet)):
    def get_by_natural_key(self, year):
        return self.get(year=year)


class Edition(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    ordinal = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="2 for the second edition; empty if no source states it."
    )
    title = models.CharField(max_length=200, help_text="e.g. Vienna Migration Conference 2024")
    theme = models.CharField(max_length=300, blank=True)
    tagline = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(
        null=True, blank=True, help_text="Empty, with the end date, if no source gives the days."
    )
    end_date = models.DateField(null=True, blank=True)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="editions", null=True, blank=True)
    format = models.CharField(max_length=20, choices=EditionFormat.choices, default=EditionFormat.IN_PERSON)
    in_person_attendance = models.CharField(
        max_length=60, blank=True, help_text="As the source states it, e.g. 'more than 300'."
    )
    online_attendance = models.CharField(max_length=60, blank=True)
    introduction = models.TextField(blank=True)
    hero_image = models.ImageField(
        upload_to="editions/",
        blank=True,
        width_field="hero_image_width",
        height_field="hero_image_height",
        help_text="A wide photo of the edition; JPEG, PNG or WebP, at most 10 MB.",
    )
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_credit = models.CharField(
        max_length=200, blank=True, help_text="Who took the photo; required with one."
    )
    status = models.CharField(max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)

    objects = EditionManager()

    class Meta:
        ordering = ["-year"]
        permissions = [("load_edition_file", "Can load an edition file in the admin")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="edition_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True, end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__isnull=False),
                name="edition_dates_both_or_neither",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.year,)

    def get_absolute_url(self):
        return reverse("conferences:edition", kwargs={"year": self.year})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The edition cannot end before it starts."
        elif bool(self.start_date) != bool(self.end_date):
            errors["end_date"] = "Give both the first and the last day, or neither if no source gives them."
        if self.hero_image and not self.hero_credit:
            errors["hero_credit"] = "A hero image needs a credit."
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        return self.status == EditionStatus.PUBLISHED

    @property
    def has_days(self):
        return bool(self.start_date and self.end_date)

    @property
    def days(self):
        """The conference days, first to last; none when no source gives them."""
        if not self.has_days:
            return []
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    def covers(self, day):
        return self.has_days and self.start_date <= day <= self.end_date


class EditionPartnerManager(models.Manager):
    def get_queryset(self):
        # What __str__ reads, so a list of partners runs no query per row.
        return super().get_queryset().select_related("organisation", "edition")

    def get_by_natural_key(self, year, organisation_slug):
        return self.get(edition__year=year, organisation__slug=organisation_slug)


class EditionPartner(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "speakers.Organisation", on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.SUPPORTER)
    note = models.CharField(max_length=300, blank=True, help_text="What the source says they did.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = EditionPartnerManager()

    class Meta:
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "organisation"], name="unique_partner"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_role_display().lower()} ({self.edition.year})"

    def natural_key(self):
        return (self.edition.year, self.organisation.slug)

    natural_key.dependencies = ["conferences.edition", "speakers.organisation"]


class TeamMemberManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("person", "edition")

    def get_by_natural_key(self, year, person_slug):
        return self.get(edition__year=year, person__slug=person_slug)


class TeamMember(models.Model):
    """A member of the organising team of one edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("speakers.Person", on_delete=models.PROTECT, related_name="team_roles")
    responsibility = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = TeamMemberManager()

    class Meta:
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="unique_team_member"),
        ]

    def __str__(self):
        what = f" — {self.responsibility}" if self.responsibility else ""
        return f"{self.person}{what} ({self.edition.year})"

    def natural_key(self):
        return (self.edition.year, self.person.slug)

    natural_key.dependencies = ["conferences.edition", "speakers.person"]


class EditionCreditManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("person", "edition")

    def get_by_natural_key(self, year, person_slug, credit):
        return self.get(edition__year=year, person__slug=person_slug, credit=credit)


class EditionCredit(models.Model):
    """A person a document about the edition names as one of its makers, e.g. the authors or
    the photographer of the conference report, with the credit as the document prints it."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("speakers.Person", on_delete=models.PROTECT, related_name="credits")
    document = models.CharField(max_length=200, help_text="e.g. 'VMC2024 conference report'.")
    credit = models.CharField(max_length=200, help_text="As printed, e.g. 'Publication team'.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = EditionCreditManager()

    class Meta:
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "person", "credit"], name="unique_edition_credit"),
        ]

    def __str__(self):
        return f"{self.person} — {self.credit}, {self.document} ({self.edition.year})"

    def natural_key(self):
        return (self.edition.year, self.person.slug, self.credit)

    natural_key.dependencies = ["conferences.edition", "speakers.person"]


class SessionManager(models.Manager.from_queryset(SessionQuerySet)):
    def get_queryset(self):
        # __str__ reads the edition's year.
        return super().get_queryset().select_related("edition")

    def get_by_natural_key(self, year, slug):
        return self.get(edition__year=year, slug=slug)


class Session(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(
        max_length=120, blank=True, help_text="Used in the session's address; empty: made from the title."
    )
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    format = models.CharField(max_length=30, choices=SessionFormat.choices)
    is_side_event = models.BooleanField(default=False)
    date = models.DateField(null=True, blank=True, help_text="Empty if no source gives the day.")
    start_time = models.TimeField(null=True, blank=True, help_text="Vienna time; only from a source.")
    end_time = models.TimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the programme; orders sessions that have no time."
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
        help_text="Only when it differs from the edition's venue.",
    )
    room = models.CharField(max_length=120, blank=True)
    summary = models.TextField(blank=True)
    video_url = models.URLField(blank=True)

    objects = SessionManager()

    class Meta:
        ordering = [
            "edition",
            *programme_order(),
            "pk",
        ]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_session_slug_per_edition"),
            models.CheckConstraint(condition=~Q(slug=""), name="session_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="session_end_needs_start",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(date__isnull=False),
                name="session_time_needs_date",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.edition.year})"

    def natural_key(self):
        return (self.edition.year, self.slug)

    natural_key.dependencies = ["conferences.edition"]

    def get_absolute_url(self):
        return cached_reverse("conferences:session", year=self.edition.year, slug=self.slug)

    def clean(self):
        errors = {}
        if self.end_time and not self.start_time:
            errors["end_time"] = "An end time needs a start time."
        elif self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The session must end after it starts."
        if self.start_time and not self.date:
            errors["start_time"] = "A time needs a date."
        # An inline on the add-edition page holds the (unsaved) edition of the main form.
        edition = self.edition if self.edition_id or Session.edition.is_cached(self) else None
        has_days = edition is not None and edition.start_date and edition.end_date
        if has_days and self.date and not self.is_side_event and not edition.covers(self.date):
            errors["date"] = (
                f"{self.date:%d %B %Y} is outside the edition's days "
                f"({edition.start_date:%d %B} to {edition.end_date:%d %B %Y}); "
                "only side events may fall outside them."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def role_groups(self):
        """People on stage grouped by role; needs `people` from SessionQuerySet.with_people()."""
        from conferences.public.programme import group_by_role

        return group_by_role(self.people)

    @property
    def duration(self):
        if not (self.start_time and self.end_time and self.date):
            return None
        start = datetime.datetime.combine(self.date, self.start_time)
        return datetime.datetime.combine(self.date, self.end_time) - start


class SessionSegmentManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().select_related("session__edition")

    def get_by_natural_key(self, year, session_slug, order):
        return self.get(session__edition__year=year, session__slug=session_slug, order=order)


class SessionSegment(models.Model):
    """A named part of a session, with the heading the source gives it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="segments")
    order = models.PositiveSmallIntegerField(default=1, help_text="1 for the first segment.")
    title = models.CharField(max_length=300, help_text="The heading, exactly as the source prints it.")
    summary = models.TextField(blank=True)

    objects = SessionSegmentManager()

    class Meta:
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="unique_segment_order"),
        ]

    def __str__(self):
        return f"{self.title} ({self.session.edition.year})"

    def natural_key(self):
        return (self.session.edition.year, self.session.slug, self.order)

    natural_key.dependencies = ["conferences.session"]


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

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="participations")
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="participations",
        null=True,
        blank=True,
        help_text="Empty when the source names the person for the edition, not a session.",
    )
    person = models.ForeignKey("speakers.Person", on_delete=models.PROTECT, related_name="participations")
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
        "speakers.Organisation",
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


class QuoteManager(models.Manager.from_queryset(QuoteQuerySet)):
    def get_queryset(self):
        return super().get_queryset().select_related("person", "edition")


class Quote(models.Model):
    """Words a person said, verbatim from a source, at a session or at the edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="quotes")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="quotes", null=True, blank=True
    )
    person = models.ForeignKey("speakers.Person", on_delete=models.PROTECT, related_name="quotes")
    number = models.PositiveSmallIntegerField(
        default=1, help_text="1 for this person's first quote at this edition, 2 for the next..."
    )
    text = models.TextField()
    source = models.CharField(max_length=200, blank=True, help_text="Which document it comes from.")

    objects = QuoteManager()

    class Meta:
        ordering = ["edition", "session", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "person", "number"], name="unique_quote_number"),
        ]

    def __str__(self):
        words = " ".join(self.text.split())
        if len(words) > 60:
            words = words[:60].rsplit(" ", 1)[0] + "…"
        return f"{self.person} ({self.edition.year}): {words}"

    def natural_key(self):
        return (self.edition.year, self.person.slug, self.number)

    natural_key.dependencies = ["conferences.edition", "conferences.session", "speakers.person"]

    def clean(self):
        if self.session_id and self.edition_id and self.session.edition_id != self.edition_id:
            raise ValidationError({"session": "This session belongs to another edition."})
