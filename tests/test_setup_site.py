"""`make run` sets the site up without overwriting editors' work; `make reset` starts over on purpose."""

import datetime
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone
from reversion.models import Revision, Version

from conferences.models import Edition, Session
from speakers.models import Person
from tests.dumps import content_dump

pytestmark = pytest.mark.django_db

FIXTURES = sorted(Path("fixtures").glob("vmc*.json"))
ALL_FILES = ", ".join(path.name for path in FIXTURES)


@pytest.fixture
def fixtures_dir(tmp_path):
    folder = tmp_path / "fixtures"
    folder.mkdir()
    for path in FIXTURES:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.BACKUP_DIR


def setup_site(folder):
    out = StringIO()
    call_command("setup_site", "--fixtures-dir", str(folder), stdout=out)
    return out.getvalue()


def edit_like_an_editor():
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    session.title = "Opening, as the editor corrected it"
    session.start_time = datetime.time(9, 45)
    session.save()
    person = Person.objects.get(slug="simon-mordue")
    person.photo_credit = "ICMPD / Photo by an editor"
    person.save()


def test_the_setup_step_loads_every_fixture_into_an_empty_database(fixtures_dir):
    output = setup_site(fixtures_dir)
    assert sorted(Edition.objects.values_list("year", flat=True)) == [
        2016,
        2017,
        2018,
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
    ]
    assert "vmc2024.json: edition 2024 not in the database yet; loading it" in output
    assert f"Loaded: {ALL_FILES}. Left as they stand: none." in output


def test_running_the_setup_step_again_keeps_an_editors_changes(fixtures_dir):
    setup_site(fixtures_dir)
    edit_like_an_editor()

    output = setup_site(fixtures_dir)

    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    assert session.title == "Opening, as the editor corrected it"
    assert session.start_time == datetime.time(9, 45)
    assert Person.objects.get(slug="simon-mordue").photo_credit == "ICMPD / Photo by an editor"
    assert "vmc2024.json: edition 2024 already in the database; left as it stands" in output
    assert f"Loaded: none. Left as they stand: {ALL_FILES}." in output


def test_a_new_editions_file_is_loaded_on_the_next_run_and_the_others_are_skipped(fixtures_dir):
    setup_site(fixtures_dir)
    edit_like_an_editor()
    shutil.copy("fixtures/examples/draft-edition.json", fixtures_dir / "vmc2099.json")

    output = setup_site(fixtures_dir)

    assert Edition.objects.get(year=2099).status == "draft"
    assert "vmc2099.json: edition 2099 not in the database yet; loading it" in output
    assert f"Loaded: vmc2099.json. Left as they stand: {ALL_FILES}." in output
    assert Session.objects.get(edition__year=2024, slug="conference-opening").title == (
        "Opening, as the editor corrected it"
    )


def test_a_file_whose_edition_is_partly_present_is_left_alone(fixtures_dir):
    setup_site(fixtures_dir)
    records = json.loads((fixtures_dir / "vmc2024.json").read_text())
    extra = json.loads(Path("fixtures/examples/draft-edition.json").read_text())
    (fixtures_dir / "vmc2099.json").write_text(
        json.dumps(extra + [r for r in records if r["model"] == "conferences.edition"])
    )

    output = setup_site(fixtures_dir)

    assert not Edition.objects.filter(year=2099).exists()
    assert "vmc2099.json: edition 2024 already in the database; left as it stands" in output


def test_reset_returns_to_the_fixture_state_and_keeps_a_backup(fixtures_dir, backups):
    setup_site(fixtures_dir)
    fixture_state = content_dump(as_listed=True)
    edit_like_an_editor()
    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    revision = Revision.objects.create(date_created=timezone.now(), comment="an earlier edit")
    Version.objects.create(
        revision=revision,
        content_type=ContentType.objects.get_for_model(Session),
        object_id=str(session.pk),
        format="json",
        serialized_data="[]",
        object_repr=str(session),
    )

    out = StringIO()
    call_command("reset_content", "--yes", stdout=out)
    assert not Edition.objects.exists() and not Person.objects.exists()
    assert not Revision.objects.exists() and not Version.objects.exists()
    setup_site(fixtures_dir)

    assert content_dump(as_listed=True) == fixture_state
    (backup,) = backups.iterdir()
    assert "before-reset" in backup.name
    assert f"make restore FILE={backup}" in out.getvalue()


def test_reset_asks_first_and_deletes_nothing_unless_told_yes(fixtures_dir, backups, monkeypatch):
    setup_site(fixtures_dir)
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "y")
    with pytest.raises(CommandError, match="Nothing deleted"):
        call_command("reset_content", stdout=StringIO())
    assert "reloads fixtures/" in questions[0] and "Type yes" in questions[0]
    assert Edition.objects.count() == len(FIXTURES)
    assert not backups.exists()
