"""Changing what exists is explicit: a plan field by field, --update and --update-shared."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conferences.models import Session
from speakers.models import Person
from tests.dumps import content_dump
from tests.loadfiles import edition_2025, record_of, records_of, run, write

V2024 = "fixtures/vmc2024.json"
SESSION_LINE = "  session [2024, \"conference-opening\"] title: 'Conference opening' → 'Opening'"
PERSON_LINE = "  person [\"simon-mordue\"] name: 'Simon Mordue' → 'Simon Mordue-Smith' (also shown at 2017)"


def modified_2024(tmp_path):
    records = records_of(V2024)
    for record in records:
        fields = record["fields"]
        if record["model"] == "conferences.session" and fields["slug"] == "conference-opening":
            fields["title"] = "Opening"
        if record["model"] == "speakers.person" and fields["slug"] == "simon-mordue":
            fields["name"] = "Simon Mordue-Smith"
    return write(tmp_path, records, "vmc2024-modified.json")


def refused(*args):
    with pytest.raises(CommandError) as error:
        run(*args)
    return str(error.value)


def test_changes_to_existing_records_are_listed_and_not_written_without_flags(all_editions, tmp_path):
    path = modified_2024(tmp_path)
    before = content_dump()
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("load_edition", str(path), stdout=out)
    assert out.getvalue().splitlines()[1:] == [
        "Changes to existing records, applied with --update (1):",
        SESSION_LINE,
        "Changes to shared records, applied with --update-shared (1):",
        PERSON_LINE,
    ]
    assert str(error.value) == (
        f"{path} changes existing records (listed above). Nothing from {path} was written. "
        "To apply the changes, run again with --update --update-shared."
    )
    assert content_dump() == before


def test_update_alone_does_not_rename_a_shared_person(all_editions, tmp_path):
    path = modified_2024(tmp_path)
    before = content_dump()
    message = refused(path, "--update")
    assert message.endswith("To apply the changes, run again with --update-shared.")
    assert content_dump() == before


def test_update_and_update_shared_apply_the_plan(all_editions, tmp_path):
    path = modified_2024(tmp_path)
    output = run(path, "--update", "--update-shared")
    assert SESSION_LINE in output
    assert "sessions: 0 created, 1 updated, 16 unchanged" in output
    assert "people: 0 created, 1 updated, 73 unchanged" in output
    assert "total: 0 created, 2 updated" in output
    assert Session.objects.get(edition__year=2024, slug="conference-opening").title == "Opening"
    assert Person.objects.get(slug="simon-mordue").name == "Simon Mordue-Smith"
    assert Person.objects.get(slug="simon-mordue").name_key == "simon mordue-smith"


def test_dry_run_prints_the_same_plan_and_writes_nothing(all_editions, tmp_path):
    path = modified_2024(tmp_path)
    before = content_dump()
    output = run(path, "--dry-run")
    assert SESSION_LINE in output
    assert PERSON_LINE in output
    assert "Applying it needs --update --update-shared." in output
    assert "total: 0 created, 2 updated" in output
    assert content_dump() == before


def test_a_new_editions_file_renaming_an_existing_person_needs_update_shared(all_editions, tmp_path):
    records = edition_2025()
    person = record_of(V2024, "speakers.person", slug="simon-mordue")
    person["fields"]["name"] = "Someone Else"
    records.append(person)
    path = write(tmp_path, records)
    before = content_dump()
    output_and_error = refused(path)
    assert "run again with --update-shared" in output_and_error
    assert content_dump() == before
    output = run(path, "--dry-run")
    assert (
        "  person [\"simon-mordue\"] name: 'Simon Mordue' → 'Someone Else' (also shown at 2017, 2024)"
        in output
    )


def test_a_file_that_leaves_a_field_out_leaves_it_alone(all_editions, tmp_path):
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    session.summary = "Written by an editor in the admin."
    session.save()
    before = content_dump()
    records = records_of(V2024)
    for record in records:
        record["fields"].pop("summary", None)
    output = run(write(tmp_path, records))
    assert "total: 0 created, 0 updated" in output
    assert content_dump() == before


def test_reloading_after_an_admin_edit_shows_the_edit_would_be_reverted(all_editions):
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    session.title = "Edited in the admin"
    session.save()
    before = content_dump()
    message = refused(V2024)
    assert "run again with --update." in message
    assert content_dump() == before
    assert "title: 'Edited in the admin' → 'Conference opening'" in run(V2024, "--dry-run")


def test_long_values_are_shortened_in_the_plan(all_editions, tmp_path):
    records = records_of(V2024)
    for record in records:
        if record["model"] == "conferences.session" and record["fields"]["slug"] == "conference-opening":
            record["fields"]["summary"] = "word " * 1000
    output = run(write(tmp_path, records), "--dry-run")
    line = next(line for line in output.splitlines() if " summary: " in line)
    assert line.endswith("(5,000 characters)")
    assert len(line) < 500  # two values of at most 200 characters each, and the rest


def test_times_read_as_in_the_programme_and_empty_values_say_so(all_editions, tmp_path):
    records = records_of(V2024)
    for record in records:
        if record["model"] == "conferences.session" and record["fields"]["slug"] == "conference-opening":
            record["fields"]["start_time"] = "09:35"
            record["fields"]["end_time"] = None
    output = run(write(tmp_path, records), "--dry-run")
    assert 'session [2024, "conference-opening"] start_time: 09:30 → 09:35' in output
    assert 'session [2024, "conference-opening"] end_time: 09:50 → (empty)' in output
