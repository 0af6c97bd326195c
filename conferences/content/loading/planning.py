"""A Plan: what loading a file would do, worked out with reads only.

Every record is checked, converted and compared with what the database holds: records to
create, field-by-field changes of existing records (those of shared records — people,
organisations, venues — apart), and every error with file, record and field. Writing the plan
is writing.apply_plan().

Records that are not in the database yet get a placeholder id (negative, never written) so
that model validation, which compares ids (a quote's session must belong to the quote's
edition), sees the relations within the file as they will be.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import models

from conferences.content.loading.errors import FixtureError
from conferences.content.loading.reading import read_records
from conferences.content.loading.validation import (
    EDITION_MODELS,
    MODEL_ORDER,
    SHARED_MODELS,
    check_key,
    check_shape,
    convert_scalar,
    loadable_fields,
    own_editions,
    scope_error,
    where,
)
from conferences.models import Edition
from vmc_project.text import name_key

SUMMARY_MODELS = {
    "conferences.edition": "editions",
    "conferences.session": "sessions",
    "speakers.person": "people",
    "conferences.participation": "participations",
    "conferences.quote": "quotes",
    "speakers.organisation": "organisations",
    "conferences.venue": "venues",
    "conferences.editionpartner": "partners",
    "conferences.teammember": "team members",
    "conferences.editioncredit": "credits",
    "conferences.sessionsegment": "session segments",
}
MAX_ERRORS_SHOWN = 30
SHOWN_VALUE_CHARS = 200


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class Entry:
    """One record of the file and what loading it would do."""

    number: int
    label: str
    key: tuple
    instance: models.Model
    created: bool
    changes: list = field(default_factory=list)
    shown_at: list = field(default_factory=list)  # shared records: editions showing them

    @property
    def shared(self):
        return self.label in SHARED_MODELS

    def title(self):
        return f"{self.label.split('.')[1]} {json.dumps(list(self.key), ensure_ascii=False)}"


@dataclass
class Plan:
    name: str
    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    own_editions: set = field(default_factory=set)

    @property
    def creations(self):
        return [e for e in self.entries if e.created]

    @property
    def changes(self):
        """Existing records of the file's editions that would change (need --update)."""
        return [e for e in self.entries if not e.created and e.changes and not e.shared]

    @property
    def shared_changes(self):
        """Existing people, organisations and venues that would change (need --update-shared)."""
        return [e for e in self.entries if not e.created and e.changes and e.shared]

    @property
    def changes_existing(self):
        return bool(self.changes or self.shared_changes)

    def counts(self):
        created, updated, unchanged = Counter(), Counter(), Counter()
        for entry in self.entries:
            counter = created if entry.created else updated if entry.changes else unchanged
            counter[entry.label] += 1
        return created, updated, unchanged

    def summary(self):
        created, updated, unchanged = self.counts()
        lines = [
            f"{name}: {created[label]} created, {updated[label]} updated, {unchanged[label]} unchanged"
            for label, name in SUMMARY_MODELS.items()
        ]
        lines.append(f"total: {sum(created.values())} created, {sum(updated.values())} updated")
        return "\n".join(lines)

    def change_lines(self, entries):
        lines = []
        for entry in entries:
            suffix = ""
            if entry.shared:
                others = [year for year in entry.shown_at if year not in self.own_editions]
                suffix = (
                    f" (also shown at {', '.join(map(str, others))})"
                    if others
                    else " (shown at no other edition)"
                )
            for change in entry.changes:
                lines.append(
                    f"{entry.title()} {change.field}: {show(change.old)} → {show(change.new)}{suffix}"
                )
        return lines

    def describe(self, list_creations=True):
        """The plan as the command prints it; the summary gives the counts of creations."""
        lines = []
        creations = self.creations
        if creations and list_creations:
            lines.append(f"To create ({len(creations)}):")
            lines += [f"  {entry.title()}" for entry in creations]
        if self.changes:
            lines.append(f"Changes to existing records, applied with --update ({len(self.changes)}):")
            lines += [f"  {line}" for line in self.change_lines(self.changes)]
        if self.shared_changes:
            lines.append(
                f"Changes to shared records, applied with --update-shared ({len(self.shared_changes)}):"
            )
            lines += [f"  {line}" for line in self.change_lines(self.shared_changes)]
        if not lines:
            lines.append("Nothing to create or change.")
        return "\n".join(lines)

    def missing_flags(self, update=False, update_shared=False):
        """The flags this plan needs and was not given, e.g. ['--update']."""
        missing = []
        if self.changes and not update:
            missing.append("--update")
        if self.shared_changes and not update_shared:
            missing.append("--update-shared")
        return missing

    def error_text(self):
        shown = self.errors[:MAX_ERRORS_SHOWN]
        if len(self.errors) > MAX_ERRORS_SHOWN:
            shown.append(f"... and {len(self.errors) - MAX_ERRORS_SHOWN} more errors")
        return "\n".join(shown)


