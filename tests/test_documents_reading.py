"""The second reading of the documents (issue 11), category by category, as a visitor reads the
public pages. Line numbers refer to shared/seeds/ and are listed in fixtures/NOTES.md."""

import json
from pathlib import Path

import jsonschema
import pytest

from conferences.models import Edition, Participation

from .html import visible_text

pytestmark = pytest.mark.django_db

MED = (
    "/2024/sessions/in-conversation-on-migration-diplomacy-and-priorities-on-both-sides-of-the-mediterranean/"
)
DINNER = "/2024/sessions/migration-futures-dinner/"
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "specs" / "schedule-json.schema.json").read_text()
)
YEAR_ONLY = [2016, 2018, 2019, 2020, 2022, 2023]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response)


# 1. Credits exactly as stated ------------------------------------------------------------------


def test_2024_credits_only_what_the_report_says_each_body_supported(client, all_editions):
    text = page(client, "/2024/")
    assert "ORS" not in text  # an advertisement; the "made possible by" line names no one
    assert "Raiffeisen Bank Supporter of the report" in text
    assert "This publication has been made possible by the support of" in text
    assert "City of Vienna Host Hosted the reception on Day 1 of VMC2024." in text
    assert "Robert Bosch Stiftung Partner of a side event Partnered in organising" in text


def test_2017_and_2021_credits_quote_the_documents(client, all_editions):
    assert "“for their great support and for welcoming us in their marvellous premises”" in page(
        client, "/2017/"
    )
    assert "“ICMPD is most grateful to the Robert Bosch Stiftung for their support in hosting" in page(
        client, "/2021/"
    )


# 2. Positions exactly as printed, and complete -------------------------------------------------


def test_positions_are_the_printed_text_in_full(client, all_editions):
    dinner = page(client, DINNER)
    # The caption breaks off at "…Institutional Reform"; the full title is printed at l. 481.
    assert (
        "Nicole de Moor State Secretary for Asylum and Migration, added to the Minister of Home "
        "Affairs, Institutional Reform and Democratic Renewal, Belgium" in dinner
    )
    # Captions verbatim, not reshaped into "X, Y".
    assert (
        "Director of Migration, Immigration Society, and Global Issues at the Robert Bosch Stiftung" in dinner
    )
    assert "Ivan Vejvoda Permanent Fellow and Head of Europe's Futures programme at the Institute" in dinner
    assert "Nina Gregori EUAA Executive Director" in dinner
    assert "Mari Juritsch Return Coordinator, EC DG Home, European Commission" in dinner
    assert (
        "Michael Spindelegger Director General, International Centre for Migration Policy Development (ICMPD)"
        in page(client, "/2017/sessions/opening/")
    )
    assert (
        "Jennifer Tangney Senior Project Manager, Migration Partnership Facility, ICMPD Brussels Mission"
        in (page(client, "/2024/sessions/a-reality-check-on-labour-migration/"))
    )
    assert "Sedef Dearing Director, Migration Dialogues and Cooperation, ICMPD" in page(client, MED)


# 3. One organisation, one record, linked the same way ------------------------------------------


def test_a_directorate_general_is_one_record_within_the_commission(all_editions):
    def organisation(year, person):
        return Participation.objects.get(
            edition__year=year, person__slug=person, session__isnull=False
        ).organisation

    mordue_2017 = organisation(2017, "simon-mordue")
    assert mordue_2017 == organisation(2024, "johannes-luchner")
    assert mordue_2017.acronym == "DG HOME" and mordue_2017.parent.name == "European Commission"
    assert organisation(2017, "maciej-popowski").acronym == "DG NEAR"
    amedeo = Participation.objects.get(edition__year=2024, person__slug="michele-amedeo").organisation
    assert amedeo == organisation(2017, "maciej-popowski")
    assert organisation(2024, "bianka-debussche-valkovicova").parent.slug == "european-commission"


