"""One person, one spelling: text is stored in NFC, and a second spelling of a name is refused."""

import unicodedata

import pytest
from django.core.management import CommandError

from conferences.models import Session
from speakers.models import Person
from tests.dumps import content_dump
from tests.factories import make_person
from tests.loadfiles import EXAMPLE, records_of, run, write

pytestmark = pytest.mark.django_db

DECOMPOSED = "Radim Z\u030cák"  # Z + combining caron


def person(slug, name):
    return {"model": "speakers.person", "fields": {"slug": slug, "name": name, "bio": ""}}


def test_a_decomposed_name_is_stored_composed(tmp_path):
    run(write(tmp_path, [person("radim-zak", DECOMPOSED)]))
    stored = Person.objects.get(slug="radim-zak")
    assert stored.name == "Radim Žák"
    assert len(stored.name) == 9
    assert Person.objects.filter(name__icontains="Žák").count() == 1


def test_text_is_stored_in_nfc_with_unix_line_breaks(tmp_path):
    records = records_of(EXAMPLE)
    records[4]["fields"]["title"] = "Opening by Z\u030cak"
    records[4]["fields"]["summary"] = "First line.\r\nSecond line.\rThird."
    run(write(tmp_path, records))
    session = Session.objects.get(slug="conference-opening")
    assert session.title == "Opening by Žak"
    assert session.summary == "First line.\nSecond line.\nThird."


@pytest.mark.parametrize("name", [DECOMPOSED, "Radim Žák", "RADIM ŽÁK", "radim  žák"])
def test_a_new_person_with_an_existing_name_is_refused(tmp_path, name):
    make_person("Radim Žák")
    before = content_dump()
    path = write(tmp_path, [person("x", "Someone"), person("radim-zak-2", name)])
    with pytest.raises(CommandError) as error:
        run(path)
    shown = unicodedata.normalize("NFC", name)
    assert (
        f"{path}: record 2 (speakers.person ['radim-zak-2']): {shown!r} is already person ['radim-zak'] "
        "(/speakers/radim-zak/); refer to that slug instead"
    ) in str(error.value)
    assert content_dump() == before


def test_a_new_person_whose_slug_differs_only_in_case_is_refused(tmp_path):
    make_person("Radim Žák")
    before = content_dump()
    path = write(tmp_path, [person("Radim-Zak", "Radim Zak")])
    with pytest.raises(
        CommandError, match=r"'Radim Zak' is already person \['radim-zak'\] \(/speakers/radim-zak/\)"
    ):
        run(path)
    assert content_dump() == before


def test_two_spellings_of_one_person_in_the_same_file_are_refused(tmp_path):
    path = write(tmp_path, [person("radim-zak", "Radim Žák"), person("radim-zak-2", DECOMPOSED)])
    with pytest.raises(CommandError) as error:
        run(path)
    assert (
        "record 2 (speakers.person ['radim-zak-2']): 'Radim Žák' is the same name as record 1 "
        "(speakers.person ['radim-zak']); one person, one record: refer to that slug instead"
    ) in str(error.value)
    assert not Person.objects.exists()


def test_renaming_a_person_to_another_persons_name_is_refused(tmp_path):
    make_person("Radim Žák")
    make_person("Jane Example")
    before = content_dump()
    path = write(tmp_path, [person("jane-example", DECOMPOSED)])
    with pytest.raises(
        CommandError, match=r"record 1 \(speakers.person \['jane-example'\]\): 'Radim Žák' is already"
    ):
        run(path, "--update-shared")
    assert content_dump() == before


def test_reloading_a_person_spelled_decomposed_changes_nothing(tmp_path):
    make_person("Radim Žák")
    before = content_dump()
    assert "total: 0 created, 0 updated" in run(write(tmp_path, [person("radim-zak", DECOMPOSED)]))
    assert content_dump() == before
