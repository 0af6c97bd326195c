from django.contrib import admin, messages
from django.db import models
from django.db.models import Count

from speakers.models import Participation

from .enums import EditionStatus
from .models import Edition, EditionPartner, Quote, Session, TeamMember, Venue


class SessionInline(admin.TabularInline):
    model = Session
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "date", "start_time", "end_time", "format", "title", "is_side_event"]
    show_change_link = True
    extra = 0


class PartnerInline(admin.TabularInline):
    model = EditionPartner
    autocomplete_fields = ["organisation"]
    extra = 0


class TeamInline(admin.TabularInline):
    model = TeamMember
    autocomplete_fields = ["person"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["order", "person", "role", "position", "organisation", "is_online"]
    autocomplete_fields = ["person", "organisation"]
    extra = 0


class EditionParticipationInline(ParticipationInline):
    """People named for the edition as a whole (master of ceremonies, unattached speakers)."""

    verbose_name = "person named for the whole edition"
    verbose_name_plural = "people named for the whole edition (no session)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(session__isnull=True)


class QuoteInline(admin.StackedInline):
    model = Quote
    fields = ["person", "number", "text", "source"]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "city"]
    search_fields = ["name", "address", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "start_date", "end_date", "format", "status", "session_count"]
    list_filter = ["status", "format"]
    search_fields = ["title", "theme", "year"]
    autocomplete_fields = ["venue"]
    inlines = [SessionInline, EditionParticipationInline, PartnerInline, TeamInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["year", "ordinal", "title", "tagline", "theme", "status"]}),
        ("When and where", {"fields": ["start_date", "end_date", "venue", "format"]}),
        ("Attendance", {"fields": ["in_person_attendance", "online_attendance"]}),
        ("Introduction", {"fields": ["introduction"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_session_count=Count("sessions"))

    @admin.display(description="sessions", ordering="_session_count")
    def session_count(self, obj):
        return obj._session_count

    @admin.action(description="Publish the selected editions")
    def publish(self, request, queryset):
        count = queryset.update(status=EditionStatus.PUBLISHED)
        self.message_user(request, f"{count} edition(s) published.", messages.SUCCESS)

    @admin.action(description="Return the selected editions to draft")
    def unpublish(self, request, queryset):
        count = queryset.update(status=EditionStatus.DRAFT)
        self.message_user(request, f"{count} edition(s) are drafts now.", messages.SUCCESS)

    def get_urls(self):
        from django.urls import path

        from .admin_loading import load_edition_view

        load = self.admin_site.admin_view(lambda request: load_edition_view(request, self))
        return [path("load/", load, name="conferences_edition_load"), *super().get_urls()]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "date", "start_time", "end_time", "format", "is_side_event", "people"]
    list_filter = ["edition", "format", "is_side_event", "date"]
    list_select_related = ["edition"]
    search_fields = ["title", "subtitle", "summary", "participations__person__name"]
    autocomplete_fields = ["venue"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ParticipationInline, QuoteInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["edition", "format", "is_side_event", "title", "subtitle", "slug"]}),
        (
            "When and where",
            {
                "fields": ["date", "start_time", "end_time", "order", "venue", "room"],
                "description": "Times are Vienna local time. "
                "Leave day and times empty where no source gives them.",
            },
        ),
        ("Content", {"fields": ["summary", "video_url"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_people=Count("participations"))

    @admin.display(description="people", ordering="_people")
    def people(self, obj):
        return obj._people

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.edition = form.instance.edition
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["short_text", "person", "session", "edition"]
    list_filter = ["edition"]
    list_select_related = ["person", "session", "edition"]
    search_fields = ["text", "person__name"]
    autocomplete_fields = ["person", "session"]

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:80]
