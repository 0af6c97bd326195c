from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from conferences import urls as conferences_urls
from conferences.exports.robots import robots_txt
from conferences.exports.sitemaps import SITEMAPS

admin.site.site_header = "Vienna Migration Conference — editors"
admin.site.site_title = "VMC editors"
admin.site.index_title = "Conference content"
admin.site.enable_nav_sidebar = False  # the lists need the width of a 1280 px window

urlpatterns = [
    # Participations moved from the speakers app to conferences: editors' bookmarks still work.
    re_path(
        r"^admin/speakers/participation/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/conferences/participation/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("speakers/", include(conferences_urls.speakers)),
    path("organisations/", include(conferences_urls.organisations)),
    path("search/", include("conferences.search.urls")),
    path("", include("conferences.urls")),
]
