"""A file changes only its own edition: the editions it declares (fixtures/AUTHORING.md)."""

import pytest
from django.core.management import CommandError

from conferences.models import Edition, Participation, Quote, Session
from tests.dumps import content_dump
from tests.loadfiles import edition_2025, record_of, run, write

V2024 = "fixtures/vmc2024.json"


def touch_edition_record(records):
    records.append({"model": "conferences.edition", "fields": {"year": 2024, "status": "draft"}})
    return "conferences.edition [2024]", "edition [2024] status: 'published' → 'draft'"


def touch_session(records):
    records.append(
        {
            "model": "conferences.session",
            "fields": {"edition": [2024], "slug": "conference-opening", "title": "Opening"},
        }
    )
    return (
        "conferences.session [2024, 'conference-opening']",
        "session [2024, \"conference-opening\"] title: 'Conference opening' → 'Opening'",
    )


def touch_participation(records):
    record = record_of(V2024, "conferences.participation", person=["raphaela-schweiger"])
    record["fields"]["position"] = "Somebody else"
    records.append(record)
    return (
        "conferences.participation "
        "[2024, 'migration-futures-dinner', 'raphaela-schweiger', 'opening_remarks']",
        'participation [2024, "migration-futures-dinner", "raphaela-schweiger", "opening_remarks"] '
        "position: "
        "'Director of Migration, Immigration Society, and Global Issues at the Robert Bosch Stiftung' → "
        "'Somebody else'",
    )


def touch_quote(records):
    record = record_of(V2024, "conferences.quote", person=["nicole-de-moor"], number=1)
    record["fields"]["text"] = "Words she never said."
    records.append(record)
    return "conferences.quote [2024, 'nicole-de-moor', 1]", 'quote [2024, "nicole-de-moor", 1] text: '


TOUCHES = {
    "edition record": touch_edition_record,
    "session": touch_session,
    "participation": touch_participation,
    "quote": touch_quote,
}


@pytest.mark.parametrize("kind", TOUCHES)
def test_a_2025_file_touching_2024_is_refused(all_editions, tmp_path, kind):
    records = edition_2025()
    label, _ = TOUCHES[kind](records)
    path = write(tmp_path, records)
    before = content_dump()
    with pytest.raises(CommandError) as error:
        run(path)
    assert (
        f"{path}: record 9 ({label}): belongs to edition 2024, which this file does not create; "
        "name it with --also-edition 2024 to change it"
    ) in str(error.value)
    assert f"Nothing from {path} was written." in str(error.value)
    assert content_dump() == before
    assert not Edition.objects.filter(year=2025).exists()


@pytest.mark.parametrize("kind", TOUCHES)
def test_with_also_edition_the_change_is_planned_and_still_needs_update(all_editions, tmp_path, kind):
    records = edition_2025()
    _, plan_line = TOUCHES[kind](records)
    path = write(tmp_path, records)
    before = content_dump()
    with pytest.raises(CommandError) as error:
        run(path, "--also-edition", "2024")
    assert "To apply the changes, run again with --update." in str(error.value)
    assert content_dump() == before
    output = run(path, "--also-edition", "2024", "--dry-run")
    assert f"  {plan_line}" in output
    assert content_dump() == before


def test_with_also_edition_and_update_the_2024_session_changes(all_editions, tmp_path):
    records = edition_2025()
    touch_session(records)
    path = write(tmp_path, records)
    output = run(path, "--also-edition", "2024", "--update")
    assert "sessions: 2 created, 1 updated, 0 unchanged" in output
    assert Session.objects.get(edition__year=2024, slug="conference-opening").title == "Opening"
    assert Edition.objects.get(year=2025).status == "draft"


def test_a_2025_file_may_not_add_a_session_to_2024_either(all_editions, tmp_path):
    records = edition_2025()
    records.append(
        {
            "model": "conferences.session",
            "fields": {"edition": [2024], "slug": "a-new-one", "title": "New", "format": "side_event"},
        }
    )
    path = write(tmp_path, records)
    before = content_dump()
    with pytest.raises(CommandError, match="belongs to edition 2024, which this file does not create"):
        run(path)
    assert content_dump() == before


def test_reloading_an_editions_own_file_is_allowed(all_editions):
    before = content_dump()
    output = run(V2024)
    assert "total: 0 created, 0 updated" in output
    assert content_dump() == before


def test_a_file_declaring_two_existing_editions_owns_neither(all_editions, tmp_path):
    records = [
        {"model": "conferences.edition", "fields": {"year": 2024, "status": "draft"}},
        {"model": "conferences.edition", "fields": {"year": 2021, "status": "draft"}},
    ]
    path = write(tmp_path, records)
    before = content_dump()
    with pytest.raises(CommandError) as error:
        run(path, "--update")
    assert "record 1 (conferences.edition [2024]): belongs to edition 2024" in str(error.value)
    assert "record 2 (conferences.edition [2021]): belongs to edition 2021" in str(error.value)
    assert content_dump() == before


def test_scoping_errors_name_every_record_at_once(all_editions, tmp_path):
    records = edition_2025()
    touch_session(records)
    touch_quote(records)
    path = write(tmp_path, records)
    with pytest.raises(CommandError) as error:
        run(path)
    assert "record 9 (conferences.session" in str(error.value)
    assert "record 10 (conferences.quote" in str(error.value)
    assert Quote.objects.filter(text="Words she never said.").count() == 0
    assert Participation.objects.filter(edition__year=2025).count() == 0
