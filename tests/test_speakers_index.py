"""/speakers/: everyone by family name under A–Z letters, with the most recent position (its
organisation linked) and the editions; `?edition=` keeps one edition's people."""

import datetime

import pytest

from .factories import make_edition, make_organisation, make_participation, make_person, make_session
from .html import parse, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    icmpd = make_organisation()
    old = make_edition(2017, start_date=datetime.date(2017, 10, 23))
    new = make_edition(2024, start_date=datetime.date(2024, 10, 22))
    draft = make_edition(2025, status="draft", start_date=datetime.date(2025, 10, 21))
    star = make_person("Michael Spindelegger")
    make_participation(make_session(old, "Panel"), star, position="Minister", role="moderator")
    make_participation(
        make_session(new, "Opening"), star, position="Director General, ICMPD", organisation=icmpd
    )
    make_participation(make_session(old, "Second panel"), make_person("Günter Nooke"), position="Envoy")
    make_participation(make_session(new, "Dinner"), make_person("Radim Žák"), role="guest")
    make_participation(make_session(draft, "Future"), make_person("Anna Draft"))
    return icmpd


def test_letters_only_for_the_family_names_present_and_each_an_anchor(client, archive):
    page = parse(client.get("/speakers/"))
    letter_links = [href for href in page.links if href and href.startswith("#letter-")]
    assert letter_links == ["#letter-n", "#letter-s", "#letter-z"]
    html = client.get("/speakers/").content.decode()
    for anchor in letter_links:
        assert f'id="{anchor[1:]}"' in html


def test_each_person_with_the_latest_position_linked_and_the_editions(client, archive):
    response = client.get("/speakers/")
    text = visible_text(response)
    assert "Michael Spindelegger Director General, ICMPD (2024) Editions: 2024 , 2017" in text
    assert "Günter Nooke Envoy (2017) Edition: 2017" in text
    assert f'<a href="{archive.get_absolute_url()}">Director General, ICMPD</a>' in response.content.decode()
    assert "Minister" not in text
    assert "Anna Draft" not in text


def test_the_edition_filter_keeps_that_editions_people(client, archive):
    text = visible_text(client.get("/speakers/?edition=2017"))
    assert "Günter Nooke" in text and "Michael Spindelegger" in text
    assert "Radim Žák" not in text
    assert "2 people at VMC 2017" in text


@pytest.mark.parametrize(
    "value", ["abc", "1999", "2025", "02024", "2024 ", "<script>x</script>", "٢٠٢٤", "9" * 500, "%00"]
)
def test_an_unknown_edition_is_ignored_with_a_note(client, archive, value):
    response = client.get("/speakers/", {"edition": value})
    assert response.status_code == 200
    text = visible_text(response)
    assert "There is no published edition" in text and "so everyone is listed" in text
    assert "Günter Nooke" in text and "Radim Žák" in text
    assert "<script>x" not in response.content.decode()


def test_the_form_offers_the_published_editions_without_javascript(client, archive):
    html = client.get("/speakers/?edition=2024").content.decode()
    assert '<form class="filter-form" method="get" action="/speakers/">' in html
    assert '<option value="2024" selected>VMC 2024</option>' in html
    assert 'value="2025"' not in html


@pytest.mark.parametrize("size", [1, 3])
def test_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    for n in range(size):
        edition = make_edition(2000 + n, start_date=datetime.date(2000 + n, 10, 1))
        session = make_session(edition, "Panel")
        for m in range(size):
            make_participation(
                session, make_person(f"Person {n}-{m}"), position="Post", organisation=make_organisation()
            )
    with django_assert_num_queries(2):
        client.get("/speakers/")
    with django_assert_num_queries(2):
        client.get("/speakers/?edition=2000")
