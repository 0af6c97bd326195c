"""Organisations over the years: the index, an organisation's page, and the positions that
link to it; and the fixtures link every position that names an organisation."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.template import Context, Template

from conferences.models import EditionPartner
from conferences.public.organisation_pages import public_organisations

from .factories import (
    make_edition,
    make_organisation,
    make_participation,
    make_person,
    make_session,
    make_user,
)
from .html import parse, visible_text

pytestmark = pytest.mark.django_db

EC = "/organisations/european-commission/"
DG_HOME = "/organisations/directorate-general-for-migration-and-home-affairs/"
MORDUE_2017 = (
    "Deputy Director-General, Directorate-General for Migration and Home Affairs, European Commission"
)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response)


def units_listed_under(html, name):
    """The links in the list of units that the index shows beneath `name`."""
    found = re.search(
        rf'<ul class="org-index__units" aria-label="Units of {re.escape(name)}">(.*?)</ul>', html, re.S
    )
    return re.findall(r'href="([^"]+)"', found.group(1)) if found else []


# The index -------------------------------------------------------------------------------------


def test_index_lists_dg_home_beneath_the_european_commission(client, all_editions):
    html = client.get("/organisations/").content.decode()

    assert units_listed_under(html, "European Commission") == [
        "/organisations/directorate-general-for-employment-social-affairs-and-inclusion/",
        DG_HOME,
        "/organisations/directorate-general-for-neighbourhood-and-enlargement-negotiations/",
    ]
    text = visible_text(client.get("/organisations/"))
    assert "European Commission (EC) 7 people, 2 editions" in text
    assert "Directorate-General for Migration and Home Affairs (DG HOME) 3 people, 2 editions" in text
    assert "City of Vienna Austria 1 person, 1 edition" in text
    assert "Austrian Academy of Sciences Austria 1 edition" in text  # a partner, no one on stage


def test_index_sorts_names_ignoring_accents_and_case(client):
    session = make_session(make_edition(2030))
    for name in ["Zeta Institute", "Élan Foundation", "emerald Council", "Österreich Haus", "Oak Trust"]:
        make_participation(session, organisation=make_organisation(name))

    links = [
        link
        for link in parse(client.get("/organisations/")).links
        if link.startswith("/organisations/") and link != "/organisations/"  # the menus' links
    ]

    assert links == [
        "/organisations/elan-foundation/",
        "/organisations/emerald-council/",
        "/organisations/oak-trust/",
        "/organisations/osterreich-haus/",
        "/organisations/zeta-institute/",
    ]


def test_index_opens_with_a_jump_list_when_long(client, all_editions):
    html = client.get("/organisations/").content.decode()
    jump = re.search(
        r'<nav class="az-nav" aria-label="Organisations by first letter">(.*?)</nav>', html, re.S
    )
    assert re.findall(r">(\w)</a>", jump.group(1))[:4] == ["A", "C", "D", "E"]
    assert '<h2 id="letter-e">E</h2>' in html


def test_index_leaves_out_organisations_seen_only_in_drafts(client):
    draft = make_edition(2031, status="draft")
    make_participation(make_session(draft), organisation=make_organisation("Draft Ministry"))
    make_participation(make_session(make_edition(2030)), organisation=make_organisation("Public Agency"))
    make_organisation("Never Seen Office")

    text = page(client, "/organisations/")

    assert "Public Agency" in text
    assert "Draft Ministry" not in text and "Never Seen Office" not in text
    assert "No organisation is recorded" not in text


def test_public_organisations_are_those_the_index_lists(client, all_editions):
    draft = make_edition(2031, status="draft")
    make_participation(make_session(draft), organisation=make_organisation("Draft Ministry"))
    listed = {
        link.split("/")[2]
        for link in parse(client.get("/organisations/")).links
        if link.startswith("/organisations/") and link != "/organisations/"
    }

    assert set(public_organisations().values_list("slug", flat=True)) == listed
    assert len(listed) == 59 and "draft-ministry" not in listed


def test_the_main_navigation_marks_the_organisations_pages(client, all_editions):
    for url in ["/organisations/", EC]:
        html = client.get(url).content.decode()
        assert '<a href="/organisations/" aria-current="page">Organisations</a>' in html


# One organisation ------------------------------------------------------------------------------


def test_the_commission_shows_its_dgs_people_with_the_positions_they_held_newest_first(client, all_editions):
    text = page(client, EC)

    assert parse(client.get(EC)).h1 == ["European Commission"]
    luchner = text.index("Johannes Luchner for Directorate-General for Migration and Home Affairs")
    mordue = text.index("Simon Mordue for Directorate-General for Migration and Home Affairs")
    assert (
        text.index("Vienna Migration Conference 2024")
        < luchner
        < text.index("Vienna Migration Conference 2017")
    )
    assert text.index("Vienna Migration Conference 2017") < mordue
    assert text[mordue:].startswith(
        f"Simon Mordue for Directorate-General for Migration and Home Affairs Then: {MORDUE_2017} "
        "Panellist Migration Partnerships and Operational Cooperation"
    )
    assert (
        f"Johannes Luchner for Directorate-General for Migration and Home Affairs Then: {MORDUE_2017} Speaker"
        in text
    )
    # The Commissioner represented the Commission itself; Mordue's 2024 EEAS position is not here.
    assert (
        "Dimitris Avramopoulos Then: Commissioner, Migration, Home Affairs and Citizenship, "
        "European Commission Keynote" in text
    )
    assert "Deputy Secretary General for Economic and Global Issues" not in text
    assert "Units Directorate-General for Employment, Social Affairs and Inclusion (DG EMPL)" in text


def test_a_directorate_general_names_its_parent_and_only_its_own_people(client, all_editions):
    text = page(client, DG_HOME)

    assert "Acronym DG HOME Part of European Commission" in text
    assert "Organisations › European Commission › Directorate-General for Migration and Home Affairs" in text
    assert EC in parse(client.get(DG_HOME)).links
    people = re.findall(r"(\w[\w-]* [\w-]+) Then:", text)
    assert people == ["Mari Juritsch", "Johannes Luchner", "Simon Mordue"]


def test_a_partner_page_says_what_it_supported_at_each_edition(client, all_editions):
    text = page(client, "/organisations/robert-bosch-stiftung/")

    partner = text[text.index("Partner and supporter") :]
    assert partner.index("Vienna Migration Conference 2024 Partner of a side event") < partner.index(
        "Vienna Migration Conference 2021 Partner of a side event"
    )
    assert "Partnered in organising the Migration Futures Dinner 2024." in partner
    assert "for their support in hosting this unique dinner event" in partner
    assert (
        "Raphaela Schweiger Then: Director of Migration, Immigration Society, and Global Issues "
        "at the Robert Bosch Stiftung" in text
    )


def test_a_partner_without_people_on_stage_has_a_page(client, all_editions):
    text = page(client, "/organisations/raiffeisen-bank/")
    assert "People at the conference" not in text
    assert "Vienna Migration Conference 2024 Supporter of the report" in text


def test_drafts_are_not_shown_on_an_organisation_page(client):
    agency = make_organisation("Public Agency")
    make_participation(
        make_session(make_edition(2030), "Public panel"), make_person("Ana Public"), organisation=agency
    )
    draft = make_edition(2031, status="draft")
    make_participation(make_session(draft, "Secret panel"), make_person("Ben Draft"), organisation=agency)
    EditionPartner.objects.create(edition=draft, organisation=agency, role="supporter", note="Draft thanks")

    response = client.get("/organisations/public-agency/")
    text = visible_text(response)

    assert "Ana Public" in text
    assert "Ben Draft" not in text and "Secret panel" not in text and "Draft thanks" not in text
    assert "Partner and supporter" not in text
    assert "Preview" not in text and "no-store" not in response.get("Cache-Control", "")


def test_staff_preview_an_organisation_seen_only_in_a_draft(client):
    draft = make_edition(2031, status="draft")
    make_participation(
        make_session(draft, "Secret panel"),
        make_person("Ben Draft"),
        organisation=make_organisation("Draft Ministry"),
    )
    assert client.get("/organisations/draft-ministry/").status_code == 404

    client.force_login(make_user())
    response = client.get("/organisations/draft-ministry/")

    assert "Ben Draft" in visible_text(response) and "Preview — not published" in visible_text(response)
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "url",
    ["/organisations/nowhere/", "/organisations/never-seen-office/", "/organisations/" + "x" * 500 + "/"],
)
def test_unknown_or_empty_organisations_answer_404(client, url):
    make_organisation("Never Seen Office")
    assert client.get(url).status_code == 404


# Query counts ----------------------------------------------------------------------------------


def build(size):
    """`size` editions; in each, `size` sessions with a speaker of the parent body and one of
    each of `size` units, and a partnership of the parent and of each unit."""
    parent = make_organisation("Parent Body")
    units = [make_organisation(f"Unit {n}", parent=parent) for n in range(size)]
    for year in range(2030, 2030 + size):
        edition = make_edition(year)
        for n in range(size):
            session = make_session(edition, f"Panel {n}")
            make_participation(session, make_person(f"Head {year}-{n}"), organisation=parent, position="Head")
            for unit in units:
                make_participation(session, make_person(f"Staff {year}-{n}-{unit.pk}"), organisation=unit)
        for body in [parent, *units]:
            EditionPartner.objects.create(edition=edition, organisation=body, role="supporter")


@pytest.mark.parametrize("size", [1, 3])
def test_organisation_index_queries(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        response = client.get("/organisations/")
    assert len(units_listed_under(response.content.decode(), "Parent Body")) == size


@pytest.mark.parametrize("size", [1, 3])
def test_organisation_page_queries(client, django_assert_num_queries, size):
    build(size)
    with django_assert_num_queries(3):
        response = client.get("/organisations/parent-body/")
    assert visible_text(response).count("Then: Head") == size * size


# Positions link their organisation -------------------------------------------------------------


def render_position(position, organisation):
    template = Template("{% load organisation_links %}{{ position|with_organisation_link:organisation }}")
    return template.render(Context({"position": position, "organisation": organisation}))


def test_a_position_links_its_organisation():
    dg = make_organisation("Directorate-General for Migration and Home Affairs", acronym="DG HOME")
    url = "/organisations/directorate-general-for-migration-and-home-affairs/"

    assert render_position("Return Coordinator, EC DG Home, European Commission", dg) == (
        f'<a href="{url}">Return Coordinator, EC DG Home, European Commission</a>'
    )
    assert (
        render_position("", dg) == f'<a href="{url}">Directorate-General for Migration and Home Affairs</a>'
    )
    assert render_position("Chair <b>", None) == "Chair &lt;b&gt;"
    hostile = make_organisation("<Evil & Co>")
    assert render_position("Head, <Evil & Co>", hostile) == (
        '<a href="/organisations/evil-co/">Head, &lt;Evil &amp; Co&gt;</a>'
    )


def test_session_and_person_pages_link_the_organisation(client, all_editions):
    session = client.get("/2024/sessions/conference-opening/").content.decode()
    assert '<a href="/organisations/icmpd/">Director General, ICMPD</a>' in session

    person = client.get("/speakers/simon-mordue/").content.decode()
    assert f'Then: <a href="{DG_HOME}">{MORDUE_2017}</a>' in person
    assert (
        '<a href="/organisations/european-external-action-service/">'
        "Deputy Secretary General for Economic and Global Issues, European External Action Service</a>"
        in person
    )

    reception = client.get("/2024/sessions/reception-hosted-by-the-city-of-vienna/").content.decode()
    assert (
        '<a href="/organisations/city-of-vienna/">'
        "Member of the City Council and Provincial Parliament of Vienna</a>" in reception
    )


def test_overview_and_home_link_the_organisation(client, all_editions):
    overview = client.get("/2021/").content.decode()
    assert (
        '<a href="/organisations/clingendael-institute/">General Director, Clingendael Institute</a>'
        in overview
    )
    home = client.get("/").content.decode()
    assert 'href="/organisations/' in home


# The fixtures: every position that names an organisation links it -----------------------------


def fixture_records():
    for path in sorted(Path("fixtures").glob("vmc*.json")):
        yield from ((path.name, record) for record in json.loads(path.read_text()))


def mentions(position, organisations):
    """The slugs of the organisations `position` names (name or acronym, whole words, any case),
    leaving out a mention inside a longer one ('Ministry of Justice' within 'Ministry of Justice
    and Public Security'), and a shared name ('Ministry of Interior') unless the country is given."""
    shared = Counter(org["name"].casefold() for org in organisations.values())
    spans = {}
    for slug, org in organisations.items():
        if shared[org["name"].casefold()] > 1 and org["country"] not in position:
            continue
        for words in (org["name"], org["acronym"]):
            found = words and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", position, re.IGNORECASE)
            if found:
                spans[slug] = found.span()
                break
    return {
        slug
        for slug, (start, end) in spans.items()
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e in spans.values())
    }


