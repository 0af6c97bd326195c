"""A load that changes existing records writes a backup first and says how to undo it."""

import re

import pytest
from django.core.management import CommandError

from conferences.content.backup import restore_backup, restore_command
from conferences.models import Session
from tests.dumps import content_dump
from tests.loadfiles import EXAMPLE, records_of, run, write

V2024 = "fixtures/vmc2024.json"


def retitled_opening(tmp_path):
    records = records_of(V2024)
    for record in records:
        if record["model"] == "conferences.session" and record["fields"]["slug"] == "conference-opening":
            record["fields"]["title"] = "Opening"
    return write(tmp_path, records)


def backups(settings):
    return sorted(settings.BACKUP_DIR.glob("*.tar.gz"))


def test_a_load_with_update_writes_a_backup_that_undoes_it(all_editions, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    before = content_dump()
    output = run(retitled_opening(tmp_path), "--update")
    [archive] = backups(settings)
    assert f"Backup written: {archive}. To undo this load: {restore_command(archive)}" in output
    assert re.search(r"vmc-\d{8}-\d{6}-before-loading-edition\.tar\.gz$", archive.name)
    assert Session.objects.get(edition__year=2024, slug="conference-opening").title == "Opening"
    restore_backup(archive)
    assert content_dump() == before


def test_a_load_that_only_creates_writes_no_backup(db, settings):
    output = run(EXAMPLE)
    assert "Backup written" not in output
    assert backups(settings) == []


def test_a_refused_or_dry_run_load_writes_no_backup(all_editions, tmp_path, settings):
    path = retitled_opening(tmp_path)
    with pytest.raises(CommandError):
        run(path)
    run(path, "--dry-run")
    assert backups(settings) == []
