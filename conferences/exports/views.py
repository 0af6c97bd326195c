"""The programme as files for calendars and schedule apps: an edition's, one session's and one
person's sessions as iCalendar; an edition's as Frab schedule XML and as schedule.json. Each
reads a fixed number of queries (see tests/test_queries.py); drafts answer 404 unless staff
preview them. conferences/exports/registry.py declares the edition's exports."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from conferences.exports.calendars import calendar_file, in_calendar
from conferences.exports.frab import frab_xml
from conferences.exports.schedule import schedule_for
from conferences.models import Participation, Session
from conferences.public.on_stage import with_people_on_stage
from conferences.public.preview import can_preview, edition_page, mark_preview
from speakers.models import Person

CALENDAR = "text/calendar; charset=utf-8"


def calendar_response(body, filename):
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def programme(queryset):
    """Sessions in programme order, with their venue, their edition's venue and their people."""
    return with_people_on_stage(queryset.for_agenda().select_related("edition__venue"))


@edition_page
def edition_calendar(request, edition):
    sessions = programme(Session.objects.filter(edition=edition))
    body = calendar_file(sessions, request.build_absolute_uri, edition.title)
    return calendar_response(body, f"vmc{edition.year}.ics")


@edition_page
def session_calendar(request, edition, slug):
    found = programme(Session.objects.filter(edition=edition, slug=slug))
    if not found:
        raise Http404("No such session.")
    session = found[0]
    if not in_calendar(session):
        raise Http404("The documents do not give this session's day.")
    body = calendar_file([session], request.build_absolute_uri, f"{session.title} ({edition.title})")
    return calendar_response(body, f"vmc{edition.year}-{session.slug}.ics")


def person_calendar(request, slug):
    """The sessions of one person at the editions this request may see, oldest first."""
    people = Person.objects.with_appearances(drafts_too=can_preview(request.user)).only("name", "slug")
    person = get_object_or_404(people, slug=slug)
    appearances = Participation.objects.visible_to(request.user).filter(person=person, session__isnull=False)
    sessions = programme(
        Session.objects.filter(pk__in=appearances.values("session")).order_by(
            "edition__year", *Session._meta.ordering[1:]
        )
    )
    name = f"{person.name} at the Vienna Migration Conference"
    body = calendar_file(sessions, request.build_absolute_uri, name)
    response = calendar_response(body, f"{person.slug}.ics")
    if any(not session.edition.is_published for session in sessions):
        mark_preview(response)
    return response


@edition_page
def schedule_xml(request, edition):
    sessions = with_people_on_stage(Session.objects.filter(edition=edition).for_agenda())
    schedule = schedule_for(edition, sessions, request.build_absolute_uri)
    body = frab_xml(schedule, request.build_absolute_uri(request.path))
    if body is None:
        raise Http404("The documents do not give this edition's days.")
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@edition_page
def schedule_json(request, edition):
    sessions = with_people_on_stage(Session.objects.filter(edition=edition).for_agenda())
    data = schedule_for(edition, sessions, request.build_absolute_uri)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