def test_national_bodies_carry_their_country(client, all_editions):
    salik = Participation.objects.get(edition__year=2024, person__slug="chaudhry-salik-hussain").organisation
    assert str(salik) == "Ministry of Overseas Pakistanis and Human Resource Development (Pakistan)"
    gehrke = Participation.objects.get(edition__year=2024, person__slug="carsten-schmitz-hoffmann")
    assert gehrke.organisation.country == "Germany"
    academy = Edition.objects.get(year=2017).partners.get(organisation__slug="austrian-academy-of-sciences")
    assert academy.organisation.country == "Austria"


# 4. Nothing inferred presented as stated -------------------------------------------------------


def test_an_armchair_conversation_between_two_people_names_no_interviewer(client, all_editions):
    dinner = page(client, DINNER)
    assert "In conversation with" not in dinner
    assert "Speakers Ivan Vejvoda" in dinner
    assert "Opening remarks Raphaela Schweiger" in dinner and "Host " not in dinner
    labour = page(client, "/2024/sessions/labour-migration-pathways/")
    assert "In conversation with" not in labour
    assert "Speakers Chaudhry Salik Hussain" in labour and "Oleg Chirita" in labour


def test_counts_and_framings_the_documents_do_not_give_are_gone(client, all_editions):
    assert "four panel discussions" not in page(client, "/2021/")
    assert "One of the four" not in page(client, "/2021/sessions/crisis-management-at-the-external-border/")
    # The June 2026 horizon frames the session; it is not put in Luchner's mouth.
    luchner = page(client, "/2024/sessions/ten-building-blocks-for-the-pact/")
    assert "discussed implementing the Pact on Migration and Asylum by June 2026" not in luchner
    assert "Member States are pursuing an ambitious agenda" in luchner
    # Gehrke's pull quote sits in a panel's pages of the report, not in his introduction.
    assert "Europe needs global solutions" not in page(
        client, "/2017/sessions/introduction-to-the-second-conference-day/"
    )
    assert "Europe needs global solutions" in page(client, "/speakers/lukas-gehrke/")


# 5. Later documents complete earlier ones ------------------------------------------------------


def test_the_2024_report_confirms_what_2021_announced(client, all_editions):
    text = page(client, "/2021/")
    assert "took place at Palais Niederösterreich and online, livestreamed from Vienna" in text
    assert "The sixth Vienna Migration Conference" in text
    assert "the 2024 report confirms that the dinner has been held since 2021" in text
    dinner = page(client, "/2021/sessions/migration-futures-dinner/")
    assert "The first Migration Futures Dinner" in dinner
    assert "was to bring together" not in dinner


def test_what_an_edition_was_the_first_of(client, all_editions):
    assert "The first Vienna Migration Conference" in page(client, "/2016/")
    assert "“the hopefully successful next steps at the Vienna Migration Conference 2018”" in page(
        client, "/2018/"
    )


# 6. Complete where the documents are -----------------------------------------------------------


def test_named_segments_of_a_session_show_on_its_page(client, all_editions):
    text = page(client, MED)
    assert (
        "Segment Peace, prosperity, and security? Migration and the EU's foreign and security policy" in text
    )
    assert "Segment Egypt's outlook: The role of partnership in holistic migration system-building" in text
    assert text.index("Peace, prosperity") < text.index("Egypt's outlook")


def test_honorifics_as_the_documents_name_people(client, all_editions):
    text = page(client, "/2021/")
    assert "HE Najla El Mangoush" in text and "HE Amira El Fadil" in text
    assert "Ambassador Wael Badawi" in page(client, MED)
    # The honorific belongs to the appearance, not the name.
    assert "HE " not in page(client, "/speakers/najla-el-mangoush/").split("Appearances")[0]


def test_the_reports_authors_and_photographer_are_credited(client, all_editions):
    text = page(client, "/2024/")
    assert (
        "VMC2024 conference report Publication team Estrella Lajom, Adrián Román López, "
        "Justyna Segeš Frelak Copywriter/copyeditor Shane Markowitz Photos credits Nadine Studeny" in text
    )


def test_further_roles_of_a_speaker(client, all_editions):
    assert "chair of the Sofia-based Centre for Liberal Strategies" in page(
        client, "/2024/sessions/the-eus-reckoning/"
    )


# 7. Every edition the documents know of --------------------------------------------------------


