"""Setting the site up without ever overwriting what editors changed, and starting over on purpose.

`make run` calls `setup_site`: it migrates, then loads only the fixture files whose editions are
not in the database yet. `make reset` calls `reset_content` (after a backup) and `setup_site`.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from conferences.content.backup import content_models
from conferences.models import Edition

HISTORY_MODELS = ("reversion.Version", "reversion.Revision")


@dataclass
class FixturePlan:
    path: Path
    years: list
    present: list

    @property
    def load(self):
        return bool(self.years) and not self.present

    def reason(self):
        if not self.years:
            return f"{self.path.name}: no conferences.edition record; left alone"
        if self.present:
            which = ", ".join(str(year) for year in self.present)
            noun = "edition" if len(self.present) == 1 else "editions"
            return f"{self.path.name}: {noun} {which} already in the database; left as it stands"
        which = ", ".join(str(year) for year in self.years)
        return f"{self.path.name}: edition {which} not in the database yet; loading it"


def fixture_files(directory=None):
    directory = Path(directory) if directory is not None else Path(settings.BASE_DIR) / "fixtures"
    return sorted(directory.glob("vmc*.json"))


def fixture_years(path):
    """The years of a fixture file's edition records; [] if it is not a readable list of records."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    if not isinstance(records, list):
        return []
    years = []
    for record in records:
        if isinstance(record, dict) and record.get("model") == "conferences.edition":
            year = (
                (record.get("fields") or {}).get("year") if isinstance(record.get("fields"), dict) else None
            )
            if isinstance(year, int) and not isinstance(year, bool):
                years.append(year)
    return sorted(set(years))


def plan_fixtures(paths):
    """For each file: its editions and which of them the database already holds."""
    plans = [FixturePlan(Path(path), fixture_years(path), []) for path in paths]
    wanted = {year for plan in plans for year in plan.years}
    existing = set(Edition.objects.filter(year__in=wanted).values_list("year", flat=True))
    for plan in plans:
        plan.present = [year for year in plan.years if year in existing]
    return plans


def reset_content(using=DEFAULT_DB_ALIAS):
    """Delete every row of the content apps and the admin history, in one transaction.

    Raw deletes: no signals (media files stay on disk; the backup written before holds them)
    and no cascades; ids start again from 1 as in a fresh database.
    """
    models = [*content_models(), *(apps.get_model(label) for label in HISTORY_MODELS)]
    connection = connections[using]
    with transaction.atomic(using=using):
        deleted = {}
        for model in reversed(models):
            deleted[model._meta.label_lower] = model._base_manager.using(using).all()._raw_delete(using)
        tables = {model._meta.db_table for model in models}
        sequences = [seq for seq in connection.introspection.sequence_list() if seq["table"] in tables]
        statements = connection.ops.sequence_reset_by_name_sql(no_style(), sequences)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return deleted
