"""The public URLs: an edition's pages and exports, people, organisations. The project's URL
configuration mounts each list under its namespace (vmc_project/urls.py)."""

from django.urls import path, register_converter

from conferences.converters import YearConverter
from conferences.exports import views as exports
from conferences.exports.registry import EDITION_EXPORTERS
from conferences.public import editions, organisations, people

register_converter(YearConverter, "year")

app_name = "conferences"

urlpatterns = [
    path("", editions.home, name="home"),
    path("editions/", editions.edition_list, name="editions"),
    path("<year:year>/", editions.edition_detail, name="edition"),
    path("<year:year>/agenda/", editions.agenda, name="agenda"),
    path("<year:year>/sessions/<slug:slug>/", editions.session_detail, name="session"),
    path("<year:year>/speakers/", editions.edition_speakers, name="speakers"),
    path("<year:year>/side-events/", editions.side_events, name="side_events"),
    *(exporter.url_pattern() for exporter in EDITION_EXPORTERS),
    path("<year:year>/sessions/<slug:slug>.ics", exports.session_calendar, name="session_ics"),
]

speakers = (
    [
        path("", people.person_list, name="index"),
        path("<slug:slug>/", people.person_detail, name="person"),
        path("<slug:slug>.ics", exports.person_calendar, name="person_ics"),
    ],
    "speakers",
)

organisations = (
    [
        path("", organisations.organisation_list, name="index"),
        path("<slug:slug>/", organisations.organisation_detail, name="organisation"),
    ],
    "organisations",
)
