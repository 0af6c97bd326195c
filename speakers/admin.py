from django.contrib import admin
from django.db.models import Count

from conferences.history_admin import HistoryAdmin
from vmc_project.images import admin_preview

from .forms import PersonAdminForm
from .models import Organisation, Participation, Person


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["edition", "session", "role", "position", "organisation", "is_online"]
    autocomplete_fields = ["session", "organisation"]
    extra = 0


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
        (None, {"fields": ["name", "slug", "bio"]}),
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


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "acronym", "country"]
    list_filter = ["country"]
    search_fields = ["name", "acronym", "country"]
    prepopulated_fields = {"slug": ["name", "country"]}


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["person", "role", "session", "edition", "position", "is_online"]
    list_filter = ["edition", "role", "is_online", "session__format"]
    list_select_related = ["person", "session", "edition"]
    search_fields = ["person__name", "position", "session__title", "organisation__name"]
    autocomplete_fields = ["person", "session", "organisation"]
