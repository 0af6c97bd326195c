from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from conferences import urls as conferences_urls
from conferences.exports.robots import robots_txt
from conferences.exports.sitemaps import SITEMAPS

admin.site.site_header = "Vienna Migration Conference — editors"
admin.site.site_title = "VMC editors"
admin.site.index_title = "Conference content"
admin.site.enable_nav_sidebar = False  # the lists need the width of a 1280 px window

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("speakers/", include(conferences_urls.speakers)),
    path("organisations/", include(conferences_urls.organisations)),
    path("search/", include("conferences.search.urls")),
    path("", include("conferences.urls")),
]