def test_every_position_that_names_an_organisation_links_it_or_its_unit():
    organisations = {
        r["fields"]["slug"]: r["fields"]
        for _, r in fixture_records()
        if r["model"] == "speakers.organisation"
    }
    parent = {slug: (org["parent"] or [None])[0] for slug, org in organisations.items()}
    wrong = []
    checked = 0
    for name, record in fixture_records():
        if record["model"] != "conferences.participation":
            continue
        fields = record["fields"]
        linked = fields["organisation"][0] if fields["organisation"] else None
        for slug in mentions(fields["position"], organisations):
            checked += 1
            if linked != slug and parent.get(linked) != slug:
                wrong.append((name, fields["person"][0], fields["position"], linked, slug))
    assert wrong == []
    assert checked > 80


def test_positions_naming_icmpd_all_point_to_the_one_icmpd_record():
    positions = [
        (r["fields"]["position"], r["fields"]["organisation"])
        for _, r in fixture_records()
        if r["model"] == "conferences.participation" and "ICMPD" in r["fields"]["position"]
    ]
    assert len(positions) > 20
    assert {tuple(organisation) for _, organisation in positions} == {("icmpd",)}


def test_every_organisation_record_is_the_same_in_every_file_that_carries_it():
    seen = {}
    for name, record in fixture_records():
        if record["model"] == "speakers.organisation":
            fields = record["fields"]
            assert seen.setdefault(fields["slug"], fields) == fields, (name, fields["slug"])
