"""Backups of the site's content, and restoring one.

A backup is one `.tar.gz` archive:

- `manifest.json`: when and why it was written, the database vendor, rows per model, media files;
- `content.json`: every row of the `speakers` and `conferences` apps, serialized by Django with
  their primary keys, so the admin history (django-reversion) and links by id stay valid;
- `media/...`: every file under MEDIA_ROOT, at its path relative to MEDIA_ROOT.

`restore_backup()` checks the whole archive before it changes anything, writes a backup of the
current state first (so a restore can be undone too), then replaces the content in one
transaction and the media files right after; on any problem the database and the media are left
as they were.
"""

import io
import json
import os
import shlex
import shutil
import tarfile
import tempfile
import zlib
from collections import Counter
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from conferences.content import with_current_labels

CONTENT_APPS = ("speakers", "conferences")
FORMAT = "vmc-backup/1"
MANIFEST = "manifest.json"
CONTENT = "content.json"
MEDIA_PREFIX = "media"


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


def content_models():
    """The models whose rows a backup holds, in an order where each refers only to earlier ones."""
    app_list = {apps.get_app_config(label): None for label in CONTENT_APPS}
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def restore_command(path) -> str:
    """What a person types to put this backup back."""
    return f"make restore FILE={shlex.quote(str(path))}"


def backup_dir():
    return Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "backups"))


