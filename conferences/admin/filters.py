"""List filters for the admin: the days a programme actually has, not date ranges."""

import datetime

from django.contrib import admin
from django.utils.dateformat import format as date_format

from conferences.models import Session

NO_DAY = "none"


class DayFilter(admin.SimpleListFilter):
    """The distinct session days (of the chosen edition, when one is chosen), newest first,
    plus the sessions whose day no source gives. `date_field` is the path to the session date."""

    title = "day"
    parameter_name = "day"
    date_field = "date"
    edition_parameter = "edition__id__exact"

    def lookups(self, request, model_admin):
        sessions = Session.objects.exclude(date=None)
        edition = request.GET.get(self.edition_parameter, "")
        if edition.isdigit():
            sessions = sessions.filter(edition_id=edition)
        days = sessions.order_by("-date").values_list("date", flat=True).distinct()
        return [(day.isoformat(), date_format(day, "D j M Y")) for day in days] + [(NO_DAY, "No day given")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value == NO_DAY:
            return queryset.filter(**{f"{self.date_field}__isnull": True})
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return queryset.none()
        return queryset.filter(**{self.date_field: day})


class SessionDayFilter(DayFilter):
    """The same, for rows that belong to a session (participations, quotes)."""

    date_field = "session__date"
