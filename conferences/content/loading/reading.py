"""From a file to a list of records: size cap, UTF-8, nesting cap, JSON, a non-empty list.

Nothing here touches the database. Every refusal is a FixtureError naming the file.
"""

import json
import re
from pathlib import Path

from django.conf import settings

from conferences.content import with_current_labels
from conferences.content.loading.errors import FixtureError

# A record is at most 4 levels deep: the list, the record, its "fields", a natural key.
MAX_DEPTH = 8
UTF8_BOM = b"\xef\xbb\xbf"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def max_bytes_default():
    return settings.LOAD_EDITION_MAX_BYTES


def read_records(path, max_bytes=None, name=None):
    """The records of the file at `path`; `name` is how messages call the file."""
    path = Path(path)
    name = name or str(path)
    max_bytes = max_bytes_default() if max_bytes is None else max_bytes
    if not path.exists():
        raise FixtureError(f"{name}: file not found")
    if path.is_dir():
        raise FixtureError(f"{name}: is a directory, not a fixture file")
    size = path.stat().st_size
    if size > max_bytes:
        raise FixtureError(f"{name}: {size:,} bytes, over the cap of {max_bytes:,} bytes (--max-bytes)")
    with path.open("rb") as stream:
        raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise FixtureError(f"{name}: over the cap of {max_bytes:,} bytes (--max-bytes)")
    return parse_records(raw, name)


def parse_records(raw, name):
    if raw.startswith(UTF8_BOM):  # some editors write one; it carries no content
        raw = raw[len(UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise FixtureError(
            f"{name}: not valid UTF-8 at byte offset {error.start} (line {line}): "
            f"byte 0x{raw[error.start]:02x} {error.reason}; save the file as UTF-8"
        ) from None
    if not text.strip():
        raise FixtureError(f"{name}: the file is empty; expected a JSON list of records")
    check_depth(text, name)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise FixtureError(
            f"{name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except (ValueError, RecursionError) as error:  # e.g. an integer of 5,000 digits
        raise FixtureError(f"{name}: not valid JSON: {error}") from None
    if not isinstance(data, list):
        raise FixtureError(f"{name}: expected a JSON list of records, found {type(data).__name__}")
    if not data:
        raise FixtureError(f"{name}: the list of records is empty")
    return with_current_labels(data)


def check_depth(text, name):
    """Refuse nesting deeper than MAX_DEPTH before the JSON parser recurses into it."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise FixtureError(
                f"{name}: nested deeper than {MAX_DEPTH} levels; a record needs at most 4 "
                "(list, record, fields, natural key)"
            )


def _refuse_constant(value):
    raise ValueError(f"{value} is not a JSON number")
