"""Load an edition fixture safely: validate every record, write all or nothing.

A fixture is a list of {"model": "app.model", "fields": {...}} objects that refer to each
other by natural key (see fixtures/AUTHORING.md). Records are applied in dependency order,
so a reference may point to a record anywhere in the file or to one already in the database.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

# Dependency order: a model only refers to models above it.
MODEL_ORDER = [
    "speakers.organisation",
    "speakers.person",
    "conferences.venue",
    "conferences.edition",
    "conferences.editionpartner",
    "conferences.teammember",
    "conferences.session",
    "speakers.participation",
    "conferences.quote",
]
SUMMARY_MODELS = {
    "conferences.edition": "editions",
    "conferences.session": "sessions",
    "speakers.person": "people",
    "speakers.participation": "participations",
    "conferences.quote": "quotes",
    "speakers.organisation": "organisations",
    "conferences.venue": "venues",
    "conferences.editionpartner": "partners",
    "conferences.teammember": "team members",
}
TEXT_FIELDS = (models.CharField, models.TextField)
INT_FIELDS = (models.IntegerField,)


class FixtureError(Exception):
    """What is wrong, and where: file, record and field."""


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def summary(self):
        lines = []
        for label, name in SUMMARY_MODELS.items():
            lines.append(
                f"{name}: {self.created[label]} created, {self.updated[label]} updated, "
                f"{self.unchanged[label]} unchanged"
            )
        total_created = sum(self.created.values())
        total_updated = sum(self.updated.values())
        lines.append(f"total: {total_created} created, {total_updated} updated")
        return "\n".join(lines)


def read_records(path):
    path = Path(path)
    if not path.exists():
        raise FixtureError(f"{path}: file not found")
    if path.is_dir():
        raise FixtureError(f"{path}: is a directory, not a fixture file")
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise FixtureError(f"{path}: the file is empty; expected a JSON list of records")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FixtureError(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, list):
        raise FixtureError(f"{path}: expected a JSON list of records, found {type(data).__name__}")
    if not data:
        raise FixtureError(f"{path}: the list of records is empty")
    return data


class Loader:
    def __init__(self, path):
        self.path = Path(path)
        self.result = LoadResult()
        self.seen = {}  # (model label, natural key) -> record number

    def where(self, number, label, key=None):
        place = f"{self.path}: record {number} ({label}"
        if key is not None:
            place += f" {list(key)}"
        return place + ")"

    def load(self, dry_run=False):
        records = read_records(self.path)
        checked = [self.check_shape(n, record) for n, record in enumerate(records, start=1)]
        checked.sort(key=lambda item: MODEL_ORDER.index(item[1]))
        with transaction.atomic():
            for number, label, fields in checked:
                self.apply(number, label, fields)
            if dry_run:
                transaction.set_rollback(True)
        return self.result

    def check_shape(self, number, record):
        if not isinstance(record, dict):
            raise FixtureError(
                f"{self.path}: record {number}: expected an object, found {type(record).__name__}"
            )
        unknown_keys = set(record) - {"model", "fields"}
        if "pk" in unknown_keys:
            raise FixtureError(
                f'{self.path}: record {number}: has a "pk"; edition fixtures use natural keys only'
            )
        if unknown_keys:
            raise FixtureError(f"{self.path}: record {number}: unknown key(s) {sorted(unknown_keys)}")
        label = record.get("model")
        if not isinstance(label, str) or label.lower() not in MODEL_ORDER:
            raise FixtureError(
                f"{self.path}: record {number}: unknown model {label!r}; expected one of "
                + ", ".join(MODEL_ORDER)
            )
        fields = record.get("fields")
        if not isinstance(fields, dict):
            raise FixtureError(f'{self.path}: record {number} ({label}): "fields" must be an object')
        model = apps.get_model(label)
        known = {f.name for f in model._meta.concrete_fields if not f.primary_key}
        for name in fields:
            if name not in known:
                raise FixtureError(
                    f"{self.where(number, label)}, field {name!r}: unknown field; "
                    f"{label} has: {', '.join(sorted(known))}"
                )
        return number, label.lower(), fields

    def convert(self, number, label, model, name, value):
        model_field = model._meta.get_field(name)
        place = f"{self.where(number, label)}, field {name!r}"
        if value is None:
            if not model_field.null:
                raise FixtureError(f"{place}: may not be null")
            return None
        if model_field.is_relation:
            if not isinstance(value, list):
                raise FixtureError(f"{place}: expected a natural key in a list, e.g. [2024], found {value!r}")
            related = model_field.related_model
            try:
                return related._default_manager.get_by_natural_key(*value)
            except (ObjectDoesNotExist, TypeError):
                raise FixtureError(
                    f"{place}: no {related._meta.label_lower} with natural key {value} "
                    "in the file or the database"
                ) from None
        expected = self.expected_type(model_field)
        if expected and (not isinstance(value, expected) or isinstance(value, bool) and bool not in expected):
            names = " or ".join(t.__name__ for t in expected)
            raise FixtureError(f"{place}: expected {names}, found {type(value).__name__} {value!r}")
        try:
            return model_field.to_python(value)
        except ValidationError as error:
            raise FixtureError(f"{place}: {' '.join(error.messages)}") from None

    @staticmethod
    def expected_type(model_field):
        if isinstance(model_field, models.BooleanField):
            return (bool,)
        if isinstance(model_field, INT_FIELDS):
            return (int,)
        if isinstance(model_field, (models.DateField, models.TimeField, models.FileField) + TEXT_FIELDS):
            return (str,)
        return None

    def apply(self, number, label, fields):
        model = apps.get_model(label)
        values = {name: self.convert(number, label, model, name, value) for name, value in fields.items()}
        candidate = model(**values)
        try:
            key = candidate.natural_key()
        except (ObjectDoesNotExist, AttributeError):
            raise FixtureError(
                f"{self.where(number, label)}: the fields that make up its natural key are missing"
            ) from None
        if (label, key) in self.seen:
            raise FixtureError(
                f"{self.where(number, label, key)}: duplicate of record {self.seen[(label, key)]} "
                "(same natural key, e.g. the same slug twice)"
            )
        self.seen[(label, key)] = number
        try:
            instance = model._default_manager.get_by_natural_key(*key)
        except model.DoesNotExist:
            instance, changed = candidate, None
        else:
            changed = [n for n, v in values.items() if self.differs(getattr(instance, n), v)]
            for name in changed:
                setattr(instance, name, values[name])
        try:
            instance.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"field {name!r}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
                for name, messages in error.message_dict.items()
            )
            raise FixtureError(f"{self.where(number, label, key)}: {problems}") from None
        if changed is None:
            instance.save()
            self.result.created[label] += 1
        elif changed:
            instance.save(update_fields=[model._meta.get_field(n).attname for n in changed])
            self.result.updated[label] += 1
        else:
            self.result.unchanged[label] += 1

    @staticmethod
    def differs(current, new):
        if isinstance(current, models.Model) or isinstance(new, models.Model):
            return getattr(current, "pk", None) != getattr(new, "pk", None)
        if isinstance(current, models.fields.files.FieldFile):
            return (current.name or "") != (new or "")
        return current != new


def load_edition_file(path, dry_run=False):
    return Loader(path).load(dry_run=dry_run)
