from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from conferences.admin.edition_forms import EditionAdminForm
from conferences.admin.filters import DayFilter, SessionDayFilter
from conferences.admin.forms import (
    ContentForm,
    QuoteForm,
    SessionForm,
    SessionFormSet,
    SharedFormSet,
)
from conferences.admin.history import HistoryAdmin
from conferences.admin.participation_forms import ParticipationForm, ParticipationFormSet
from conferences.content.history import recorded
from conferences.content.next_edition import TO_BE_ANNOUNCED, NextEditionError, create_next_edition, summary
from conferences.enums import EditionStatus
from conferences.models import (
    Edition,
    EditionCredit,
    EditionPartner,
    Participation,
    Quote,
    Session,
    SessionSegment,
    TeamMember,
    Venue,
)
from conferences.ordering import programme_order
from conferences.templatetags.vmc import time_range
from vmc_project.images import admin_preview

POSITION_JS = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/jquery.init.js", "admin-vmc-position.js"]


def truncated(text, css_class="vmc-truncate"):
    """A list cell cut to its column width; the whole text shows as a tooltip."""
    return format_html('<span class="{}" title="{}">{}</span>', css_class, text, text)


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionForm
    formset = SessionFormSet
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "date", "start_time", "end_time", "format", "title", "is_side_event"]
    show_change_link = True
    extra = 0


class PartnerInline(admin.TabularInline):
    model = EditionPartner
    form = ContentForm
    formset = SharedFormSet
    autocomplete_fields = ["organisation"]
    extra = 0


class TeamInline(admin.TabularInline):
    model = TeamMember
    form = ContentForm
    formset = SharedFormSet
    autocomplete_fields = ["person"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    formset = ParticipationFormSet
    fields = ["order", "person", "role", "honorific", "position", "organisation", "is_online"]
    autocomplete_fields = ["person", "organisation"]
    extra = 0

    class Media:
        js = POSITION_JS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class EditionParticipationInline(ParticipationInline):
    """People named for the edition as a whole (master of ceremonies, unattached speakers)."""

    verbose_name = "person named for the whole edition"
    verbose_name_plural = "people named for the whole edition (no session)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(session__isnull=True)


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteForm
    formset = SharedFormSet
    fields = ["person", "number", "text", "source"]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Venue)
class VenueAdmin(HistoryAdmin):
    form = ContentForm
    list_display = ["name", "address", "city"]
    search_fields = ["name", "address", "city"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Edition)
