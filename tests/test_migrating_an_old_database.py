"""A database made by an earlier release (main at 59d523a: every edition loaded, an editor's
changes and a deletion recorded in history) migrates forward with every row and every history
version kept: Participation's move from the speakers app to conferences loses nothing.

tests/data/vmc-59d523a.sqlite3.gz was made by that release's `setup_site` and `create_editor`,
then three changes in history: a session title, a participation's position, and a
participation deleted with its version recorded first.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OLD_DATABASE = ROOT / "tests" / "data" / "vmc-59d523a.sqlite3.gz"

pytestmark = pytest.mark.server

TABLES = {  # table then → table now
    "conferences_edition": "conferences_edition",
    "conferences_session": "conferences_session",
    "conferences_quote": "conferences_quote",
    "speakers_person": "speakers_person",
    "speakers_organisation": "speakers_organisation",
    "speakers_participation": "conferences_participation",
    "reversion_revision": "reversion_revision",
    "reversion_version": "reversion_version",
    "auth_user": "auth_user",
    "auth_group_permissions": "auth_group_permissions",
}
PARTICIPATION_KEYS = """
    SELECT e.year, COALESCE(s.slug, ''), p.slug, x.role, x.position
    FROM {table} x JOIN conferences_edition e ON e.id = x.edition_id
    LEFT JOIN conferences_session s ON s.id = x.session_id JOIN speakers_person p ON p.id = x.person_id
    ORDER BY 1, 2, 3, 4
"""


def facts(path, *, migrated):
    """Row counts (by the tables' earlier names), participations by natural key with their
    positions, sessions, people, and the participation content type's id."""
    with sqlite3.connect(path) as db:
        counts = {
            old: db.execute(f"SELECT COUNT(*) FROM {new if migrated else old}").fetchone()[0]  # noqa: S608
            for old, new in TABLES.items()
        }
        participations = TABLES["speakers_participation"] if migrated else "speakers_participation"
        keys = db.execute(PARTICIPATION_KEYS.format(table=participations)).fetchall()
        sessions = db.execute(
            "SELECT e.year, s.slug, s.title FROM conferences_session s "
            "JOIN conferences_edition e ON e.id = s.edition_id ORDER BY 1, 2"
        ).fetchall()
        people = db.execute("SELECT slug, name FROM speakers_person ORDER BY slug").fetchall()
        participation_type = db.execute(
            "SELECT id FROM django_content_type WHERE model = 'participation'"
        ).fetchall()
    return counts, keys, sessions, people, participation_type


def manage(database, *args):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )


def test_a_database_of_the_earlier_release_migrates_forward_with_every_row_and_version(tmp_path):
    database = tmp_path / "old.sqlite3"
    with gzip.open(OLD_DATABASE) as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    before = facts(database, migrated=False)

    manage(database, "migrate", "--no-input")

    after = facts(database, migrated=True)
    assert after == before
    counts, keys = after[0], after[1]
    assert counts["speakers_participation"] == 112 and counts["reversion_version"] == 421
    assert any(position == "Edited position" for *_, position in keys)  # the editor's change is there

    # Every history version of a participation still opens as a participation, and the deleted
    # one can be recovered: its stored data names the model where it lives now.
    shown = manage(
        database,
        "shell",
        "-c",
        "import json\n"
        "from reversion.models import Version\n"
        "from conferences.models import Participation\n"
        "from django.contrib.auth.models import Group\n"
        "versions = Version.objects.get_for_model(Participation)\n"
        "objects = [v._object_version.object for v in versions]\n"
        "deleted = Version.objects.get_deleted(Participation)\n"
        "print(json.dumps({'versions': len(objects), 'all_participations': all(isinstance(o, Participation) "
        "for o in objects), 'deleted': [str(v._object_version.object) for v in deleted], "
        "'editors_may_change': Group.objects.get(name='Editors').permissions.filter("
        "content_type__app_label='conferences', codename='change_participation').exists()}))",
    )
    report = json.loads(shown.stdout.strip().splitlines()[-1])
    assert report == {
        "versions": 117,
        "all_participations": True,
        "deleted": ["Lukas Gehrke — master of ceremonies (2017)"],
        "editors_may_change": True,
    }