def show(value):
    if isinstance(value, models.Model):
        return json.dumps(list(value.natural_key()), ensure_ascii=False)
    if isinstance(value, models.fields.files.FieldFile):
        value = value.name or ""
    if value is None:
        return "(empty)"
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and len(value) > SHOWN_VALUE_CHARS:
        return repr(value[:SHOWN_VALUE_CHARS] + "…") + f" ({len(value):,} characters)"
    return repr(value)


class Planner:
    def __init__(self, name, also_editions=()):
        self.name = name
        self.also = set(also_editions)
        self.plan = Plan(name=name)
        self.planned = {}  # (label, key) -> Entry
        self.failed = {}  # (label, key) -> record number of a record with errors
        self.found = {}  # (label, key) -> instance in the database, or None
        self.name_keys = {}  # name_key -> Entry of a person in this file

    def existing(self, label, key):
        if (label, key) not in self.found:
            model = apps.get_model(label)
            try:
                self.found[(label, key)] = model._default_manager.get_by_natural_key(*key)
            except (ObjectDoesNotExist, MultipleObjectsReturned):
                self.found[(label, key)] = None
        return self.found[(label, key)]

    def make(self, records):
        checked = []
        for number, record in enumerate(records, start=1):
            try:
                checked.append(check_shape(self.name, number, record))
            except FixtureError as error:
                self.plan.errors.append(str(error))
        declared, own = own_editions(records, self.existing_years(records))
        self.plan.own_editions = own
        checked.sort(key=lambda item: MODEL_ORDER.index(item[1]))
        for number, label, fields in checked:
            try:
                self.plan_record(number, label, fields)
            except FixtureError as error:
                self.plan.errors.append(str(error))
        if not self.plan.errors:
            self.find_shown_at()
        self.plan.entries.sort(key=lambda entry: entry.number)
        return self.plan

    @staticmethod
    def existing_years(records):
        years = [
            r["fields"].get("year")
            for r in records
            if isinstance(r, dict) and str(r.get("model", "")).lower() == "conferences.edition"
            if isinstance(r.get("fields"), dict)
        ]
        years = [y for y in years if isinstance(y, int) and not isinstance(y, bool) and 0 <= y <= 32767]
        return set(Edition.objects.filter(year__in=years).values_list("year", flat=True))

    def convert(self, number, label, model_field, value):
        place = f"{where(self.name, number, label)}, field {model_field.name!r}"
        if not model_field.is_relation:
            try:
                return convert_scalar(label, model_field, value)
            except ValueError as error:
                raise FixtureError(f"{place}: {error}") from None
        if value is None:
            if not model_field.null:
                raise FixtureError(f"{place}: may not be null")
            return None
        related = model_field.related_model._meta.label_lower
        try:
            key = check_key(related, value)
        except ValueError as error:
            raise FixtureError(f"{place}: {error}") from None
        if (related, key) in self.planned:
            return self.planned[(related, key)].instance
        if (related, key) in self.failed:
            raise FixtureError(
                f"{place}: refers to record {self.failed[(related, key)]} ({related} {list(key)}), "
                "which has errors"
            )
        instance = self.existing(related, key)
        if instance is None:
            raise FixtureError(
                f"{place}: no {related} with natural key {list(key)} in the file or the database"
            )
        return instance

    def plan_record(self, number, label, fields):
        model = apps.get_model(label)
        known = loadable_fields(model)
        values = {name: self.convert(number, label, known[name], value) for name, value in fields.items()}
        candidate = model(**values)
        try:
            key = tuple(candidate.natural_key())
        except (ObjectDoesNotExist, AttributeError):
            raise FixtureError(
                f"{where(self.name, number, label)}: the fields that make up its natural key are missing"
            ) from None
        place = where(self.name, number, label, key)
        try:
            self.check_record(number, label, model, key, values, candidate, place)
        except FixtureError:
            self.failed.setdefault((label, key), number)
            raise

    def check_record(self, number, label, model, key, values, candidate, place):
        if (label, key) in self.planned or (label, key) in self.failed:
            first = (
                self.planned[(label, key)].number
                if (label, key) in self.planned
                else self.failed[(label, key)]
            )
            raise FixtureError(
                f"{place}: duplicate of record {first} (same natural key, e.g. the same slug twice)"
            )
        if label in EDITION_MODELS:
            year = key[0]
            problem = scope_error(year, self.plan.own_editions, self.also)
            if problem and self.existing("conferences.edition", (year,)) is not None:
                raise FixtureError(f"{place}: {problem}")
        instance = self.existing(label, key)
        if instance is None:
            entry = Entry(number, label, key, candidate, created=True)
            candidate.pk = -number  # placeholder; see the module's docstring
        else:
            entry = Entry(number, label, key, instance, created=False)
            for name, value in values.items():
                if differs(instance, model._meta.get_field(name), value):
                    entry.changes.append(Change(name, getattr(instance, name), value))
                    setattr(instance, name, value)
        if label == "speakers.person":
            self.check_person(entry, place)
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        try:
            entry.instance.full_clean(exclude=relations)
        except ValidationError as error:
            problems = "; ".join(
                f"field {name!r}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
                for name, messages in error.message_dict.items()
            )
            raise FixtureError(f"{place}: {problems}") from None
        self.planned[(label, key)] = entry
        self.plan.entries.append(entry)

    def check_person(self, entry, place):
        """One person, one spelling: a name (NFC, case-folded) or slug already taken is refused."""
        person = entry.instance
        key = name_key(person.name)
        twin = self.name_keys.get(key)
        if twin is not None:
            raise FixtureError(
                f"{place}: {person.name!r} is the same name as record {twin.number} "
                f"(speakers.person {list(twin.key)}); one person, one record: refer to that slug instead"
            )
        self.name_keys[key] = entry
        if not entry.created and not any(c.field == "name" for c in entry.changes):
            return
        Person = type(person)
        namesake = Person.objects.filter(name_key=key).exclude(pk=person.pk).first()
        if namesake is None and entry.created:
            namesake = Person.objects.filter(slug__iexact=person.slug).first()
        if namesake is not None:
            raise FixtureError(
                f"{place}: {person.name!r} is already person [{namesake.slug!r}] "
                f"({namesake.get_absolute_url()}); refer to that slug instead"
            )

    def find_shown_at(self):
        """For each changed shared record, the editions that show it."""
        from conferences.models import (
            EditionCredit,
            EditionPartner,
            Participation,
            Quote,
            Session,
            TeamMember,
        )

        sources = {
            "speakers.person": [
                (Participation, "person"),
                (TeamMember, "person"),
                (Quote, "person"),
                (EditionCredit, "person"),
            ],
            "speakers.organisation": [(Participation, "organisation"), (EditionPartner, "organisation")],
            "conferences.venue": [(Edition, "venue"), (Session, "venue")],
        }
        for label, relations in sources.items():
            entries = {e.instance.pk: e for e in self.plan.shared_changes if e.label == label}
            if not entries:
                continue
            years = {pk: set() for pk in entries}
            for model, fk in relations:
                year_path = "year" if model is Edition else "edition__year"
                rows = model.objects.filter(**{f"{fk}__in": list(entries)}).values_list(f"{fk}_id", year_path)
                for pk, year in rows.distinct():
                    years[pk].add(year)
            for pk, entry in entries.items():
                entry.shown_at = sorted(years[pk])


def differs(instance, model_field, new):
    if model_field.is_relation:
        return getattr(instance, model_field.attname) != (new.pk if new is not None else None)
    current = getattr(instance, model_field.name)
    if isinstance(current, models.fields.files.FieldFile):
        return (current.name or "") != (new or "")
    return current != new


def make_plan(path, also_editions=(), max_bytes=None, name=None):
    """The plan for loading the file at `path`; errors are in plan.errors, nothing is written."""
    name = name or str(path)
    try:
        records = read_records(path, max_bytes=max_bytes, name=name)
    except FixtureError as error:
        return Plan(name=name, errors=[str(error)])
    return Planner(name, also_editions).make(records)
