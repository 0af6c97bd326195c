"""Public pages about people."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from conferences.models import Quote
from conferences.preview import mark_preview

from .history import history
from .models import Participation, Person


def person_detail(request, slug):
    """One person's appearances at published editions; staff also see those at drafts,
    marked as a preview."""
    visible = Participation.objects.visible_to(request.user)
    person = get_object_or_404(
        Person.objects.with_appearances_visible_to(request.user).prefetch_related(
            Prefetch(
                "participations",
                queryset=visible.select_related("edition", "session__edition", "organisation").order_by(
                    "-edition__year", "session__date", "session__start_time", "session__order"
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
        {"person": person, "history": history(person.appearances, person.public_quotes), "preview": preview},
    )
    return mark_preview(response) if preview else response


def person_list(request):
    people = (
        Person.objects.with_public_appearances()
        .annotate(
            edition_count=Count(
                "participations__edition",
                filter=Q(participations__edition__status="published"),
                distinct=True,
            )
        )
        .order_by("name")
    )
    return render(request, "speakers/person_list.html", {"people": people})
