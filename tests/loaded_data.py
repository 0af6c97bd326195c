"""The documented editions, loaded once per test session and put back in milliseconds.

Loading the nine edition files through `load_edition` (validation, plan, history, search index)
takes seconds; a test that needs them gets instead the rows that one load wrote, inserted again
with one `executemany` per table. The search index is not copied: it is derived, and rebuilt
when the inserted rows commit, as after a real load (inside a test's transaction it is not,
as after a real load there either).
"""

import datetime
import decimal
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

DERIVED_APPS = {"search"}  # rebuilt from the content, never copied
TYPED = (datetime.date, datetime.time, decimal.Decimal)


def _stored_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.app_label not in DERIVED_APPS
    ]


def _bindable(field, value):
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)  # SQLite stores UTC without an offset
    return field.get_db_prep_value(value, connection) if isinstance(value, TYPED) else value


def _rows(model):
    """The table's columns, and its rows as the database takes them back (the SQLite driver
    reads dates and times as Python objects but does not bind them)."""
    quote = connection.ops.quote_name
    fields = model._meta.local_concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(model._meta.db_table)}"
        )
        rows = [
            tuple(_bindable(field, value) for field, value in zip(fields, row, strict=True))
            for row in cursor.fetchall()
        ]
    return [field.column for field in fields], rows


@dataclass
class TableRows:
    model: type
    columns: list
    values: list


class EditionsSnapshot:
    def __init__(self, tables):
        self.tables = tables
        self.content_types = {ct.pk: ct.natural_key() for ct in ContentType.objects.all()}

    def _values(self, table):
        """The rows, with content types (history versions point to them) by their current id: a
        transactional test's flush recreates them with new ids."""
        columns = [
            index
            for index, field in enumerate(table.model._meta.local_concrete_fields)
            if field.is_relation and field.related_model is ContentType
        ]
        if not columns:
            return table.values
        ids = {
            old: ContentType.objects.get_by_natural_key(*key).pk for old, key in self.content_types.items()
        }
        return [
            tuple(
                ids[value] if index in columns and value is not None else value
                for index, value in enumerate(row)
            )
            for row in table.values
        ]

    def restore(self):
        """Insert the rows again (foreign keys are checked at commit, so in any order)."""
        quote = connection.ops.quote_name
        ContentType.objects.clear_cache()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                columns = ", ".join(map(quote, table.columns))
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table.model._meta.db_table)} ({columns}) VALUES ({marks})",
                    self._values(table),
                )
            for statement in connection.ops.sequence_reset_sql(no_style(), [t.model for t in self.tables]):
                cursor.execute(statement)

    def __len__(self):
        return sum(len(table.values) for table in self.tables)


def editions_snapshot(paths):
    """Load `paths` with `load_edition` in a transaction, keep the rows it added, roll back."""
    models = _stored_models()
    with (
        TemporaryDirectory() as scratch,
        override_settings(
            BACKUP_DIR=Path(scratch) / "backups", CONTENT_VERSION_FILE=Path(scratch) / "version"
        ),
        transaction.atomic(),
    ):
        before = {model: set(_rows(model)[1]) for model in models}
        call_command("load_edition", *map(str, paths), stdout=StringIO())
        tables = []
        for model in models:
            columns, rows = _rows(model)
            added = [row for row in rows if row not in before[model]]
            changed = len(rows) - len(added) != len(before[model])
            if changed:
                raise AssertionError(f"load_edition changed or deleted rows of {model._meta.label}")
            if added:
                tables.append(TableRows(model, columns, added))
        transaction.set_rollback(True)
    return EditionsSnapshot(tables)
