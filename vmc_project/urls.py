from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Vienna Migration Conference — editors"
admin.site.site_title = "VMC editors"
admin.site.index_title = "Conference content"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("speakers/", include("speakers.urls")),
    path("", include("conferences.urls")),
]
