"""Public pages about people."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from conferences.models import Participation, Quote
from conferences.ordering import programme_order
from conferences.public.appearances import history
from conferences.public.preview import can_preview, mark_preview
from conferences.public.speakers_index import (
    edition_filter,
    latest_appearance,
    published_years,
    speakers_index,
)
from speakers.models import Person


def person_detail(request, slug):
    """One person's appearances at published editions; staff also see those at drafts,
    marked as a preview."""
    visible = Participation.objects.visible_to(request.user)
    person = get_object_or_404(
        Person.objects.with_appearances(drafts_too=can_preview(request.user)).prefetch_related(
            Prefetch(
                "participations",
                queryset=visible.select_related("edition", "session__edition", "organisation").order_by(
                    "-edition__year", *programme_order("session")
                ),
                to_attr="appearances",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.visible_to(request.user).select_related("session__edition"),
                to_attr="public_quotes",
            ),
        ),
        slug=slug,
    )
    preview = any(not appearance.edition.is_published for appearance in person.appearances)
    response = render(
        request,
        "speakers/person_detail.html",
        {
            "person": person,
            "history": history(person.appearances, person.public_quotes),
            "latest": latest_appearance(person.appearances),
            "preview": preview,
        },
    )
    return mark_preview(response) if preview else response


def person_list(request):
    """Everyone with a public appearance, by family name; `?edition=2024` keeps the people of
    one edition (anything else is ignored, with a note). Two queries."""
    years = published_years()
    year, note = edition_filter(request.GET.get("edition"), years)
    letters = speakers_index(year)
    return render(
        request,
        "speakers/person_list.html",
        {
            "letters": letters,
            "count": sum(len(group.people) for group in letters),
            "years": years,
            "year": year,
            "note": note,
        },
    )
