from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.home, name="home"),
    path("editions/", views.edition_list, name="editions"),
    path("<int:year>/", views.edition_detail, name="edition"),
    path("<int:year>/agenda/", views.agenda, name="agenda"),
    path("<int:year>/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("<int:year>/speakers/", views.edition_speakers, name="speakers"),
    path("<int:year>/side-events/", views.side_events, name="side_events"),
    path("<int:year>/schedule.json", views.schedule_json, name="schedule_json"),
]