class EditionAdmin(HistoryAdmin):
    list_display = ["year", "title", "start_date", "end_date", "format", "status", "session_count"]
    list_filter = ["status", "format"]
    search_fields = ["title", "theme", "year"]
    autocomplete_fields = ["venue"]
    inlines = [SessionInline, EditionParticipationInline, PartnerInline, TeamInline]
    actions = ["publish", "unpublish", "prepare_next_edition"]
    change_list_template = "admin/conferences/edition/change_list.html"  # + reversion's "Recover"
    form = EditionAdminForm
    readonly_fields = ["hero_preview"]
    fieldsets = [
        (None, {"fields": ["year", "ordinal", "title", "tagline", "theme", "status"]}),
        ("When and where", {"fields": ["start_date", "end_date", "venue", "format"]}),
        ("Attendance", {"fields": ["in_person_attendance", "online_attendance"]}),
        ("Introduction", {"fields": ["introduction"]}),
        ("Hero image", {"fields": ["hero_image", "hero_preview", "hero_credit"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_session_count=Count("sessions"))

    @admin.display(description="sessions", ordering="_session_count")
    def session_count(self, obj):
        return obj._session_count

    @admin.display(description="current image")
    def hero_preview(self, obj):
        return admin_preview(obj.hero_image, obj.hero_image_width, obj.hero_image_height)

    def set_status(self, request, queryset, status, comment):
        """Save each edition whose status changes, in one revision with `comment` and the user;
        return the editions changed."""
        editions = list(queryset.exclude(status=status).order_by("year"))
        with recorded(comment, request.user):
            for edition in editions:
                edition.status = status
                edition.save(update_fields=["status"])
        return editions

    @admin.action(description="Publish the selected editions")
    def publish(self, request, queryset):
        editions = self.set_status(request, queryset, EditionStatus.PUBLISHED, "Published")
        if editions:
            titles = ", ".join(edition.title for edition in editions)
            them = "it" if len(editions) == 1 else "them"
            self.message_user(
                request, f"Published: {titles}. Visitors see {them} on the site now.", messages.SUCCESS
            )
            self.warn_placeholders(request, editions)
        else:
            self.message_user(request, "The selected editions were already published.", messages.WARNING)

    def warn_placeholders(self, request, editions):
        """Name the sessions a prepared edition still shows as "… — to be announced"."""
        placeholders = (
            Session.objects.filter(edition__in=editions, title__endswith=f"— {TO_BE_ANNOUNCED}")
            .values("edition__title")
            .annotate(count=Count("pk"))
            .order_by("edition__year")
        )
        for row in placeholders:
            one = row["count"] == 1
            sessions, their = ("session still shows", "its") if one else ("sessions still show", "their")
            self.message_user(
                request,
                f"{row['edition__title']}: {row['count']} {sessions} “… — {TO_BE_ANNOUNCED}” "
                f"as {their} title on the public pages.",
                messages.WARNING,
            )

    @admin.action(description="Return the selected editions to draft")
    def unpublish(self, request, queryset):
        editions = self.set_status(request, queryset, EditionStatus.DRAFT, "Returned to draft")
        if editions:
            titles = ", ".join(edition.title for edition in editions)
            them = "it is" if len(editions) == 1 else "they are"
            self.message_user(
                request,
                f"Returned to draft: {titles}. Visitors get “page not found” until {them} published again.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "The selected editions were already drafts.", messages.WARNING)

    @admin.action(description="Prepare next year's edition as a draft", permissions=["add"])
    def prepare_next_edition(self, request, queryset):
        """Copy one edition's frame (venue, days, session formats, partners, team) into a
        draft for the following year; see conferences/content/next_edition.py."""
        if queryset.count() != 1:
            self.message_user(
                request, "Select exactly one edition to prepare the next year from.", messages.WARNING
            )
            return None
        source = queryset.get()
        try:
            edition = create_next_edition(source, user=request.user)
        except NextEditionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(
            request,
            f"{summary(edition, source)} Fill in the theme and the sessions, then preview it on the site.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:conferences_edition_change", args=[edition.pk]))

    def get_urls(self):
        from django.urls import path

        from conferences.admin.loading import load_edition_view

        load = self.admin_site.admin_view(lambda request: load_edition_view(request, self))
        return [path("load/", load, name="conferences_edition_load"), *super().get_urls()]


@admin.register(Session)
class SessionAdmin(HistoryAdmin):
    form = SessionForm
    list_display = ["short_title", "year", "when", "short_format", "side_event", "people"]
    list_display_links = ["short_title"]
    list_filter = ["edition", "format", DayFilter, "is_side_event"]
    list_select_related = ["edition"]
    ordering = [
        "-edition__year",
        *programme_order(),
        "pk",
    ]
    # Titles and names, not summaries: "opening" should find the openings.
    search_fields = ["title", "subtitle", "edition__year", "participations__person__name"]
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

    @admin.display(description="title", ordering="title")
    def short_title(self, obj):
        return truncated(obj.title)

    @admin.display(description="year", ordering="edition__year")
    def year(self, obj):
        return obj.edition.year

    @admin.display(description="when", ordering=F("date").asc(nulls_last=True))
    def when(self, obj):
        """Tue 22 Oct · 09:30–09:50 (24-hour, Vienna time); — where no source gives the day."""
        if not obj.date:
            return "—"
        day = date_format(obj.date, "D j M")
        return f"{day} · {time_range(obj)}" if obj.start_time else day

    @admin.display(description="format", ordering="format")
    def short_format(self, obj):
        return truncated(obj.get_format_display(), "vmc-truncate vmc-truncate-short")

    @admin.display(description="side", boolean=True, ordering="is_side_event")
    def side_event(self, obj):
        return obj.is_side_event

    def save_related(self, request, form, formsets, change):
        """A session moved to another edition takes its people and quotes with it (the inline
        forms checked them against the new edition)."""
        super().save_related(request, form, formsets, change)
        session = form.instance
        for related in [
            *session.participations.exclude(edition_id=session.edition_id),
            *session.quotes.exclude(edition_id=session.edition_id),
        ]:
            related.edition = session.edition
            related.save(update_fields=["edition"])

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.edition = form.instance.edition
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Quote)
class QuoteAdmin(HistoryAdmin):
    form = QuoteForm
    list_display = ["short_text", "person", "session_title", "year"]
    list_filter = ["edition", SessionDayFilter]
    list_select_related = ["person", "session", "edition"]
    ordering = [
        "-edition__year",
        *programme_order("session"),
        "number",
    ]
    search_fields = ["text", "person__name"]
    autocomplete_fields = ["person", "session"]

    def get_queryset(self, request):
        # The default manager selects the person and edition; the list shows the session too.
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description="quote")
    def short_text(self, obj):
        return truncated(obj.text)

    @admin.display(description="session", ordering="session__title")
    def session_title(self, obj):
        return truncated(obj.session.title, "vmc-truncate vmc-truncate-short") if obj.session else "—"

    @admin.display(description="year", ordering="edition__year")
    def year(self, obj):
        return obj.edition.year


# Kept off the edition and session pages (their forms stay as they are): few rows, edited rarely.
@admin.register(EditionCredit)
class EditionCreditAdmin(HistoryAdmin):
    """People a document about an edition names as its makers (report authors, photographer)."""

    form = ContentForm
    list_display = ["person", "credit", "document", "edition"]
    list_filter = ["edition"]
    list_select_related = ["person", "edition"]
    search_fields = ["person__name", "credit", "document"]
    autocomplete_fields = ["person"]
    fields = ["edition", "person", "credit", "document", "order"]


@admin.register(SessionSegment)
class SessionSegmentAdmin(HistoryAdmin):
    """A named part of a session, with the heading the source gives it."""

    form = ContentForm
    list_display = ["title", "session", "order"]
    list_filter = ["session__edition"]
    list_select_related = ["session__edition"]
    search_fields = ["title", "session__title"]
    autocomplete_fields = ["session"]
    fields = ["session", "order", "title", "summary"]
