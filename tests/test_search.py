"""Site search: /search/?q= over the sessions, people and organisations of published editions."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command

from conferences.models import Edition, Session
from conferences.search.highlight import EXCERPT, excerpt, highlight
from conferences.search.index import rebuild_index
from conferences.search.models import SearchEntry
from conferences.search.search import MAX_RESULTS, parse
from vmc_project.text import fold

from .admin_forms import form_data
from .factories import make_edition, make_organisation, make_participation, make_person, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """Two published editions and a draft, indexed."""
    old = make_edition(2017, start_date=datetime.date(2017, 10, 16))
    new = make_edition(2024, start_date=datetime.date(2024, 10, 22))
    draft = make_edition(2099, status="draft")
    icmpd = make_organisation("International Centre for Migration Policy Development", acronym="ICMPD")
    opening = make_session(new, "Conference opening", summary="Words of welcome.")
    make_session(new, "Cafe society", order=9)
    make_participation(
        opening,
        make_person("Radim Žák"),
        role="speaker",
        position="Director-General, ICMPD",
        organisation=icmpd,
    )
    nooke = make_person("Günter Nooke")
    make_participation(opening, nooke, role="panellist", position="Commissioner for Africa")
    make_participation(
        make_session(old, "Africa and Europe", subtitle="A café conversation"),
        nooke,
        role="speaker",
        position="Personal Representative for Africa",
    )
    secret = make_session(draft, "Secret draft panel", summary="Not announced yet.")
    make_participation(
        secret,
        make_person("Dora Draftonly"),
        position="Minister of Drafts",
        organisation=make_organisation("Draft Ministry"),
    )
    rebuild_index()


def page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def titles(html):
    """The result titles as the visitor reads them, in page order."""
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'class="search-result__title"[^>]*>(.*?)</a>', html)
    ]


def headings(html):
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<h3 id="results-[^"]+">(.*?)</h3>', html)]


@pytest.mark.parametrize(
    "query, found",
    [
        ("zak", "Radim Žák"),
        ("Žák", "Radim Žák"),
        ("ŽÁK", "Radim Žák"),
        ("gunter", "Günter Nooke"),
        ("GUNTER", "Günter Nooke"),
        ("GÜNTER", "Günter Nooke"),
        ("gun", "Günter Nooke"),
        ("nooke günter", "Günter Nooke"),
        ("CAFÉ", "Africa and Europe"),  # "café" in a subtitle
        ("cafe", "Africa and Europe"),
        ("Café", "Cafe society"),  # an accented query finds the plain spelling too
    ],
)
def test_accents_and_capitals_do_not_matter_either_way(client, archive, query, found):
    assert found in titles(page(client, query))


def test_the_matched_words_are_marked_as_written(client, archive):
    html = main(page(client, "zak gunter"))
    assert titles(html) == []  # every word must match: nobody is both
    html = main(page(client, "gunter"))
    assert "<mark>Günter</mark> Nooke" in html
    assert "<mark>Žák</mark>" in main(page(client, "zak"))


def test_positions_held_are_found(client, archive):
    html = main(page(client, "Director-General"))
    assert titles(html) == ["Radim Žák"]
    assert "<mark>Director</mark>-<mark>General</mark>, ICMPD" in html


def test_organisations_are_found_in_a_group_of_their_own(client, archive):
    html = main(page(client, "icmpd"))
    assert headings(html) == ["Vienna Migration Conference 2024", "Organisations"]
    assert titles(html) == ["Radim Žák", "International Centre for Migration Policy Development"]
    assert 'href="/organisations/international-centre-for-migration-policy-development/"' in html
    assert "1 organisation" in html


def test_draft_content_is_never_found(client, archive):
    for query in ("secret", "draft", "dora", "announced", "minister", "2099"):
        html = main(page(client, query))
        assert "No results for" in html, query
        assert "Draft" not in titles(html)
    assert not SearchEntry.objects.filter(title__icontains="draft").exists()


def test_results_are_grouped_by_edition_newest_first(client, archive):
    html = main(page(client, "africa"))
    assert headings(html) == ["Vienna Migration Conference 2024", "Vienna Migration Conference 2017"]
    assert titles(html) == ["Günter Nooke", "Africa and Europe", "Günter Nooke"]
    assert "3 results for “africa”" in html
    # The person under each edition with the position held then.
    assert "Commissioner for <mark>Africa</mark>" in html
    assert "Personal Representative for <mark>Africa</mark>" in html
    assert '<a href="#results-2024">2024</a> (1)' in html


def test_a_title_with_markup_is_shown_escaped_and_marked_outside_the_tags(client, archive):
    make_session(Edition.objects.get(year=2024), "<script>alert(1)</script> & more", slug="script")
    rebuild_index()
    html = main(page(client, "script"))
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp; more" in html


def test_highlight_never_marks_inside_markup():
    assert highlight('<b class="mark">Mark</b>', ["mark"]) == (
        "&lt;b class=&quot;<mark>mark</mark>&quot;&gt;<mark>Mark</mark>&lt;/b&gt;"
    )
    assert highlight("Straße Łódź Øresund", ["strasse", "lodz", "ore"]) == (
        "<mark>Straße</mark> <mark>Łódź</mark> <mark>Øresund</mark>"
    )
    assert fold("Ǆemal ÉCOLE") == "dzemal ecole"


@pytest.mark.parametrize(
    "query, message",
    [
        ('"', "Please type a word or a name"),
        ("*", "Please type a word or a name"),
        (")", "Please type a word or a name"),
        ("\x00", "Type a session title"),
        ("x" * 10_000, "Please use at most 200 characters"),
        ("a" * 201, "Please use at most 200 characters"),
        ('"migration', None),
        ("migr*", None),
        ("NEAR(migration africa)", None),
        ("africa OR 1=1; DROP TABLE search_searchentry; --", None),
        ("' OR ''='", None),
        ("%00", None),
        ("migration\x00africa", None),
        ("a:* & !b | c <-> d", None),
        ("{col}: migration ^ africa", None),
        (" ".join(f"word{n}" for n in range(30)), "Only the first 10 words were searched for."),
    ],
)
def test_hostile_queries_get_a_friendly_page(client, archive, query, message):
    html = page(client, query)
    assert "<h1>Search</h1>" in html
    if message:
        assert message in html
    else:
        assert "result" in main(html)
    assert SearchEntry.objects.count() > 0


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=%00", "q=%FF%FE", "q=%F0%9F%98%80gun", "q=a&q=gunter"])
def test_undecodable_query_strings_get_a_friendly_page(client, archive, raw):
    response = client.get("/search/", QUERY_STRING=raw)
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()


def test_an_empty_query_shows_the_hint_and_no_results(client, archive):
    for path in ("/search/", "/search/?q=", "/search/?q=+++"):
        html = main(client.get(path).content.decode())
        assert "Type a session title, a person's name" in html
        assert "search-result" not in html
        assert "No results" not in html


def test_no_results_says_so_with_suggestions(client, archive):
    html = main(page(client, "quetzalcoatl"))
    assert "No results for “quetzalcoatl”" in html
    assert 'value="quetzalcoatl"' in html  # the query stays in the box
    assert "every word must match" in html


def test_long_queries_are_refused_not_cut(client):
    assert parse("a" * 200).terms == ["a" * 200]
    assert parse("a" * 201).terms == []


def test_the_header_box_sends_a_search_and_the_search_page_keeps_the_query(client, archive):
    home = client.get("/2024/").content.decode()
    assert '<form class="site-search" role="search" action="/search/" method="get">' in home
    assert 'name="q"' in home
    html = page(client, "gunter")
    assert 'value="gunter"' in html
    assert html.count('role="search"') == 1  # the page's own box replaces the header's


@pytest.mark.parametrize("size", [1, 3])
def test_a_search_reads_one_query(client, django_assert_num_queries, size):
    edition = make_edition(2030)
    for n in range(size):
        session = make_session(edition, f"Resilience panel {n}")
        make_participation(session, make_person(f"Resilient Person {n}"), position="Resilience adviser")
    rebuild_index()
    with django_assert_num_queries(1):
        html = page(client, "resilien")
    assert len(titles(html)) == 2 * size


def test_results_are_capped(client):
    edition = make_edition(2030)
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind="session",
            year=2030,
            group=edition.title,
            url="/",
            title=f"Panel {n}",
            folded=" panel ",
            rank=n,
        )
        for n in range(MAX_RESULTS + 5)
    )
    html = main(page(client, "panel"))
    assert f"The first {MAX_RESULTS} results" in html
    assert len(titles(html)) == MAX_RESULTS


def test_the_index_follows_an_admin_edit_and_a_delete(
    client, editor_client, archive, django_capture_on_commit_callbacks
):
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    url = f"/admin/conferences/session/{session.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, form_data(editor_client.get(url), "session_form", title="Welcome to Vienna")
        )
    assert response.status_code == 302
    assert titles(page(client, "welcome vienna")) == ["Welcome to Vienna"]
    assert titles(page(client, "conference opening")) == []
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/conferences/session/{session.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert titles(page(client, "welcome")) == []


def test_the_index_follows_a_bulk_update_that_sends_no_signal(
    client, archive, django_capture_on_commit_callbacks
):
    assert "Africa and Europe" in titles(page(client, "africa"))
    with django_capture_on_commit_callbacks(execute=True):
        Edition.objects.filter(year=2017).update(status="draft")
    assert "Africa and Europe" not in titles(page(client, "africa"))
    with django_capture_on_commit_callbacks(execute=True):
        Edition.objects.filter(year=2099).update(status="published")
    assert titles(page(client, "secret")) == ["Secret draft panel"]


def test_search_pages_are_never_kept_in_the_page_cache(client, archive):
    first = client.get("/search/", {"q": "gunter"})
    second = client.get("/search/", {"q": "gunter"})
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert client.get("/2024/")["X-Page-Cache"] == "miss"  # other pages still are


def test_the_documented_editions_are_searchable(client, all_editions):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().startswith("Search index rebuilt:")
    assert "Radim Žák" in titles(page(client, "zak"))
    assert titles(page(client, "gunter")) == ["Günter Nooke"]
    assert "Director-General" in main(page(client, "Director General nigeria")).replace("<mark>", "").replace(
        "</mark>", ""
    )


def test_a_long_summary_shows_the_part_with_the_word_the_title_does_not():
    summary = "Opening words. " + "Filler text here. " * 30 + "Then came the dialogue on partnerships."
    shown = excerpt(summary, ["dialog", "opening"], title="Opening")
    assert "dialogue" in shown and shown.startswith("… ")
    assert len(shown) <= EXCERPT + 4
    assert excerpt(summary, ["opening"], title="").startswith("Opening words.")


@pytest.mark.django_db(transaction=True)
def test_loading_and_resetting_rebuild_the_index_when_they_commit(client, all_editions):
    """As in production: no explicit rebuild, the commit of the load does it."""
    assert titles(page(client, "gunter")) == ["Günter Nooke"]
    from conferences.content.site_setup import reset_content

    reset_content()
    assert SearchEntry.objects.count() == 0
    assert "No results for" in page(client, "gunter")


@pytest.mark.django_db(transaction=True)
def test_writes_outside_a_transaction_are_indexed_before_the_next_search(client):
    """Each save commits on its own (autocommit): the rebuild waits for the next search, never
    runs in the middle of the save's statement."""
    session = make_session(make_edition(2030), "Probe panel")
    make_participation(session, make_person("Probe Person"), position="Prober")
    assert titles(page(client, "probe")) == ["Probe panel", "Probe Person"]
    Session.objects.filter(pk=session.pk).update(title="Renamed panel")
    assert titles(page(client, "probe")) == ["Probe Person"]
    assert titles(page(client, "renamed")) == ["Renamed panel"]
