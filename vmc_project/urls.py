from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from conferences.sitemaps import SITEMAPS
from conferences.views_discovery import robots_txt

admin.site.site_header = "Vienna Migration Conference — editors"
admin.site.site_title = "VMC editors"
admin.site.index_title = "Conference content"
admin.site.enable_nav_sidebar = False  # the lists need the width of a 1280 px window

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("speakers/", include("speakers.urls")),
    path("organisations/", include("speakers.urls_organisations")),
    path("search/", include("conferences.search.urls")),
    path("", include("conferences.urls")),
]
