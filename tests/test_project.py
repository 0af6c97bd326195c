"""Project-wide safety nets."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import get_resolver

from .html import parse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "conferences:home": {},
    "conferences:editions": {},
    "conferences:edition": {"year": 2024},
    "conferences:agenda": {"year": 2024},
    "conferences:session": {"year": 2024, "slug": "conference-opening"},
    "conferences:speakers": {"year": 2024},
    "conferences:side_events": {"year": 2024},
    "speakers:index": {},
    "speakers:person": {"slug": "ralph-genetzke"},
    "search:search": {},
}


def test_no_pending_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_every_public_html_page_is_listed_here():
    names = {
        f"{namespace}:{name}"
        for namespace, (_, resolver) in get_resolver().namespace_dict.items()
        if namespace in ("conferences", "speakers", "search")
        for name in resolver.reverse_dict
        if isinstance(name, str)
    }
    files = {
        "conferences:schedule_json",
        "conferences:schedule_xml",
        "conferences:agenda_ics",
        "conferences:session_ics",
        "speakers:person_ics",
    }
    assert names - files == set(PUBLIC_PAGES)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_has_exactly_one_h1_and_landmarks(client, all_editions, name):
    from django.urls import reverse

    response = client.get(reverse(name, kwargs=PUBLIC_PAGES[name]))
    assert response.status_code == 200
    page = parse(response)
    assert len(page.h1) == 1, page.h1
    html = response.content.decode()
    for landmark in ("<header", "<main", "<footer", "<nav", 'lang="en"'):
        assert landmark in html


@pytest.mark.parametrize("year", [2017, 2021, 2024])
def test_every_session_page_of_every_edition_renders(client, all_editions, year):
    from conferences.models import Session

    for session in Session.objects.filter(edition__year=year):
        page = parse(client.get(session.get_absolute_url()))
        assert page.h1[0].startswith(session.title)


def test_benchmark_prints_fixed_query_counts(all_editions):
    out = StringIO()
    call_command("bench_pages", repeat=1, scale=3, stdout=out)
    lines = [line.split() for line in out.getvalue().splitlines() if line.startswith("agenda ")]
    assert len(lines) == 2  # loaded data, then the scaled-up synthetic edition
    assert lines[0][1:3] == lines[1][1:3] == ["200", "4"]
