"""People are listed by family name, then given names, with accents and case ignored."""

import datetime
import re

import pytest
from django.core.management import call_command

from speakers.collation import person_sort_key
from speakers.models import Person

from .factories import make_edition, make_participation, make_person, make_session
from .html import visible_text

pytestmark = pytest.mark.django_db


def test_the_sort_key_is_family_name_then_given_names_folded():
    assert person_sort_key("Günter Nooke") == "nooke gunter"
    assert person_sort_key("Radim Žák") == "zak radim"
    assert person_sort_key("Torkil Åmland") == "amland torkil"
    assert person_sort_key("Adrián Román López", "Román López") == "roman lopez adrian"


def test_guenter_sorts_before_guy_by_family_name():
    assert person_sort_key("Günter Nooke") < person_sort_key("Guy Stessens")


def test_zak_sorts_under_z_not_after_it():
    keys = sorted(person_sort_key(n) for n in ["Radim Žák", "Anna Zylberg", "Maria Young"])
    assert keys == ["young maria", "zak radim", "zylberg anna"]


def test_oz_sorts_with_o():
    keys = sorted(person_sort_key(n) for n in ["Ayşe Öz", "Jan Oyelaran", "Lisa Ozawa"])
    assert keys == ["oyelaran jan", "oz ayse", "ozawa lisa"]


def test_a_particle_in_lower_case_is_not_sorted_on_one_with_a_capital_is():
    assert person_sort_key("Caroline de Gruyter", "de Gruyter") == "gruyter caroline de"
    assert person_sort_key("Ursula von der Leyen", "von der Leyen") == "leyen ursula von der"
    assert person_sort_key("Gabriele De Giorgi", "De Giorgi") == "de giorgi gabriele"
    assert person_sort_key("Omar Al-Rawi") == "al rawi omar"


def test_saving_a_person_stores_the_key_and_a_changed_family_name_updates_it():
    person = make_person("Nicole de Moor")
    assert person.sort_key == "moor nicole de"
    person.family_name = "de Moor"
    person.save(update_fields=["family_name"])
    person.refresh_from_db()
    assert person.sort_key == "moor nicole de"
    person.name = "Nicole De Moor"
    person.family_name = "De Moor"
    person.save(update_fields=["name", "family_name"])
    person.refresh_from_db()
    assert person.sort_key == "de moor nicole"


def test_a_family_name_not_in_the_name_is_refused_with_a_clear_message():
    person = Person(name="Günter Nooke", slug="gunter-nooke", family_name="Noke")
    with pytest.raises(Exception) as refused:
        person.full_clean()
    assert "as it appears in the name" in str(refused.value)


def names_in_order(text, names):
    return sorted(names, key=lambda name: text.index(name))


def test_the_edition_speakers_page_lists_people_by_family_name(client):
    edition = make_edition(2030, start_date=datetime.date(2030, 10, 22))
    panel = make_session(edition, "Panel")
    names = ["Guy Stessens", "Günter Nooke", "Radim Žák", "Ana Sofia Walsh", "Torkil Åmland"]
    for name in names:
        make_participation(panel, make_person(name))
    make_participation(panel, make_person("Caroline de Gruyter", family_name="de Gruyter"))
    text = visible_text(client.get("/2030/speakers/"))
    shown = names_in_order(text, [*names, "Caroline de Gruyter"])
    assert shown == [
        "Torkil Åmland",
        "Caroline de Gruyter",
        "Günter Nooke",
        "Guy Stessens",
        "Ana Sofia Walsh",
        "Radim Žák",
    ]


def test_the_speakers_index_puts_each_person_under_the_letter_of_the_family_name(client):
    edition = make_edition(2030)
    panel = make_session(edition, "Panel")
    for name in ["Radim Žák", "Günter Nooke", "Guy Stessens"]:
        make_participation(panel, make_person(name))
    text = visible_text(client.get("/speakers/"))
    assert re.search(r" N Günter Nooke .* S Guy Stessens .* Z Radim Žák", text)


def test_the_documented_people_load_with_their_family_names(all_editions):
    assert Person.objects.get(slug="caroline-de-gruyter").sort_key.startswith("gruyter ")
    assert Person.objects.get(slug="gabriele-de-giorgi").sort_key.startswith("de giorgi ")
    assert Person.objects.get(slug="adrian-roman-lopez").sort_key.startswith("roman lopez ")
    assert Person.objects.get(slug="radim-zak").sort_key == "zak radim"


def test_loading_the_documents_twice_changes_nothing(all_editions, capsys):
    from io import StringIO
    from pathlib import Path

    out = StringIO()
    call_command("load_edition", *sorted(str(p) for p in Path("fixtures").glob("vmc*.json")), stdout=out)
    assert "total: 0 created, 0 updated" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_sort_key_of_existing_people():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("speakers", "0003_organisation_parent_participation_honorific")]
    after = [("speakers", "0004_person_family_name_sort_key")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_person = executor.loader.project_state(before).apps.get_model("speakers", "Person")
    old_person.objects.create(name="Günter Nooke", name_key="günter nooke", slug="gunter-nooke")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Person.objects.get(slug="gunter-nooke").sort_key == "nooke gunter"


def test_editors_set_the_family_name_in_the_admin_with_its_rule_beside_it(editor_client):
    person = make_person("Caroline de Gruyter")
    form = editor_client.get(f"/admin/speakers/person/{person.pk}/change/").content.decode()
    assert 'name="family_name"' in form
    assert "Leave empty to sort by the last word of the name" in form


def test_an_organisation_page_and_an_edition_team_list_people_by_family_name(client):
    from conferences.models import TeamMember

    from .factories import make_organisation

    edition = make_edition(2030)
    icmpd = make_organisation()
    panel = make_session(edition, "Panel")
    for order, name in enumerate(["Radim Žák", "Guy Stessens", "Günter Nooke"]):
        make_participation(panel, make_person(name), organisation=icmpd, order=order)
        TeamMember.objects.create(edition=edition, person=make_person(name), order=order)
    expected = ["Günter Nooke", "Guy Stessens", "Radim Žák"]
    organisation_page = visible_text(client.get(icmpd.get_absolute_url()))
    assert names_in_order(organisation_page, expected) == expected
    team = visible_text(client.get("/2030/")).split("Organising team", 1)[1]
    assert names_in_order(team, expected) == expected
