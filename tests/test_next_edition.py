"""Next year's edition is prepared as a draft from this year's: the frame, not the content."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conferences.content.next_edition import NextEditionError, create_next_edition, next_year_start
from conferences.models import Edition, EditionPartner, Participation, Quote, Session, TeamMember

from .factories import make_edition, make_user
from .html import parse, visible_text

pytestmark = pytest.mark.django_db


def counts():
    return (
        Edition.objects.count(),
        Session.objects.count(),
        EditionPartner.objects.count(),
        TeamMember.objects.count(),
        Participation.objects.count(),
        Quote.objects.count(),
    )


@pytest.fixture
def vmc2025(all_editions):
    return create_next_edition(Edition.objects.get(year=2024))


def test_next_edition_is_a_draft_one_year_later_on_the_same_weekdays(vmc2025):
    vmc2025.refresh_from_db()
    assert vmc2025.year == 2025
    assert vmc2025.status == "draft"
    assert vmc2025.title == "Vienna Migration Conference 2025"
    # 2024 ran Tuesday 22 to Wednesday 23 October: the nearest Tuesday to 22 October 2025
    # is the 21st (the 28th is six days further).
    assert (vmc2025.start_date, vmc2025.end_date) == (
        datetime.date(2025, 10, 21),
        datetime.date(2025, 10, 22),
    )
    assert [d.strftime("%A") for d in vmc2025.days] == ["Tuesday", "Wednesday"]
    assert vmc2025.ordinal == 10
    assert vmc2025.venue.name == "Palais Niederösterreich"
    assert vmc2025.format == "hybrid"


def test_next_edition_carries_none_of_the_old_editions_facts(vmc2025):
    vmc2025.refresh_from_db()
    assert vmc2025.theme == vmc2025.tagline == vmc2025.introduction == ""
    assert vmc2025.in_person_attendance == vmc2025.online_attendance == ""
    assert not Participation.objects.filter(edition=vmc2025).exists()
    assert not Quote.objects.filter(edition=vmc2025).exists()


def test_next_edition_keeps_the_day_structure_with_titles_to_be_announced(vmc2025):
    old = list(Session.objects.filter(edition__year=2024))
    new = list(Session.objects.filter(edition=vmc2025))
    assert len(new) == len(old) == 17
    assert sum(s.is_side_event for s in new) == sum(s.is_side_event for s in old) == 4
    for before, after in zip(old, new, strict=True):
        assert after.date == before.date + datetime.timedelta(days=364)
        assert (after.start_time, after.end_time, after.order) == (
            before.start_time,
            before.end_time,
            before.order,
        )
        assert (after.format, after.is_side_event, after.venue_id, after.room) == (
            before.format,
            before.is_side_event,
            before.venue_id,
            before.room,
        )
        assert after.title == f"{after.get_format_display()} — to be announced"
        assert after.subtitle == after.summary == after.video_url == ""
    dinner = new[0]
    assert (dinner.title, dinner.date, dinner.is_side_event) == (
        "Dinner — to be announced",
        datetime.date(2025, 10, 20),  # the eve, a Monday, as in 2024
        True,
    )
    slugs = [s.slug for s in new]
    assert all(slugs) and len(set(slugs)) == len(slugs)
    assert slugs[7:9] == ["panel-discussion-to-be-announced", "panel-discussion-to-be-announced-2"]


def test_next_edition_copies_partners_without_notes_and_the_team_with_responsibilities(vmc2025):
    partners = EditionPartner.objects.filter(edition=vmc2025).select_related("organisation")
    assert [(p.organisation.slug, p.role, p.note) for p in partners] == [
        ("raiffeisen-bank", "report_supporter", ""),
        ("robert-bosch-stiftung", "event_partner", ""),
        ("city-of-vienna", "host", ""),
    ]
    old_team = TeamMember.objects.filter(edition__year=2024)
    new_team = TeamMember.objects.filter(edition=vmc2025)
    assert [(m.person_id, m.responsibility, m.order) for m in new_team] == [
        (m.person_id, m.responsibility, m.order) for m in old_team
    ]
    assert new_team.get(person__slug="lukas-gehrke").responsibility == "Director"


def test_next_edition_leaves_the_old_edition_untouched(all_editions):
    old = Edition.objects.get(year=2024)
    sessions = [(s.slug, s.title, s.date) for s in old.sessions.all()]
    people = old.participations.count()
    create_next_edition(old)
    assert [(s.slug, s.title, s.date) for s in old.sessions.all()] == sessions
    assert old.participations.count() == people > 0
    assert old.partners.get(organisation__slug="city-of-vienna").note.startswith("Hosted the reception")


def test_staff_preview_the_next_edition_and_every_session_page_answers(client, vmc2025):
    client.force_login(make_user("staff", staff=True))
    agenda = parse(client.get("/2025/agenda/"))
    assert "Preview — not published" in agenda.visible
    assert "Keynote conversation — to be announced" in agenda.visible
    session_links = sorted({href for href in agenda.links if href.startswith("/2025/sessions/")})
    assert len(session_links) == 17
    for link in session_links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["X-Robots-Tag"] == "noindex"
    for url in ["/2025/", "/2025/speakers/", "/2025/side-events/", "/2025/schedule.json"]:
        assert client.get(url).status_code == 200, url


def test_the_public_does_not_see_the_next_edition(client, vmc2025):
    assert client.get("/2025/").status_code == 404
    assert "2025" not in visible_text(client.get("/editions/"))
    assert parse(client.get("/")).h1 == ["Vienna Migration Conference 2024"]


def test_next_edition_is_refused_when_the_year_exists_and_nothing_is_written(all_editions):
    make_edition(2025, status="draft", title="Already started")
    before = counts()
    with pytest.raises(NextEditionError, match=r"VMC 2025 already exists \(draft\); open it instead"):
        create_next_edition(Edition.objects.get(year=2024))
    assert counts() == before
    assert Edition.objects.get(year=2025).title == "Already started"


def test_next_edition_is_refused_for_an_unsaved_edition(db):
    unsaved = Edition(
        year=2040,
        title="Not saved",
        start_date=datetime.date(2040, 10, 16),
        end_date=datetime.date(2040, 10, 17),
    )
    with pytest.raises(NextEditionError, match="Save the edition first"):
        create_next_edition(unsaved)
    assert not Edition.objects.exists()


def test_next_edition_without_an_ordinal_leaves_it_empty(db):
    source = make_edition(2030, ordinal=None)
    assert create_next_edition(source).ordinal is None


def test_a_failure_half_way_writes_nothing(all_editions, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    before = counts()
    monkeypatch.setattr(TeamMember, "save", broken_save)
    with pytest.raises(RuntimeError):
        create_next_edition(Edition.objects.get(year=2024))
    assert counts() == before


@pytest.mark.parametrize(
    "start, expected",
    [
        (datetime.date(2024, 10, 22), datetime.date(2025, 10, 21)),  # Tue -> Tue, one day earlier
        (datetime.date(2023, 10, 24), datetime.date(2024, 10, 22)),  # leap year in between: two days
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 27)),  # Thu 29 Feb -> Thu nearest 28 Feb
        (datetime.date(2024, 1, 1), datetime.date(2025, 1, 6)),  # Mon 30 Dec 2024 would be the old year
    ],
)
def test_next_year_start_keeps_the_weekday_nearest_the_anniversary(start, expected):
    result = next_year_start(start, start.year + 1)
    assert result == expected
    assert result.weekday() == start.weekday()


def test_admin_action_prepares_the_next_edition_and_opens_it(client, all_editions):
    client.force_login(make_user("editor", staff=True, editor=True))
    source = Edition.objects.get(year=2024)
    response = client.post(
        "/admin/conferences/edition/",
        {"action": "prepare_next_edition", "_selected_action": [source.pk]},
        follow=True,
    )
    new = Edition.objects.get(year=2025)
    assert response.redirect_chain == [(f"/admin/conferences/edition/{new.pk}/change/", 302)]
    page = parse(response)
    assert (
        "Vienna Migration Conference 2025 (Tuesday 21 October 2025 to Wednesday 22 October 2025, draft) "
        "prepared from Vienna Migration Conference 2024: 17 sessions (4 side events)" in page.visible
    )
    assert "Preview on the site" in page.visible


def test_admin_action_refuses_when_the_next_year_exists(client, all_editions):
    client.force_login(make_user("editor", staff=True, editor=True))
    make_edition(2025, status="draft")
    before = counts()
    response = client.post(
        "/admin/conferences/edition/",
        {"action": "prepare_next_edition", "_selected_action": [Edition.objects.get(year=2024).pk]},
        follow=True,
    )
    assert "VMC 2025 already exists (draft); open it instead." in visible_text(response)
    assert counts() == before


def test_admin_action_needs_exactly_one_edition(client, all_editions):
    client.force_login(make_user("editor", staff=True, editor=True))
    before = counts()
    response = client.post(
        "/admin/conferences/edition/",
        {
            "action": "prepare_next_edition",
            "_selected_action": list(Edition.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert "Select exactly one edition to prepare the next year from." in visible_text(response)
    assert counts() == before


def test_command_creates_the_next_edition_and_says_what_it_made(all_editions):
    out = StringIO()
    call_command("create_next_edition", "2024", stdout=out)
    output = out.getvalue()
    assert (
        "Vienna Migration Conference 2025 (Tuesday 21 October 2025 to Wednesday 22 October 2025, draft)"
        in output
    )
    assert "17 sessions (4 side events) with titles to be announced, 3 partners, 15 team members" in output
    assert (
        "Mon 20 Oct  Dinner — to be announced (side event)  /2025/sessions/dinner-to-be-announced/" in output
    )
    assert Edition.objects.get(year=2025).status == "draft"


def test_command_refuses_an_existing_year_and_an_unknown_one(all_editions):
    call_command("create_next_edition", "2024", stdout=StringIO())
    before = counts()
    with pytest.raises(
        CommandError, match=r"VMC 2025 already exists \(draft\); open it instead. Nothing was written."
    ):
        call_command("create_next_edition", "2024", stdout=StringIO())
    with pytest.raises(CommandError, match="There is no edition 1999; nothing was written."):
        call_command("create_next_edition", "1999", stdout=StringIO())
    assert counts() == before
