"""Loading edition fixtures: idempotent, order-independent, and all-or-nothing on bad input."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conferences.models import Edition, Participation, Quote, Session
from speakers.models import Organisation, Person

pytestmark = pytest.mark.django_db

EXAMPLE = "fixtures/examples/draft-edition.json"
MODELS = [Edition, Session, Person, Participation, Quote, Organisation]


def load(*args):
    out = StringIO()
    call_command("load_edition", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS} | {
        "titles": sorted(Session.objects.values_list("title", flat=True)),
        "positions": sorted(Participation.objects.values_list("position", flat=True)),
    }


def test_example_draft_edition_loads_and_stays_private(client):
    output = load(EXAMPLE)
    assert "editions: 1 created, 0 updated" in output
    assert "sessions: 2 created, 0 updated" in output
    assert "people: 1 created, 0 updated" in output
    assert "participations: 1 created, 0 updated" in output
    assert "quotes: 1 created, 0 updated" in output
    assert Edition.objects.get(year=2099).status == "draft"
    assert client.get("/2099/").status_code == 404


def test_a_file_written_before_participations_moved_app_still_loads(tmp_path):
    """Edition files (and backups) from before the move name the model speakers.participation."""
    old = tmp_path / "old.json"
    old.write_text(
        Path(EXAMPLE)
        .read_text(encoding="utf-8")
        .replace("conferences.participation", "speakers.participation")
    )
    assert "speakers.participation" in old.read_text()
    output = load(old)
    assert "participations: 1 created, 0 updated" in output
    assert Participation.objects.filter(edition__year=2099).count() == 1


def test_loading_the_same_file_twice_changes_nothing():
    load(EXAMPLE)
    before = snapshot()
    output = load(EXAMPLE)
    assert "total: 0 created, 0 updated" in output
    assert snapshot() == before


def test_a_changed_field_is_reported_as_updated(tmp_path):
    load(EXAMPLE)
    records = json.loads(Path(EXAMPLE).read_text())
    records[4]["fields"]["title"] = "Opening of the conference"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(records))
    output = load(path, "--update")
    assert "sessions: 0 created, 1 updated, 1 unchanged" in output
    assert Session.objects.get(slug="conference-opening").title == "Opening of the conference"


def test_records_may_come_in_any_order_in_the_file(tmp_path):
    records = json.loads(Path(EXAMPLE).read_text())
    path = tmp_path / "reversed.json"
    path.write_text(json.dumps(list(reversed(records))))
    output = load(path)
    assert "total: 8 created, 0 updated" in output


def test_editions_load_in_any_order_without_duplicating_shared_people(all_editions):
    counts = {model.__name__: model.objects.count() for model in MODELS}
    Edition.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    # Newest first, the other way round from the fixture that loaded them.
    for path in sorted(Path("fixtures").glob("vmc*.json"), reverse=True):
        load(str(path))
    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    assert Person.objects.filter(slug="simon-mordue").count() == 1


def test_dry_run_writes_nothing():
    out = StringIO()
    call_command("load_edition", EXAMPLE, "--dry-run", stdout=out)
    assert "dry run, nothing written" in out.getvalue()
    assert not Edition.objects.exists()


def _example_records():
    return json.loads(Path(EXAMPLE).read_text())


def _with(change):
    records = copy.deepcopy(_example_records())
    change(records)
    return json.dumps(records)


BAD_FIXTURES = {
    "missing file": (None, "missing.json: file not found"),
    "empty file": ("", "the file is empty"),
    "malformed JSON": ('[{"model": "conferences.edition", ', "not valid JSON at line 1, column"),
    "not a list": ('{"model": "conferences.edition"}', "expected a JSON list of records, found dict"),
    "unknown model": (
        _with(lambda r: r.append({"model": "conferences.banquet", "fields": {}})),
        "record 9: unknown model 'conferences.banquet'",
    ),
    "unknown field": (
        _with(lambda r: r[4]["fields"].update(speaker="x")),
        "record 5 (conferences.session), field 'speaker': unknown field",
    ),
    "dangling person": (
        _with(lambda r: r[6]["fields"].update(person=["nobody-at-all"])),
        "record 7 (conferences.participation), field 'person': no speakers.person with natural key "
        "['nobody-at-all'] in the file or the database",
    ),
    "bad date": (
        _with(lambda r: r[4]["fields"].update(date="2099-13-45")),
        "record 5 (conferences.session), field 'date': “2099-13-45” value has the correct format "
        "(YYYY-MM-DD) but it is an invalid date.",
    ),
    "end before start": (
        _with(lambda r: r[4]["fields"].update(end_time="09:00")),
        "record 5 (conferences.session [2099, 'conference-opening']): field 'end_time': "
        "The session must end after it starts.",
    ),
    "session outside the edition's days": (
        _with(lambda r: r[4]["fields"].update(date="2099-10-25")),
        "field 'date': 25 October 2099 is outside the edition's days",
    ),
    "duplicate slug": (
        _with(lambda r: r.append(copy.deepcopy(r[4]))),
        "record 9 (conferences.session [2099, 'conference-opening']): duplicate of record 5",
    ),
    "wrong type": (
        _with(lambda r: r[3]["fields"].update(year="twenty ninety-nine")),
        "record 4 (conferences.edition), field 'year': expected int, found str 'twenty ninety-nine'",
    ),
    "text where a boolean belongs": (
        _with(lambda r: r[4]["fields"].update(is_side_event="no")),
        "field 'is_side_event': expected bool, found str 'no'",
    ),
    "unknown kind": (
        _with(lambda r: r[6]["fields"].update(role="juggler")),
        "field 'role': Value 'juggler' is not a valid choice.",
    ),
    "primary key instead of natural key": (
        _with(lambda r: r[1].update(pk=7)),
        'record 2: has a "pk"; edition fixtures use natural keys only',
    ),
    "reference written as a number": (
        _with(lambda r: r[4]["fields"].update(edition=2099)),
        "field 'edition': expected a natural key in a list, e.g. [2024], found 2099",
    ),
}


@pytest.mark.parametrize("kind", BAD_FIXTURES)
def test_bad_fixture_is_rejected_precisely_and_changes_nothing(tmp_path, kind):
    load("fixtures/vmc2024.json")
    before = snapshot()
    content, message = BAD_FIXTURES[kind]
    path = tmp_path / ("missing.json" if content is None else "bad.json")
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "Nothing from" in str(error.value)
    assert snapshot() == before


def test_a_late_error_rolls_back_earlier_records_of_the_same_file(tmp_path):
    records = _example_records()
    records[7]["fields"]["person"] = ["nobody"]  # the quote, applied last
    path = tmp_path / "late.json"
    path.write_text(json.dumps(records))
    with pytest.raises(CommandError, match="record 8 \\(conferences.quote\\), field 'person'"):
        load(path)
    assert not Edition.objects.filter(year=2099).exists()
    assert not Person.objects.filter(slug="jane-example").exists()


def test_command_exits_non_zero(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "bad.json"
    path.write_text("[")
    result = subprocess.run(
        [sys.executable, "manage.py", "load_edition", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr
