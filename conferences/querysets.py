"""Named querysets: what the public pages read, with the joins they need."""

from django.db import models
from django.db.models import Count, Prefetch, Q

from conferences.enums import Role, SessionFormat
from conferences.ordering import programme_order


def can_preview(user):
    """Active staff may see draft editions on the public pages, marked as a preview."""
    return user.is_active and user.is_staff


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        """Published editions for everyone; drafts too for active staff, who preview them."""
        if can_preview(user):
            return self.all()
        return self.published()

    def latest_published(self):
        return self.published().select_related("venue").order_by("-year").first()


class SessionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(edition__status="published")

    def with_people(self):
        Participation = self.model._meta.get_field("participations").related_model
        return self.prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person", "organisation").order_by(
                    "order", "pk"
                ),
                to_attr="people",
            )
        )

    def for_agenda(self):
        """Sessions in programme order with what the agenda pages show of them; their people
        come from conferences.public.on_stage.with_people_on_stage(), in one more query."""
        return self.select_related("edition", "venue").defer(
            *(f"edition__{name}" for name in AGENDA_SKIPS_EDITION_FIELDS)
        )


# Fields of a session's edition that agenda pages never read (see for_agenda).
AGENDA_SKIPS_EDITION_FIELDS = (
    "introduction",
    "hero_image",
    "hero_image_width",
    "hero_image_height",
    "hero_credit",
)


class QuoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.all() if can_preview(user) else self.filter(edition__status="published")

    def get_by_natural_key(self, year, person_slug, number):
        return self.get(edition__year=year, person__slug=person_slug, number=number)


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
            session__format__in=SessionFormat.headline(),
        )
        unattached = self.filter(edition=edition, session__isnull=True, role=Role.SPEAKER)
        return (
            (headline | unattached)
            .select_related("person", "organisation")
            .order_by(*programme_order("session"), "order")
        )
