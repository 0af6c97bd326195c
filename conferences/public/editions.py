"""Public pages of the conference archive. Each view reads through a named queryset.

Views of one edition take it from `@edition_page`, which answers 404 for a draft unless staff
preview it (see conferences/public/preview.py)."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from conferences.enums import Role, SessionFormat
from conferences.models import Edition, Participation, Quote, Session
from conferences.ordering import programme_order
from conferences.public.agenda_filters import filter_agenda
from conferences.public.on_stage import with_people_on_stage
from conferences.public.preview import edition_page
from conferences.public.programme import agenda_days, programme_facts


def home(request):
    edition = Edition.objects.latest_published()
    if edition is None:
        return render(request, "conferences/home_empty.html")
    highlights = with_people_on_stage(
        Session.objects.filter(
            edition=edition, format__in=SessionFormat.highlighted(), is_side_event=False
        ).for_agenda()[:6]
    )
    speakers = list(Participation.objects.headliners(edition)[:8])
    return render(
        request,
        "conferences/home.html",
        {
            "edition": edition,
            "highlights": highlights,
            "key_speakers": speakers,
            "key_speaker_columns": balanced_columns(len(speakers)),
        },
    )


def balanced_columns(count):
    """Columns (at most 4) for a grid of `count` cards whose last row is as full as can be:
    5 → 3 (3 + 2, not 4 + 1), 6 → 3, 7 → 4, 8 → 4."""
    if count <= 4:
        return max(count, 1)
    return min((4, 3), key=lambda columns: (-count % columns, -columns))


def edition_list(request):
    editions = (
        Edition.objects.published()
        .select_related("venue")
        .annotate(session_count=Count("sessions"))
        .order_by("-year")
    )
    return render(request, "conferences/edition_list.html", {"editions": editions})


@edition_page
def edition_detail(request, edition):
    counts = Session.objects.filter(edition=edition).aggregate(
        sessions=Count("pk", filter=Q(is_side_event=False)),
        side_events=Count("pk", filter=Q(is_side_event=True)),
    )
    people = Participation.objects.filter(edition=edition).head_counts()
    context = {
        "edition": edition,
        "section": "overview",
        "session_count": counts["sessions"],
        "side_event_count": counts["side_events"],
        "on_stage_count": people["on_stage"],
        "guest_count": people["guests"],
        "partners": edition.partners.select_related("organisation"),
        "team": edition.team.select_related("person").order_by("person__sort_key", "pk"),
        "credits": edition.credits.select_related("person").order_by("order", "pk"),
        "quotes": Quote.objects.filter(edition=edition)
        .select_related("person", "session__edition")
        .order_by(*programme_order("session"), "number", "pk")[:3],
        "edition_people": Participation.objects.filter(edition=edition, session__isnull=True)
        .select_related("person", "organisation")
        .order_by("order"),
    }
    return render(request, "conferences/edition_detail.html", context)


@edition_page
def agenda(request, edition):
    sessions = with_people_on_stage(Session.objects.filter(edition=edition).for_agenda())
    filters = filter_agenda(edition, sessions, request.GET)
    response = render(
        request,
        "conferences/agenda.html",
        {
            "edition": edition,
            "section": "agenda",
            "days": filters.days,
            "programme_days": agenda_days(edition, sessions) if filters.active else filters.days,
            "filters": filters,
            "facts": programme_facts(edition, sessions),
        },
    )
    if filters.ignored:
        # Made-up values would each be a page of their own in the page cache: keep none.
        patch_cache_control(response, no_cache=True)
    return response


@edition_page
def side_events(request, edition):
    sessions = with_people_on_stage(Session.objects.filter(edition=edition, is_side_event=True).for_agenda())
    return render(
        request,
        "conferences/side_events.html",
        {
            "edition": edition,
            "section": "side_events",
            "days": agenda_days(edition, sessions),
            "facts": programme_facts(edition, sessions),
            "side_events_page": True,
        },
    )


@edition_page
def session_detail(request, edition, slug):
    session = get_object_or_404(
        Session.objects.filter(edition=edition)
        .select_related("edition", "venue")
        .with_people()
        .prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.select_related("person"), to_attr="quote_list"),
            Prefetch("segments", to_attr="segment_list"),
        ),
        slug=slug,
    )
    programme = list(Session.objects.filter(edition=edition).values_list("slug", "title", "start_time"))
    index = [s for s, _, _ in programme].index(session.slug)
    previous = programme[index - 1][:2] if index > 0 else None
    following = programme[index + 1][:2] if index + 1 < len(programme) else None
    return render(
        request,
        "conferences/session_detail.html",
        {
            "edition": edition,
            "section": "agenda",
            "session": session,
            "previous": previous,
            "following": following,
            "times_given": any(start for _, _, start in programme),
        },
    )


@edition_page
def edition_speakers(request, edition):
    """The people on stage (with every appearance, a dinner they were guests at included), then
    apart the people who were only guests; each in family-name order with their sessions in
    programme order. One query."""
    participations = (
        Participation.objects.filter(edition=edition)
        .select_related("person", "session__edition")
        .order_by("person__sort_key", "person__pk", *programme_order("session"))
    )
    people = {}
    for participation in participations:
        people.setdefault(participation.person, []).append(participation)
    speakers, guests = {}, {}
    for person, appearances in people.items():
        on_stage = any(Role.is_on_stage(appearance.role) for appearance in appearances)
        (speakers if on_stage else guests)[person] = appearances
    return render(
        request,
        "conferences/edition_speakers.html",
        {
            "edition": edition,
            "section": "speakers",
            "people": list(speakers.items()),
            "guests": list(guests.items()),
            "guest_count": len(guests),
        },
    )