def create_backup(reason: str, directory: Path | None = None, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write one archive of the content and media; return its path."""
    directory = Path(directory) if directory is not None else backup_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Could not create the backup folder {directory}: {error}") from error
    created = timezone.localtime()
    slug = slugify(reason)[:40].strip("-") or "backup"
    stem = f"vmc-{created:%Y%m%d-%H%M%S}-{slug}"
    path = directory / f"{stem}.tar.gz"
    serial = 2
    while path.exists():
        path = directory / f"{stem}-{serial}.tar.gz"
        serial += 1

    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # every table as of one moment
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts, content = _dump_content(using)
    media_root = Path(settings.MEDIA_ROOT)
    media_files, skipped = _media_files(media_root)
    manifest = {
        "format": FORMAT,
        "created_at": created.isoformat(),
        "reason": reason,
        "database_vendor": connections[using].vendor,
        "counts": counts,
        "media_files": len(media_files),
        "media_skipped": skipped,
    }

    partial = path.with_name(path.name + ".part")
    try:
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            _add_bytes(archive, CONTENT, content.encode())
            for relative in media_files:
                archive.add(media_root / relative, arcname=f"{MEDIA_PREFIX}/{relative}", recursive=False)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not write the backup {path}: {error}") from error
    return path


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS, report=None) -> dict:
    """Put back the content and media of an archive; return rows restored per model.

    `report`, if given, is called with a line naming the backup of the state before.
    """
    path = Path(path)
    manifest, records, media = _read_archive(path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)

    before = create_backup("before-restore", using=using)
    if report:
        report(f"The state before was backed up to {before}; undo with: {restore_command(before)}")

    staging = Path(tempfile.mkdtemp(prefix=".vmc-restore-", dir=media_root.parent))
    displaced = Path(tempfile.mkdtemp(prefix=".vmc-replaced-", dir=media_root.parent))
    swapped = False
    try:
        _extract_media(path, media, staging)
        with transaction.atomic(using=using):
            counts = _replace_content(records, path, using)
            _swap_media(media_root, staging, displaced)
            swapped = True
    except BaseException:
        if swapped:
            _swap_media(media_root, displaced, staging)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(displaced, ignore_errors=True)
    counts["media files"] = len(media)
    return counts


# Writing ---------------------------------------------------------------------------------------


def _dump_content(using):
    counts = {}
    objects = []
    for model in content_models():
        rows = list(model._base_manager.using(using).order_by("pk"))
        counts[model._meta.label_lower] = len(rows)
        objects.extend(rows)
    return counts, serializers.serialize("json", objects, indent=1)


def _media_files(media_root):
    """Regular files under MEDIA_ROOT, relative POSIX paths; symlinks are left out and listed."""
    files, skipped = [], []
    if not media_root.is_dir():
        return files, skipped
    for folder, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(folder) / name
            relative = full.relative_to(media_root).as_posix()
            if full.is_symlink() or not full.is_file():
                skipped.append(relative)
            else:
                files.append(relative)
        for name in list(dirnames):
            if (Path(folder) / name).is_symlink():
                skipped.append((Path(folder) / name).relative_to(media_root).as_posix())
                dirnames.remove(name)
    return files, skipped


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


# Reading and checking ---------------------------------------------------------------------------


def _read_archive(path):
    """The archive's manifest and records, checked, and the names of its media members.

    Reads every member name first, so an archive with one hostile member is refused as a whole.
    """
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    manifest = content = None
    media = {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()
            names = [(member, _checked_name(path, member)) for member in members]
            for member, name in names:
                if name == MANIFEST:
                    manifest = archive.extractfile(member).read()
                elif name == CONTENT:
                    content = archive.extractfile(member).read()
                elif name is not None:
                    media[name[len(MEDIA_PREFIX) + 1 :]] = member.name
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{path}: not a readable backup archive ({error})") from error
    if manifest is None:
        raise BackupError(f"{path}: no {MANIFEST} in the archive; not a backup of this site")
    if content is None:
        raise BackupError(f"{path}: no {CONTENT} in the archive")
    try:
        manifest = json.loads(manifest.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise BackupError(f"{path}: {MANIFEST} is not valid JSON ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: {MANIFEST} does not describe a {FORMAT} archive")
    records = _checked_records(path, content)
    return manifest, records, media


def _extract_media(path, media, staging):
    """Copy the archive's media members into `staging`, streaming."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for relative, member_name in media.items():
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(archive.getmember(member_name))
                with source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{path}: the media files cannot be read ({error})") from error


def _checked_name(path, member):
    """The member's normalised name, None for a directory; refuses anything that could escape."""
    raw = member.name
    if raw.startswith(("/", "\\")) or (len(raw) > 1 and raw[1] == ":"):
        raise BackupError(f"{path}: member {raw!r} has an absolute path; refused")
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if ".." in parts:
        raise BackupError(f"{path}: member {raw!r} leaves its folder ('..'); refused")
    if member.issym() or member.islnk():
        raise BackupError(f"{path}: member {raw!r} is a link; refused")
    if member.isdir():
        return None
    if not member.isfile():
        raise BackupError(f"{path}: member {raw!r} is not a regular file; refused")
    name = "/".join(part for part in parts if part not in ("", "."))
    if name in (MANIFEST, CONTENT):
        return name
    if name.startswith(MEDIA_PREFIX + "/") and len(name) > len(MEDIA_PREFIX) + 1:
        return name
    raise BackupError(f"{path}: unexpected member {raw!r}; refused")


def _checked_records(path, content):
    try:
        records = json.loads(content.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise BackupError(f"{path}: {CONTENT} is not valid JSON ({error})") from error
    allowed = {model._meta.label_lower for model in content_models()}
    if not isinstance(records, list):
        raise BackupError(f"{path}: {CONTENT} is not a list of records")
    with_current_labels(records)
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
            raise BackupError(f"{path}: {CONTENT} record {number} is not a serialized object")
        if record.get("model") not in allowed:
            raise BackupError(
                f"{path}: {CONTENT} record {number} is of model {record.get('model')!r}, "
                f"not one of {', '.join(sorted(allowed))}"
            )
        if "pk" not in record:
            raise BackupError(f"{path}: {CONTENT} record {number} ({record['model']}) has no primary key")
    return records


# Restoring --------------------------------------------------------------------------------------


def _replace_content(records, path, using):
    """Inside the caller's transaction: delete every content row, load the records, reset ids."""
    models = content_models()
    for model in reversed(models):
        # A raw delete: no signals (which could remove media files) and no cascades; the
        # foreign key checks run at commit, when every row is back.
        model._base_manager.using(using).all()._raw_delete(using)
    counts = Counter({model._meta.label_lower: 0 for model in models})
    try:
        for obj in serializers.deserialize("python", records, using=using):
            obj.save(using=using)
            counts[obj.object._meta.label_lower] += 1
        connection = connections[using]
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except (
        DeserializationError,
        DatabaseError,
        FieldDoesNotExist,
        LookupError,
        ObjectDoesNotExist,
        ValidationError,
        ValueError,
        TypeError,
    ) as error:
        raise BackupError(f"{path}: {CONTENT} cannot be loaded: {error}") from error
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return dict(counts)


def _swap_media(media_root, incoming, outgoing):
    """Move MEDIA_ROOT's entries into `outgoing`, then `incoming`'s entries into MEDIA_ROOT."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in list(media_root.iterdir()):
        shutil.move(str(entry), str(outgoing / entry.name))
    for entry in list(incoming.iterdir()):
        shutil.move(str(entry), str(media_root / entry.name))
