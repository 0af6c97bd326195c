"""/sitemap.xml: every public page search engines should know, drafts never.

Published editions with their agenda, speakers and (when they have any) side-events pages;
the sessions of published editions; the people who appear at a published edition; the
organisations with a public page (conferences.public.organisation_pages.public_organisations()); and the
indexes. Each section reads one query (items are lists, so no count query either).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Q

from conferences.models import Edition, Session
from conferences.public.organisation_pages import public_organisations
from speakers.models import Person
from vmc_project.urlcache import cached_reverse


class IndexSitemap(Sitemap):
    def items(self):
        return ["conferences:home", "conferences:editions", "speakers:index", "organisations:index"]

    def location(self, item):
        return cached_reverse(item)


class EditionSitemap(Sitemap):
    """Each published edition's overview, agenda and speakers, and its side events if any."""

    def items(self):
        pages = []
        editions = (
            Edition.objects.published()
            .annotate(side_events=Count("sessions", filter=Q(sessions__is_side_event=True)))
            .only("year")
            .order_by("-year")
        )
        for edition in editions:
            names = ["edition", "agenda", "speakers"] + (["side_events"] if edition.side_events else [])
            pages += [(f"conferences:{name}", edition.year) for name in names]
        return pages

    def location(self, item):
        name, year = item
        return cached_reverse(name, year=year)


class SessionSitemap(Sitemap):
    def items(self):
        return list(Session.objects.public().only("slug", "edition__year").order_by("-edition__year", "pk"))


class PersonSitemap(Sitemap):
    def items(self):
        return list(Person.objects.with_public_appearances().only("slug").order_by("slug"))


class OrganisationSitemap(Sitemap):
    def items(self):
        return list(public_organisations().only("slug").order_by("slug"))


SITEMAPS = {
    "pages": IndexSitemap,
    "editions": EditionSitemap,
    "sessions": SessionSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
}
