"""Moving between editions: previous, next and a year switcher in the edition bar, each keeping
the section being read; drafts are never offered; the first and last edition have no
previous/next."""

import datetime
import re

import pytest

from conferences.public.edition_nav import edition_nav

from .factories import make_edition, make_session, make_user
from .html import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    made = {}
    for year in (2017, 2021, 2024):
        made[year] = make_edition(year, start_date=datetime.date(year, 10, 22))
        make_session(made[year], "Opening", format="opening")
    made[2022] = make_edition(2022, status="draft")
    make_session(made[2022], "Opening", format="opening")
    return made


def switcher(response):
    """(previous link, [year links], next link) of the edition bar, as hrefs."""
    html = response.content.decode()
    bar = html.split('<nav class="edition-switch"', 1)[1].split("</nav>", 1)[0]
    previous = re.search(r'<a class="edition-switch__step" href="([^"]+)"><span aria-hidden="true">‹', bar)
    following = re.search(
        r'<a class="edition-switch__step" href="([^"]+)"><span class="visually-hidden">Next', bar
    )
    years = re.findall(r'<li><a href="([^"]+)"', bar)
    return (previous and previous.group(1), years, following and following.group(1))


@pytest.mark.parametrize(
    "page, section_url",
    [
        ("/2021/", "/{}/"),
        ("/2021/agenda/", "/{}/agenda/"),
        ("/2021/speakers/", "/{}/speakers/"),
        ("/2021/side-events/", "/{}/side-events/"),
        ("/2021/sessions/opening/", "/{}/agenda/"),  # a session page leads to the other agendas
    ],
)
def test_previous_next_and_switcher_keep_the_section(client, editions, page, section_url):
    previous, years, following = switcher(client.get(page))
    assert previous == section_url.format(2017)
    assert following == section_url.format(2024)  # 2022 is a draft: skipped
    assert years == [section_url.format(year) for year in (2017, 2021, 2024)]


def test_drafts_are_never_offered(client, editions):
    html = client.get("/2024/agenda/").content.decode()
    assert "/2022/" not in html


def test_the_first_edition_has_no_previous_and_the_last_no_next(client, editions):
    previous, years, following = switcher(client.get("/2017/agenda/"))
    assert previous is None and following == "/2021/agenda/"
    previous, years, following = switcher(client.get("/2024/agenda/"))
    assert previous == "/2021/agenda/" and following is None
    assert "‹ Previous edition: 2021 Year: all editions" in visible_text(client.get("/2024/agenda/"))


def test_the_current_year_is_marked_in_the_switcher(client, editions):
    html = client.get("/2021/speakers/").content.decode()
    assert '<a href="/2021/speakers/" aria-current="true">2021</a>' in html


def test_a_lone_edition_shows_no_switcher(client):
    make_edition(2030)
    assert 'class="edition-switch"' not in client.get("/2030/").content.decode()


def test_a_previewed_draft_sits_among_the_published_editions(client, editions):
    client.force_login(make_user("staff", staff=True))
    previous, years, following = switcher(client.get("/2022/agenda/"))
    assert previous == "/2021/agenda/" and following == "/2024/agenda/"
    assert "/2022/agenda/" not in years


def test_edition_nav_reads_one_query(django_assert_num_queries, editions):
    with django_assert_num_queries(1):
        nav = edition_nav(editions[2021], "speakers")
    assert (nav.previous.year, nav.next.year) == (2017, 2024)
    assert [link.year for link in nav.years if link.is_current] == [2021]


def test_an_unknown_section_leads_to_the_overviews(editions):
    nav = edition_nav(editions[2021], "nonsense")
    assert nav.next.url == "/2024/"
