"""Nothing an editor does in the admin breaks a public page, and every refusal shows next to
something the editor can see."""

import datetime
import re
from html import unescape

import pytest
from django.forms import modelform_factory

from conferences.admin.participation_forms import ParticipationForm
from conferences.models import Edition, EditionPartner, Participation, Quote, Session, TeamMember, Venue
from speakers.models import Organisation, Person

from .factories import (
    make_edition,
    make_organisation,
    make_participation,
    make_person,
    make_quote,
    make_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(editor_client):
    editor_client.raise_request_exception = False  # a server error is a status to count here
    return editor_client


@pytest.fixture
def edition():
    """A published edition with one session, one person on stage and a quote."""
    edition = make_edition(2030)
    session = make_session(edition, "Opening of the conference", start_time=datetime.time(9, 30))
    person = make_person("Ivan Krastev")
    make_participation(
        session, person, role="keynote", order=1, position="Chair, Centre for Liberal Strategies"
    )
    make_quote(session, person)
    return edition


# What the browser sends ---------------------------------------------------------------------


def management(prefix, total=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def rows(prefix, *forms):
    """Inline rows as the browser posts them: new rows only, existing rows left alone."""
    data = management(prefix, len(forms))
    for index, form in enumerate(forms):
        data.update({f"{prefix}-{index}-{name}": value for name, value in form.items()})
    return data


def edition_form(edition=None, **fields):
    data = {
        "year": "2031",
        "title": "Vienna Migration Conference 2031",
        "start_date": "2031-10-20",
        "end_date": "2031-10-21",
        "format": "in_person",
        "status": "published",
    }
    if edition is not None:
        data.update(
            year=edition.year,
            title=edition.title,
            start_date=edition.start_date.isoformat(),
            end_date=edition.end_date.isoformat(),
            format=edition.format,
            status=edition.status,
            venue=edition.venue_id or "",
        )
    data.update(fields)
    for prefix in ["sessions", "participations", "partners", "team"]:
        data.update(management(prefix))
    return data


def session_form(session=None, **fields):
    data = {"format": "panel_discussion", "order": "0"}
    if session is not None:
        data.update(
            edition=session.edition_id,
            format=session.format,
            title=session.title,
            slug=session.slug,
            date=session.date.isoformat() if session.date else "",
            start_time=session.start_time.strftime("%H:%M") if session.start_time else "",
            order=session.order,
        )
    data.update(fields)
    return {**management("participations"), **management("quotes"), **data}


def person_form(person, **fields):
    return {"name": person.name, "slug": person.slug, **management("participations"), **fields}


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, errors_on(response)
    return response


def errors_on(response):
    """Every error message on an admin page, by the field it stands next to ('' for a row's or
    the form's own errors)."""
    html = response.content.decode()
    found = {}
    for name, body in re.findall(
        r'<ul class="errorlist[^"]*"(?: id="id_([\w-]+)_error")?>(.*?)</ul>', html, re.S
    ):
        for message in re.findall(r"<li>(.*?)</li>", body, re.S):
            found.setdefault(name, []).append(unescape(message))
    return found


# The public site, crawled ----------------------------------------------------------------------


def public_urls():
    urls = ["/", "/editions/", "/speakers/", "/sitemap.xml", "/robots.txt"]
    for edition in Edition.objects.published():
        base = f"/{edition.year}/"
        urls += [base, f"{base}agenda/", f"{base}speakers/", f"{base}side-events/", f"{base}schedule.json"]
        urls += [f"{base}agenda.ics"]
    sessions = Session.objects.public()
    urls += [session.get_absolute_url() for session in sessions]
    urls += [f"/{s.edition.year}/sessions/{s.slug}.ics" for s in sessions if s.date]
    urls += [f"/{s.edition.year}/schedule.xml" for s in sessions if s.date]
    people = Person.objects.with_public_appearances()
    urls += [person.get_absolute_url() for person in people]
    urls += [f"/speakers/{person.slug}.ics" for person in people]
    return urls


def broken_pages(client):
    client.raise_request_exception = False
    statuses = {url: client.get(url).status_code for url in public_urls()}
    return {url: status for url, status in statuses.items() if status != 200}


# Each content model through its add form ----------------------------------------------------


ADD_FORMS = {
    "edition": ("/admin/conferences/edition/add/", lambda ed: edition_form(), Edition),
    "session": (
        "/admin/conferences/session/add/",
        lambda ed: session_form(edition=ed.pk, title="A minimal session"),
        Session,
    ),
    "venue": (
        "/admin/conferences/venue/add/",
        lambda ed: {"name": "Hofburg", "slug": "hofburg", "city": "Vienna"},
        Venue,
    ),
    "person": (
        "/admin/speakers/person/add/",
        lambda ed: {"name": "Radim Žák", "slug": "radim-zak", **management("participations")},
        Person,
    ),
    "organisation": (
        "/admin/speakers/organisation/add/",
        lambda ed: {"name": "UNHCR", "slug": "unhcr"},
        Organisation,
    ),
    "participation": (
        "/admin/conferences/participation/add/",
        lambda ed: {
            "person": make_person("Jane Newcomer").pk,
            "session": ed.sessions.get().pk,
            "role": "speaker",
        },
        Participation,
    ),
    "quote": (
        "/admin/conferences/quote/add/",
        lambda ed: {
            "edition": ed.pk,
            "person": make_person("Jane Quoted").pk,
            "number": "1",
            "text": "Words.",
        },
        Quote,
    ),
}


@pytest.mark.parametrize("model", ADD_FORMS)
def test_adding_each_model_through_its_admin_form_leaves_every_public_page_working(editor, edition, model):
    url, data, model_class = ADD_FORMS[model]
    before = model_class.objects.count()
    post(editor, url, data(edition))
    assert model_class.objects.count() == before + 1
    assert broken_pages(editor) == {}


def test_participation_added_without_order_or_edition_goes_last_in_the_sessions_edition(editor, edition):
    session = edition.sessions.get()
    post(
        editor,
        "/admin/conferences/participation/add/",
        {"person": make_person("Jane Newcomer").pk, "session": session.pk, "role": "speaker", "order": ""},
    )
    newcomer = Participation.objects.get(person__name="Jane Newcomer")
    assert (newcomer.edition, newcomer.order) == (edition, 2)


# Each inline, with minimal input ------------------------------------------------------------


def edition_inline(prefix, row):
    def data(ed):
        return {**edition_form(ed), **rows(prefix, row(ed))}

    return data


INLINES = {
    "session on the edition page": (
        "edition",
        edition_inline(
            "sessions", lambda ed: {"title": "Migration Futures Dinner", "format": "dinner", "order": "0"}
        ),
        Session,
    ),
    "person on the edition page": (
        "edition",
        edition_inline(
            "participations",
            lambda ed: {"person": make_person("Mistress Ofceremonies").pk, "role": "master_of_ceremonies"},
        ),
        Participation,
    ),
    "partner on the edition page": (
        "edition",
        edition_inline(
            "partners", lambda ed: {"organisation": make_organisation().pk, "role": "supporter", "order": "0"}
        ),
        EditionPartner,
    ),
    "team member on the edition page": (
        "edition",
        edition_inline("team", lambda ed: {"person": make_person("Team Player").pk, "order": "0"}),
        TeamMember,
    ),
    "person on the session page": (
        "session",
        lambda ed: {
            **session_form(ed.sessions.get()),
            **rows("participations", {"person": make_person("New Panellist").pk, "role": "panellist"}),
        },
        Participation,
    ),
    "quote on the session page": (
        "session",
        lambda ed: {
            **session_form(ed.sessions.get()),
            **rows("quotes", {"person": make_person("Quoted Person").pk, "number": "1", "text": "Said."}),
        },
        Quote,
    ),
    "appearance on the person page": (
        "person",
        lambda ed: {
            **person_form(Person.objects.get(name="Ivan Krastev")),
            **rows(
                "participations", {"edition": ed.pk, "session": ed.sessions.get().pk, "role": "moderator"}
            ),
        },
        Participation,
    ),
}


def change_url(kind, edition):
    obj = {
        "edition": edition,
        "session": edition.sessions.first(),
        "person": Person.objects.filter(name="Ivan Krastev").first(),
    }[kind]
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


@pytest.mark.parametrize("inline", INLINES)
def test_adding_through_each_inline_leaves_every_public_page_working(editor, edition, inline):
    kind, data, model_class = INLINES[inline]
    before = model_class.objects.count()
    post(editor, change_url(kind, edition), data(edition))
    assert model_class.objects.count() == before + 1
    assert broken_pages(editor) == {}


def test_sessions_added_on_the_edition_page_without_a_slug_get_one_and_every_page_answers(editor, edition):
    make_session(edition, "Migration Futures Dinner", format="dinner", is_side_event=True)
    dinner = {"title": "Migration Futures Dinner", "format": "dinner", "order": "0", "is_side_event": "on"}
    post(
        editor, change_url("edition", edition), {**edition_form(edition), **rows("sessions", dinner, dinner)}
    )
    slugs = sorted(edition.sessions.filter(title="Migration Futures Dinner").values_list("slug", flat=True))
    assert slugs == ["migration-futures-dinner", "migration-futures-dinner-2", "migration-futures-dinner-3"]
    assert broken_pages(editor) == {}
    assert editor.get("/2030/sessions/migration-futures-dinner-3/").status_code == 200


def test_sessions_added_with_a_new_edition_get_distinct_slugs(editor):
    row = {"title": "Conference opening", "format": "opening", "order": "0", "date": "2031-10-20"}
    post(editor, "/admin/conferences/edition/add/", {**edition_form(), **rows("sessions", row, row)})
    slugs = sorted(Session.objects.filter(edition__year=2031).values_list("slug", flat=True))
    assert slugs == ["conference-opening", "conference-opening-2"]
    assert broken_pages(editor) == {}


def test_session_added_on_its_own_page_without_a_slug_gets_one_unique_in_its_edition(editor, edition):
    post(
        editor,
        "/admin/conferences/session/add/",
        session_form(edition=edition.pk, title="Opening of the conference", slug=""),
    )
    assert sorted(edition.sessions.values_list("slug", flat=True)) == [
        "opening-of-the-conference",
        "opening-of-the-conference-2",
    ]


def test_add_edition_refuses_an_inline_session_outside_its_days_next_to_the_date(editor):
    late = {"title": "Too late", "format": "panel_discussion", "order": "0", "date": "2031-12-20"}
    response = editor.post("/admin/conferences/edition/add/", {**edition_form(), **rows("sessions", late)})
    assert response.status_code == 200
    assert errors_on(response)["sessions-0-date"] == [
        "20 December 2031 is outside the edition's days (20 October to 21 October 2031); "
        "only side events may fall outside them."
    ]
    assert not Edition.objects.filter(year=2031).exists()


def test_moving_a_session_to_another_edition_takes_its_people_and_quotes_along(editor, edition):
    other = make_edition(2031)
    session = edition.sessions.get()
    post(editor, change_url("session", edition), session_form(session, edition=other.pk, date="2031-10-20"))
    assert set(Participation.objects.filter(session=session).values_list("edition__year", flat=True)) == {
        2031
    }
    assert set(Quote.objects.filter(session=session).values_list("edition__year", flat=True)) == {2031}
    assert broken_pages(editor) == {}


def test_moving_a_session_whose_quote_collides_in_the_other_edition_is_refused_visibly(editor, edition):
    other = make_edition(2031)
    make_quote(make_session(other, "Elsewhere"), Person.objects.get(name="Ivan Krastev"), number=1)
    session = edition.sessions.get()
    quote = session.quotes.get()
    data = session_form(session, edition=other.pk, date="2031-10-20")
    data.update(
        {
            "quotes-TOTAL_FORMS": "1",
            "quotes-INITIAL_FORMS": "1",
            "quotes-0-id": quote.pk,
            "quotes-0-session": session.pk,
            "quotes-0-person": quote.person_id,
            "quotes-0-number": "1",
            "quotes-0-text": quote.text,
        }
    )
    response = editor.post(change_url("session", edition), data)
    assert response.status_code == 200
    assert errors_on(response)["quotes-0-number"] == [
        "Ivan Krastev already has a quote number 1 at the 2031 edition; give this one the next number."
    ]
    session.refresh_from_db()
    assert session.edition == edition


def test_an_error_on_a_field_the_row_does_not_show_becomes_the_rows_error(edition):
    """A row that shows neither session nor edition: the model's complaint about them is shown on
    the row, named, instead of being swallowed behind "Please correct the errors below"."""
    row_form = modelform_factory(Participation, form=ParticipationForm, fields=["person", "role"])
    elsewhere = make_session(make_edition(2031), "Elsewhere")
    form = row_form(
        data={"person": make_person("Someone").pk, "role": "speaker"},
        instance=Participation(edition=edition, session=elsewhere),
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Session: This session belongs to another edition."]


def test_two_new_rows_for_the_same_person_and_role_are_refused_not_a_server_error(editor, edition):
    person = make_person("Twice Listed").pk
    row = {"person": person, "role": "master_of_ceremonies"}
    response = editor.post(
        change_url("edition", edition), {**edition_form(edition), **rows("participations", row, row)}
    )
    assert response.status_code == 200
    assert errors_on(response)["participations-1-person"] == [
        "Twice Listed is already listed as master of ceremonies for the edition as a whole."
    ]


def test_sessions_added_without_an_order_go_after_the_others(editor, edition):
    make_session(edition, "Closing", order=7)
    first = {"title": "Side meetings", "format": "side_meeting"}
    second = {"title": "Film screening", "format": "film_screening"}
    post(editor, change_url("edition", edition), {**edition_form(edition), **rows("sessions", first, second)})
    orders = dict(edition.sessions.values_list("title", "order"))
    assert (orders["Side meetings"], orders["Film screening"]) == (8, 9)
    page = editor.get("/admin/conferences/session/add/").content.decode()
    assert 'name="order"' in page and 'name="order" value="0"' not in page
