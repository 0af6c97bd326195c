"""What search engines and link previews read: canonical address, OpenGraph and Twitter meta on
every public page, schema.org Event JSON-LD on an edition's overview and on session pages,
/sitemap.xml and /robots.txt."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command

from conferences.enums import Role
from conferences.models import Participation
from conferences.public.organisation_pages import public_organisations
from speakers.models import Person

from .factories import (
    make_edition,
    make_organisation,
    make_participation,
    make_person,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(response):
    """Every JSON-LD block of the page, parsed."""
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def meta(response, key):
    """The content of <meta property|name=key>, or the href of <link rel=key>."""
    html = response.content.decode()
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html) or re.search(
        rf'<link rel="{re.escape(key)}" href="([^"]*)"', html
    )
    return found.group(1) if found else None


@pytest.fixture
def draft(db):
    call_command("load_edition", "fixtures/examples/draft-edition.json", stdout=StringIO())


def test_a_session_page_describes_the_session_as_an_event_with_its_performers_but_not_guests(
    client, all_editions
):
    (event,) = json_ld(client.get("/2024/sessions/migration-futures-dinner/"))
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["name"] == "Migration Futures Dinner"
    assert event["url"] == "http://testserver/2024/sessions/migration-futures-dinner/"
    assert event["startDate"] == "2024-10-21"  # a day, no time
    assert "endDate" not in event
    performers = {p["name"]: p for p in event["performer"]}
    assert set(performers) == {"Raphaela Schweiger", "Ivan Vejvoda", "Nicole de Moor"}
    guests = Participation.objects.filter(
        session__edition__year=2024, session__slug="migration-futures-dinner", role=Role.GUEST
    )
    assert guests.count() == 24 and not {g.person.name for g in guests} & set(performers)
    assert performers["Ivan Vejvoda"]["@type"] == "Person"
    assert performers["Ivan Vejvoda"]["url"] == "http://testserver/speakers/ivan-vejvoda/"
    assert performers["Ivan Vejvoda"]["jobTitle"].startswith("Permanent Fellow and Head of Europe's Futures")
    assert event["organizer"]["url"] == "https://www.icmpd.org"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["superEvent"]["url"] == "http://testserver/2024/"


def test_a_timed_session_has_start_and_end_with_the_vienna_offset_and_a_place(client, all_editions):
    (event,) = json_ld(client.get("/2024/sessions/conference-opening/"))
    assert (event["startDate"], event["endDate"]) == (
        "2024-10-22T09:30:00+02:00",
        "2024-10-22T09:50:00+02:00",
    )
    assert event["location"] == {
        "@type": "Place",
        "name": "Palais Niederösterreich",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Vienna",
            "streetAddress": "Herrengasse 13",
            "addressCountry": "AT",
        },
    }
    assert [p["jobTitle"] for p in event["performer"]] == [
        "Director General, ICMPD",
        "Head of Policy and VMC Lead, ICMPD",
    ]


def test_a_session_without_a_day_claims_no_date(client, all_editions):
    (event,) = json_ld(client.get("/2021/sessions/opening-sessions/"))
    assert "startDate" not in event and "endDate" not in event


def test_an_edition_overview_is_an_event_with_everyone_on_stage_but_no_guest(client, all_editions):
    (event,) = json_ld(client.get("/2024/"))
    assert event["name"] == "Vienna Migration Conference 2024"
    assert (event["startDate"], event["endDate"]) == ("2024-10-22", "2024-10-23")
    assert event["location"]["address"]["streetAddress"] == "Herrengasse 13"
    names = [p["name"] for p in event["performer"]]
    on_stage = set(
        Participation.objects.filter(edition__year=2024, role__in=Role.on_stage()).values_list(
            "person__name", flat=True
        )
    )
    only_guests = (
        set(
            Participation.objects.filter(edition__year=2024, role=Role.GUEST).values_list(
                "person__name", flat=True
            )
        )
        - on_stage
    )
    assert set(names) == on_stage and len(names) == len(on_stage)
    assert "Hugo Brady" in only_guests and not only_guests & set(names)
    (year_only,) = json_ld(client.get("/2020/"))
    assert "startDate" not in year_only and "location" not in year_only
    assert year_only["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_other_pages_have_no_event(client, all_editions):
    for path in ["/", "/2024/agenda/", "/speakers/ralph-genetzke/", "/editions/"]:
        assert json_ld(client.get(path)) == [], path


def test_a_hostile_title_cannot_break_out_of_the_json_ld(client):
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    edition = make_edition(2030, title=f"VMC {hostile}")
    session = make_session(edition, f"Panel {hostile}", slug="panel", start_time=datetime.time(10))
    make_participation(session, make_person("Ada Example"), position=f"Chief {hostile}")
    for path in ["/2030/", "/2030/sessions/panel/"]:
        response = client.get(path)
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        (event,) = json_ld(response)
        assert event["name"].endswith(hostile)
        assert event["performer"][0]["jobTitle"] == f"Chief {hostile}"
        # The page has no inline script but the one data block.
        assert len(re.findall(r"<script", html)) == 1


def test_the_content_security_policy_allows_no_inline_script(client, all_editions):
    """The JSON-LD is a data block: browsers run nothing in it, so the policy needs no
    'unsafe-inline' (tests/test_csp_browser.py opens these pages and sees no violation)."""
    response = client.get("/2024/sessions/conference-opening/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert json_ld(response)


@pytest.mark.parametrize(
    "path, title",
    [
        ("/2024/", "Vienna Migration Conference 2024"),
        ("/2024/agenda/", "Agenda · Vienna Migration Conference 2024"),
        ("/2024/sessions/conference-opening/", "Conference opening · Vienna Migration Conference 2024"),
        ("/speakers/ralph-genetzke/", "Ralph Genetzke"),
        ("/organisations/european-commission/", "European Commission"),
        ("/editions/", "All editions · Vienna Migration Conference"),
        ("/speakers/", "Speakers · Vienna Migration Conference"),
    ],
)
def test_every_public_page_names_its_canonical_address_and_a_preview_card(client, all_editions, path, title):
    response = client.get(path + "?utm_source=x")
    assert meta(response, "canonical") == f"http://testserver{path}"
    assert meta(response, "og:url") == f"http://testserver{path}"
    assert meta(response, "og:title") == meta(response, "twitter:title") == title
    assert meta(response, "og:description")
    assert meta(response, "og:site_name") == "Vienna Migration Conference"
    assert meta(response, "twitter:card") == "summary"


def test_the_not_found_page_names_no_canonical_address(client, all_editions):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert meta(response, "canonical") is None and json_ld(response) == []


def test_a_draft_preview_has_no_event_and_no_canonical_address(client, all_editions, draft):
    client.force_login(make_user("staff", staff=True))
    for path in ["/2099/", "/2099/sessions/conference-opening/", "/speakers/jane-example/"]:
        response = client.get(path)
        assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
        assert json_ld(response) == [] and meta(response, "canonical") is None, path
    assert meta(client.get("/2024/"), "canonical") == "http://testserver/2024/"


def test_the_sitemap_lists_published_pages_only(client, all_editions, draft):
    make_organisation("Nobody Represented This")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    site = "http://testserver"
    for path in [
        "/",
        "/editions/",
        "/speakers/",
        "/organisations/",
        "/2024/",
        "/2024/agenda/",
        "/2024/speakers/",
        "/2024/side-events/",
        "/2016/",
        "/2024/sessions/conference-opening/",
        "/2021/sessions/opening-sessions/",
        "/speakers/ralph-genetzke/",
        "/organisations/european-commission/",
    ]:
        assert site + path in locations, path
    assert site + "/2016/side-events/" not in locations  # 2016 has none
    assert not [loc for loc in locations if "2099" in loc or "jane-example" in loc]
    assert site + "/organisations/nobody-represented-this/" not in locations
    people = {loc for loc in locations if loc.startswith(site + "/speakers/") and loc != site + "/speakers/"}
    assert len(people) == Person.objects.with_public_appearances().count()
    organisations = {loc for loc in locations if "/organisations/" in loc and loc != site + "/organisations/"}
    assert len(organisations) == public_organisations().count()


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]
