import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from conferences.models import Edition, Participation, Session
from conferences.public.programme import agenda_days, group_by_role
from speakers.models import Person

from .factories import make_edition, make_participation, make_person, make_session

pytestmark = pytest.mark.django_db


def test_edition_lists_its_days():
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 22), days=2)
    assert edition.days == [datetime.date(2030, 10, 22), datetime.date(2030, 10, 23)]
    assert str(edition) == "Vienna Migration Conference 2030"
    assert edition.get_absolute_url() == "/2030/"


def test_only_published_editions_are_public():
    make_edition(2030, status="published")
    make_edition(2031, status="draft")
    assert [e.year for e in Edition.objects.published()] == [2030]
    assert Edition.objects.latest_published().year == 2030


def test_edition_cannot_end_before_it_starts():
    edition = Edition(
        year=2030, title="x", start_date=datetime.date(2030, 10, 2), end_date=datetime.date(2030, 10, 1)
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(IntegrityError):
        edition.save()


def test_session_must_end_after_it_starts():
    edition = make_edition()
    session = Session(
        edition=edition,
        slug="s",
        title="S",
        format="panel_discussion",
        date=edition.start_date,
        start_time=datetime.time(10),
        end_time=datetime.time(9, 30),
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["end_time"] == ["The session must end after it starts."]


def test_session_outside_the_edition_days_must_be_a_side_event():
    edition = make_edition(start_date=datetime.date(2030, 10, 22))
    eve = datetime.date(2030, 10, 21)
    session = Session(edition=edition, slug="dinner", title="Dinner", format="dinner", date=eve)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "only side events may fall outside them" in error.value.message_dict["date"][0]
    session.is_side_event = True
    session.full_clean()


def test_session_slug_is_unique_per_edition_only():
    first, second = make_edition(2030), make_edition(2031)
    make_session(first, "Opening")
    make_session(second, "Opening")
    with pytest.raises(IntegrityError):
        make_session(first, "Opening")


def test_session_url_and_duration():
    edition = make_edition(2030)
    session = make_session(
        edition, "Closing discussion", start_time=datetime.time(12, 50), end_time=datetime.time(13, 30)
    )
    assert session.get_absolute_url() == "/2030/sessions/closing-discussion/"
    assert session.duration == datetime.timedelta(minutes=40)


def test_one_person_keeps_different_positions_per_edition():
    person = make_person("Ralph Genetzke")
    old = make_session(make_edition(2017), "Sustainable Partnerships")
    new = make_session(make_edition(2024), "Ten building blocks")
    make_participation(old, person, role="moderator", position="Head of Brussels Mission, ICMPD")
    make_participation(new, person, role="moderator", position="Director, Brussels Mission, ICMPD")
    positions = list(person.participations.order_by("edition__year").values_list("position", flat=True))
    assert positions == ["Head of Brussels Mission, ICMPD", "Director, Brussels Mission, ICMPD"]
    assert Person.objects.count() == 1


def test_participation_session_must_belong_to_its_edition():
    session = make_session(make_edition(2030))
    other = make_edition(2031)
    participation = Participation(edition=other, session=session, person=make_person(), role="speaker")
    with pytest.raises(ValidationError) as error:
        participation.full_clean()
    assert error.value.message_dict["session"] == ["This session belongs to another edition."]


def test_natural_keys_round_trip():
    session = make_session(make_edition(2030), "Opening", format="opening")
    participation = make_participation(session, make_person("Ana Sofia Walsh"), role="speaker")
    assert Session.objects.get_by_natural_key(*session.natural_key()) == session
    assert participation.natural_key() == (2030, "opening", "ana-sofia-walsh", "speaker")
    assert Participation.objects.get_by_natural_key(*participation.natural_key()) == participation
    unattached = make_participation(
        None, make_person("Karl Nehammer"), role="speaker", edition=session.edition
    )
    assert unattached.natural_key() == (2030, "", "karl-nehammer", "speaker")
    assert Participation.objects.get_by_natural_key(*unattached.natural_key()) == unattached


def test_agenda_groups_days_eve_and_unknown_day():
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 22))
    eve = make_session(
        edition, "Dinner", date=datetime.date(2030, 10, 21), is_side_event=True, format="dinner"
    )
    day2 = make_session(edition, "Closing", date=datetime.date(2030, 10, 23))
    day1 = make_session(edition, "Opening", start_time=datetime.time(9, 30))
    undated = make_session(edition, "Side meetings", date=None, is_side_event=True)
    days = agenda_days(edition, Session.objects.filter(edition=edition))
    assert [(d.date, d.number, [s.title for s in d.sessions]) for d in days] == [
        (eve.date, None, ["Dinner"]),
        (day1.date, 1, ["Opening"]),
        (day2.date, 2, ["Closing"]),
        (None, None, ["Side meetings"]),
    ]
    assert undated.date is None


def test_people_are_grouped_by_role_in_stage_order():
    session = make_session(make_edition())
    moderator = make_participation(session, make_person("Moderator"), role="moderator", order=1)
    first = make_participation(session, make_person("First"), role="panellist", order=2)
    second = make_participation(session, make_person("Second"), role="panellist", order=3)
    groups = group_by_role([moderator, first, second])
    assert [(g.label, [p.person.name for p in g.people]) for g in groups] == [
        ("Panellists", ["First", "Second"]),
        ("Moderator", ["Moderator"]),
    ]
