from django.urls import path

from speakers import views_organisations as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="index"),
    path("<slug:slug>/", views.organisation_detail, name="organisation"),
]
