from django.urls import path

from conferences import views_exports

from speakers import views

app_name = "speakers"

urlpatterns = [
    path("", views.person_list, name="index"),
    path("<slug:slug>/", views.person_detail, name="person"),
    path("<slug:slug>.ics", views_exports.person_calendar, name="person_ics"),
]
