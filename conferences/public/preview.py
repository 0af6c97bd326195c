"""Staff preview of draft editions.

Draft editions answer 404 to the public exactly like unknown years. Active staff see them on
the public pages, marked as a preview: a banner at the top, `noindex` for search engines and
`Cache-Control: private, no-store` so that no shared cache keeps a copy.
"""

from functools import wraps

from django.shortcuts import get_object_or_404

from conferences.models import Edition
from conferences.querysets import can_preview

__all__ = ["can_preview", "edition_for", "edition_page", "mark_preview"]


def edition_for(request, year):
    """The edition of `year` as this request may see it; 404 if it may not."""
    return get_object_or_404(Edition.objects.visible_to(request.user).select_related("venue"), year=year)


def mark_preview(response):
    """Keep a preview out of search engines, shared caches and other sites."""
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    if "Access-Control-Allow-Origin" in response:
        del response["Access-Control-Allow-Origin"]
    return response


def edition_page(view):
    """Decorate a view of one edition: `view(request, edition, **kwargs)` receives the edition
    of the URL's `year` (404 when the request may not see it); a draft's response is marked
    as a preview."""

    @wraps(view)
    def wrapper(request, year, **kwargs):
        edition = edition_for(request, year)
        response = view(request, edition, **kwargs)
        if not edition.is_published:
            mark_preview(response)
        return response

    return wrapper
