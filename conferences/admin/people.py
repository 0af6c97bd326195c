from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html

from conferences.admin.filters import SessionDayFilter
from conferences.admin.forms import ContentForm
from conferences.admin.history import HistoryAdmin
from conferences.admin.participation_forms import ParticipationForm, ParticipationFormSet
from conferences.admin.person_forms import PersonAdminForm
from conferences.models import Participation
from conferences.ordering import programme_order
from speakers.models import Organisation, Person
from vmc_project.images import admin_preview

POSITION_JS = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/jquery.init.js", "admin-vmc-position.js"]


def latest_position(person):
    """The position `person` held at their most recent appearance that states one, or None."""
    return (
        Participation.objects.filter(person=person)
        .exclude(position="")
        .select_related("organisation")
        .order_by(
            "-edition__year",
            F("session__date").desc(nulls_last=True),
            F("session__start_time").desc(nulls_last=True),
            "-pk",
        )
        .first()
    )


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    formset = ParticipationFormSet
    fields = ["edition", "session", "role", "honorific", "position", "organisation", "is_online"]
    # The edition too: a plain select would read every edition once per row.
    autocomplete_fields = ["edition", "session", "organisation"]
    extra = 0

    def get_queryset(self, request):
        # The chosen session shows with its year, so its edition comes along.
        return super().get_queryset(request).select_related("organisation", "session__edition")


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "slug", "appearances", "has_photo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_filter = ["participations__edition"]
    inlines = [ParticipationInline]
    form = PersonAdminForm
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "family_name", "slug", "bio"]}),
        ("Photo", {"fields": ["photo", "photo_preview", "photo_credit"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_appearances=Count("participations"))

    @admin.display(description="appearances", ordering="_appearances")
    def appearances(self, obj):
        return obj._appearances

    @admin.display(description="current photo")
    def photo_preview(self, obj):
        return admin_preview(obj.photo, obj.photo_width, obj.photo_height)

    @admin.display(description="photo", boolean=True)
    def has_photo(self, obj):
        return bool(obj.photo)

    def get_urls(self):
        return [
            path(
                "<int:person_id>/latest-position/",
                self.admin_site.admin_view(self.latest_position_view),
                name="speakers_person_latest_position",
            ),
            *super().get_urls(),
        ]

    def latest_position_view(self, request, person_id):
        """JSON for the participation forms: the person's most recent position, to offer it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        person = get_object_or_404(Person, pk=person_id)
        latest = latest_position(person)
        if latest is None:
            return JsonResponse({"person": person.name, "position": "", "organisation": None, "year": None})
        organisation = latest.organisation
        return JsonResponse(
            {
                "person": person.name,
                "position": latest.position,
                "organisation": {"id": organisation.pk, "name": str(organisation)} if organisation else None,
                "year": latest.edition.year,
            }
        )


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    form = ContentForm
    list_display = ["name", "acronym", "country", "parent"]
    list_select_related = ["parent"]
    list_filter = ["country"]
    search_fields = ["name", "acronym", "country"]
    prepopulated_fields = {"slug": ["name", "country"]}
    autocomplete_fields = ["parent"]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    form = ParticipationForm
    list_display = ["person", "role", "session_title", "year", "short_position", "is_online"]
    list_filter = ["edition", "role", SessionDayFilter, "is_online", "session__format"]
    list_select_related = ["person", "session", "edition"]
    ordering = [
        "-edition__year",
        *programme_order("session"),
        "order",
    ]
    search_fields = ["person__name", "position", "session__title", "organisation__name"]
    autocomplete_fields = ["person", "session", "organisation"]

    class Media:
        js = POSITION_JS

    @admin.display(description="session", ordering="session__title")
    def session_title(self, obj):
        if obj.session is None:
            return "(the edition as a whole)"
        return format_html(
            '<span class="vmc-truncate vmc-truncate-medium" title="{0}">{0}</span>', obj.session.title
        )

    @admin.display(description="year", ordering="edition__year")
    def year(self, obj):
        return obj.edition.year

    @admin.display(description="position", ordering="position")
    def short_position(self, obj):
        return format_html(
            '<span class="vmc-truncate vmc-truncate-short" title="{0}">{0}</span>', obj.position
        )
