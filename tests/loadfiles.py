"""Edition files for the loader's tests, written to a temporary directory."""

import copy
import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

EXAMPLE = "fixtures/examples/draft-edition.json"


def records_of(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def edition_2025():
    """The example draft edition, moved to 2025: a new edition's file."""
    return json.loads(Path(EXAMPLE).read_text(encoding="utf-8").replace("2099", "2025"))


def record_of(path, model, **match):
    """A copy of the first record of `model` in `path` whose fields match."""
    for record in records_of(path):
        if record["model"] == model and all(record["fields"].get(k) == v for k, v in match.items()):
            return copy.deepcopy(record)
    raise LookupError(f"no {model} {match} in {path}")


def write(tmp_path, records, name="edition.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    """call_command('load_edition', ...) and what it printed."""
    out = StringIO()
    call_command("load_edition", *[str(a) for a in args], stdout=out)
    return out.getvalue()
