"""Each role has one name, defined once in conferences/enums.py, on every page."""

import pytest

from conferences.enums import ROLE_PLURALS, Role
from conferences.public.programme import group_by_role

from .factories import make_edition, make_participation, make_person, make_session


def test_every_role_has_a_label_and_a_plural():
    assert set(ROLE_PLURALS) == set(Role)
    for role in Role:
        assert role.label and ROLE_PLURALS[role]


def test_heading_is_singular_for_one_person_and_plural_for_more():
    assert Role.heading(Role.MODERATOR, 1) == "Moderator"
    assert Role.heading(Role.MODERATOR, 2) == "Moderators"
    assert Role.heading(Role.INTERVIEWER, 1) == "Interviewer"
    assert Role.heading(Role.INTERVIEWER, 3) == "Interviewers"


def test_guests_are_not_on_stage_and_every_other_role_is():
    assert Role.GUEST not in Role.on_stage()
    assert set(Role.on_stage()) == set(Role) - {Role.GUEST}
    assert not Role.is_on_stage("guest")
    assert Role.is_on_stage("interviewer")


def test_unknown_value_has_no_label():
    assert Role.label_of("juggler") == ""
    assert Role.plural_of("juggler") == ""


@pytest.mark.django_db
def test_session_groups_use_the_one_vocabulary():
    edition = make_edition(2030)
    session = make_session(edition, "Armchair")
    a = make_participation(session, make_person("A Person"), role="interviewer", order=1)
    b = make_participation(session, make_person("B Person"), role="interviewer", order=2)
    c = make_participation(session, make_person("C Person"), role="keynote", order=0)
    groups = group_by_role([a, b, c])
    assert [(g.role, g.label) for g in groups] == [("keynote", "Keynote"), ("interviewer", "Interviewers")]


@pytest.mark.django_db
def test_an_interviewer_reads_the_same_on_the_agenda_the_session_and_the_speakers_page(client):
    edition = make_edition(2030)
    session = make_session(edition, "Armchair conversation on mobility")
    make_participation(session, make_person("Ida Interviewer"), role="interviewer")
    label = Role.label_of(Role.INTERVIEWER)
    for url in ["/2030/agenda/", session.get_absolute_url(), "/2030/speakers/"]:
        html = client.get(url).content.decode()
        assert label in html, url
        assert "In conversation with" not in html, url
