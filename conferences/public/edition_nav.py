"""Moving between editions: the previous and the next published edition, and every published
year, each linking to the same section as the page being read (agenda → agenda, speakers →
speakers; a session page → that edition's agenda). One query: the published years."""

from dataclasses import dataclass

from conferences.models import Edition
from vmc_project.urlcache import cached_reverse

# The page's `section` (set by each edition view) → the URL name of that section.
SECTION_URLS = {
    "overview": "conferences:edition",
    "agenda": "conferences:agenda",
    "speakers": "conferences:speakers",
    "side_events": "conferences:side_events",
}


@dataclass(frozen=True)
class EditionLink:
    year: int
    url: str
    is_current: bool = False


@dataclass(frozen=True)
class EditionNav:
    previous: EditionLink | None
    next: EditionLink | None
    years: list  # [EditionLink], oldest first, the current edition marked if published

    @property
    def has_others(self):
        return any(not link.is_current for link in self.years)


def section_url(year, section):
    """The address of `section` of the edition of `year`; the overview for an unknown section."""
    return cached_reverse(SECTION_URLS.get(section, "conferences:edition"), year=year)


def published_years():
    return list(Edition.objects.published().order_by("year").values_list("year", flat=True))


def edition_nav(edition, section, years=None):
    """EditionNav around `edition` (published or a draft seen in preview) among the published
    editions; `years` (sorted) saves the query when the caller has them."""
    years = published_years() if years is None else years
    links = [EditionLink(year, section_url(year, section), year == edition.year) for year in years]
    earlier = [link for link in links if link.year < edition.year]
    later = [link for link in links if link.year > edition.year]
    return EditionNav(
        previous=earlier[-1] if earlier else None,
        next=later[0] if later else None,
        years=links,
    )
