"""Public pages about people."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from conferences.models import Quote

from .history import history
from .models import Participation, Person


def person_detail(request, slug):
    public = Participation.objects.public()
    person = get_object_or_404(
        Person.objects.with_public_appearances().prefetch_related(
            Prefetch(
                "participations",
                queryset=public.select_related("edition", "session__edition", "organisation").order_by(
                    "-edition__year", "session__date", "session__start_time", "session__order"
                ),
                to_attr="appearances",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.filter(edition__status="published").select_related("session__edition"),
                to_attr="public_quotes",
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "speakers/person_detail.html",
        {"person": person, "history": history(person.appearances, person.public_quotes)},
    )


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
