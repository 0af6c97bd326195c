from django.urls import path, register_converter

from conferences import views, views_exports
from conferences.converters import YearConverter

register_converter(YearConverter, "year")

app_name = "conferences"

urlpatterns = [
    path("", views.home, name="home"),
    path("editions/", views.edition_list, name="editions"),
    path("<year:year>/", views.edition_detail, name="edition"),
    path("<year:year>/agenda/", views.agenda, name="agenda"),
    path("<year:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("<year:year>/speakers/", views.edition_speakers, name="speakers"),
    path("<year:year>/side-events/", views.side_events, name="side_events"),
    path("<year:year>/schedule.json", views.schedule_json, name="schedule_json"),
    path("<year:year>/schedule.xml", views_exports.schedule_xml, name="schedule_xml"),
    path("<year:year>/agenda.ics", views_exports.edition_calendar, name="agenda_ics"),
    path("<year:year>/sessions/<slug:slug>.ics", views_exports.session_calendar, name="session_ics"),
]
