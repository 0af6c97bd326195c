"""Backups: a round trip restores content and media byte for byte; bad archives change nothing."""

import datetime
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from conferences.content.backup import (
    BackupError,
    content_models,
    create_backup,
    restore_backup,
    restore_command,
)
from conferences.models import Session
from speakers.models import Person
from tests.dumps import content_dump
from tests.factories import make_person


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    (settings.MEDIA_ROOT / "people").mkdir(parents=True)
    (settings.MEDIA_ROOT / "people" / "jane.jpg").write_bytes(b"\xff\xd8 not really a jpeg \x00\x01")
    (settings.MEDIA_ROOT / "notes.txt").write_text("kept as is\r\n")
    return settings.MEDIA_ROOT


def media_files(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*")) if p.is_file()
    }


def test_restore_brings_back_content_and_media_exactly(all_editions, media):
    dump_before, files_before = content_dump(), media_files(media)
    path = create_backup("round trip")
    assert path.name.startswith("vmc-") and path.name.endswith("-round-trip.tar.gz")

    session = Session.objects.get(edition__year=2024, slug="conference-opening")
    session.title = "Renamed by mistake"
    session.start_time = datetime.time(7, 5)
    session.save()
    Person.objects.filter(
        participations__isnull=True, quotes__isnull=True, team_roles__isnull=True, credits__isnull=True
    ).delete()
    make_person("Someone Added Later")
    (media / "people" / "jane.jpg").write_bytes(b"overwritten")
    (media / "notes.txt").unlink()
    (media / "stray.txt").write_text("new file")
    assert content_dump() != dump_before

    counts = restore_backup(path)

    assert content_dump() == dump_before
    assert media_files(media) == files_before
    assert counts["conferences.session"] == Session.objects.count()
    assert counts["media files"] == 2


def test_restore_first_backs_up_the_current_state_so_it_can_be_undone(all_editions, media):
    path = create_backup("first")
    make_person("Added After The Backup")
    dump_with_addition = content_dump()

    out = StringIO()
    call_command("restore", str(path), "--yes", stdout=out)
    assert not Person.objects.filter(name="Added After The Backup").exists()

    before = [p for p in (media.parent / "backups").iterdir() if "before-restore" in p.name]
    assert len(before) == 1
    assert f"make restore FILE={before[0]}" in out.getvalue()
    restore_backup(before[0])
    assert content_dump() == dump_with_addition


def test_a_restore_into_an_emptied_database_continues_ids_after_the_restored_ones(all_editions, media):
    path = create_backup("ids")
    dump = content_dump()
    highest = Person.objects.order_by("-pk").first().pk
    models = content_models()
    for model in reversed(models):  # as on a fresh database: no rows, ids start at 1 again
        model.objects.all()._raw_delete(connection.alias)
    tables = {model._meta.db_table for model in models}
    sequences = [seq for seq in connection.introspection.sequence_list() if seq["table"] in tables]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(statement)
    assert not Person.objects.exists()

    restore_backup(path)

    assert content_dump() == dump
    assert make_person("Brand New Person").pk > highest


def test_backup_command_prints_how_to_restore(db, media):
    out = StringIO()
    call_command("backup", "--reason", "before the 2025 load", stdout=out)
    (path,) = (media.parent / "backups").iterdir()
    assert path.name.endswith("-before-the-2025-load.tar.gz")
    assert f"To restore it: {restore_command(path)}" in out.getvalue()
    assert restore_command(path) == f"make restore FILE={path}"
    with tarfile.open(path) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["reason"] == "before the 2025 load"
    assert manifest["counts"]["conferences.edition"] == 0
    assert manifest["media_files"] == 2


def test_restore_asks_first_and_does_nothing_without_yes(all_editions, media, monkeypatch):
    path = create_backup("ask")
    make_person("Still Here")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(path), stdout=StringIO())
    assert Person.objects.filter(name="Still Here").exists()


def hostile_archive(tmp_path, good, member_name):
    """A copy of a good backup with one extra member of the given name."""
    bad = tmp_path / "hostile.tar.gz"
    with tarfile.open(good) as source, tarfile.open(bad, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo(member_name)
        info.size = 4
        target.addfile(info, io.BytesIO(b"evil"))
    return bad


def symlink_archive(tmp_path, good):
    bad = tmp_path / "link.tar.gz"
    with tarfile.open(good) as source, tarfile.open(bad, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/people/link.jpg")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        target.addfile(info)
    return bad


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("../evil", "leaves its folder"),
        ("media/../../evil", "leaves its folder"),
        ("/tmp/evil", "absolute path"),
        ("settings.py", "unexpected member"),
    ],
)
def test_a_hostile_archive_is_refused_and_nothing_changes(all_editions, media, tmp_path, member, message):
    good = create_backup("good")
    make_person("Added After The Backup")
    dump, files = content_dump(), media_files(media)

    with pytest.raises(BackupError, match=message):
        restore_backup(hostile_archive(tmp_path, good, member))

    assert content_dump() == dump
    assert media_files(media) == files
    assert not (tmp_path / "evil").exists()
    assert [p.name for p in (media.parent / "backups").iterdir()] == [good.name]


def test_an_archive_with_a_symlink_is_refused(all_editions, media, tmp_path):
    good = create_backup("good")
    dump = content_dump()
    with pytest.raises(BackupError, match="is a link"):
        restore_backup(symlink_archive(tmp_path, good))
    assert content_dump() == dump


@pytest.mark.parametrize(
    "content",
    [b"this is not a tar file", b"\x1f\x8b\x08\x00garbled gzip", b""],
    ids=["text", "truncated-gzip", "empty"],
)
def test_a_corrupt_file_is_refused_with_a_clear_message(all_editions, media, tmp_path, content):
    dump, files = content_dump(), media_files(media)
    corrupt = tmp_path / "corrupt.tar.gz"
    corrupt.write_bytes(content)
    with pytest.raises(CommandError, match="not a readable backup archive") as error:
        call_command("restore", str(corrupt), "--yes", stdout=StringIO())
    assert "Nothing was changed" in str(error.value)
    assert content_dump() == dump
    assert media_files(media) == files


def dangling_person(records):
    next(r for r in records if r["model"] == "conferences.participation")["fields"]["person"] = 999999


def unknown_field(records):
    next(r for r in records if r["model"] == "conferences.session")["fields"]["speaker_notes"] = "?"


def impossible_date(records):
    next(r for r in records if r["model"] == "conferences.edition")["fields"]["start_date"] = "2024-02-31"


@pytest.mark.parametrize("damage", [dangling_person, unknown_field, impossible_date])
def test_a_dump_that_cannot_load_rolls_back_everything(all_editions, media, tmp_path, damage):
    good = create_backup("good")
    make_person("Added After The Backup")
    dump, files = content_dump(), media_files(media)
    bad = tmp_path / "damaged.tar.gz"
    with tarfile.open(good) as source, tarfile.open(bad, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "content.json":
                records = json.loads(data)
                damage(records)
                data = json.dumps(records).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    with pytest.raises(BackupError, match="content.json cannot be loaded"):
        restore_backup(bad)

    assert content_dump() == dump
    assert media_files(media) == files


def test_a_missing_file_is_refused(db, media, tmp_path):
    with pytest.raises(BackupError, match="no such backup file"):
        restore_backup(tmp_path / "nope.tar.gz")