def test_every_edition_since_2016_is_in_the_archive(client, all_editions):
    text = page(client, "/editions/")
    positions = [text.index(f"Vienna Migration Conference {year}") for year in range(2024, 2015, -1)]
    assert positions == sorted(positions)  # 2024 to 2016, newest first
    assert (
        "2016 · Ministry for Europe, Integration and Foreign Affairs and Hofburg Palace · In person" in text
    )
    assert "2019 · Aula of Sciences · In person" in text
    assert "2020 · Virtual" in text
    assert "2022 · Palais Niederösterreich · Hybrid" in text


@pytest.mark.parametrize("year", YEAR_ONLY)
def test_an_edition_known_by_year_venue_and_format_reads_well(client, all_editions, year):
    overview = page(client, f"/{year}/")
    assert f"Year {year}" in overview and "No document in this archive gives its dates" in overview
    assert "0 sessions" not in overview and "schedule.json" not in overview
    for section in ["agenda", "speakers", "side-events"]:
        text = page(client, f"/{year}/{section}/")
        assert "they give no programme, speakers or side events" in text, section
        assert "Time not given" not in text and "Day not given" not in text
        assert "has not been published yet" not in text
    schedule = client.get(f"/{year}/schedule.json").json()
    jsonschema.validate(schedule, SCHEMA)
    assert schedule["schedule"]["conference"]["days"] == []
    assert schedule["schedule"]["conference"]["start"] == str(year)


def test_2020_was_virtual_and_says_where_it_was_broadcast_from(client, all_editions):
    text = page(client, "/2020/")
    assert "Format Virtual" in text and "The fifth Vienna Migration Conference" in text
    assert "Online, broadcasted from BrainTrust studios, Vienna." in text


# 8. Scope --------------------------------------------------------------------------------------


def test_only_people_with_a_role_are_in_the_archive(client, all_editions):
    text = page(client, "/2024/speakers/")
    for audience in ["Pedro Gaspar", "Haykanush Chobanyan", "Victoria Rietig", "Michael Schnitzler"]:
        assert audience not in text
    for with_a_role in ["Omar Al-Rawi", "Georgios Iliopoulos", "Colleen Thouez"]:
        assert with_a_role in text
    assert "Shane Markowitz" not in text  # credited for the report, not on stage
    assert "Elene Kalandadze" in page(client, "/2024/")  # the organising team


# The new records load like the others, and are refused the same way ---------------------------


def test_a_unit_whose_parent_is_nowhere_is_refused_and_nothing_is_written(tmp_path):
    from django.core.management import CommandError

    from speakers.models import Organisation

    from .loadfiles import edition_2025, run, write

    records = edition_2025()
    unit = {"slug": "dg-x", "name": "DG X", "acronym": "", "country": "", "parent": ["nowhere"]}
    records.insert(0, {"model": "speakers.organisation", "fields": unit})
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, records))
    assert "record 1 (speakers.organisation), field 'parent'" in str(error.value)
    assert "no speakers.organisation with natural key ['nowhere']" in str(error.value)
    assert not Organisation.objects.exists() and not Edition.objects.exists()


def test_a_segment_of_another_edition_needs_that_edition_named(tmp_path, all_editions):
    from django.core.management import CommandError

    from conferences.models import SessionSegment

    from .loadfiles import edition_2025, run, write

    records = edition_2025()
    segment = {
        "session": [2024, "conference-opening"],
        "order": 1,
        "title": "Not in the report",
        "summary": "",
    }
    records.append({"model": "conferences.sessionsegment", "fields": segment})
    with pytest.raises(CommandError, match="belongs to edition 2024, which this file does not create"):
        run(write(tmp_path, records))
    assert not SessionSegment.objects.filter(title="Not in the report").exists()


def test_editors_edit_credits_and_segments_in_the_admin(editor_client, all_editions):
    credits = editor_client.get("/admin/conferences/editioncredit/")
    assert credits.status_code == 200 and "Nadine Studeny" in credits.content.decode()
    segments = editor_client.get("/admin/conferences/sessionsegment/")
    assert segments.status_code == 200 and "Egypt&#x27;s outlook" in segments.content.decode()
