"""Public pages about organisations: who represented them at each edition, and what they
supported."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from conferences.public.organisation_pages import organisation_history, organisation_index
from conferences.public.preview import mark_preview
from speakers.models import Organisation

JUMP_LIST_FROM = 20  # organisations listed; above this the index opens with an A–Z list


def organisation_list(request):
    letters = organisation_index()
    listed = sum(len(entry.units) + 1 for group in letters for entry in group.entries)
    return render(
        request,
        "speakers/organisation_list.html",
        {"letters": letters, "jump_list": listed > JUMP_LIST_FROM},
    )


def organisation_detail(request, slug):
    """404 for an unknown slug and for an organisation with nothing this request may see."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    history = organisation_history(organisation, request.user)
    if not history.editions:
        raise Http404("No public record of this organisation.")
    response = render(
        request,
        "speakers/organisation_detail.html",
        {"organisation": organisation, "history": history, "preview": history.preview},
    )
    return mark_preview(response) if history.preview else response
