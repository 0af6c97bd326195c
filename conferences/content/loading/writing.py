"""Write a plan: one short transaction, nothing but inserts and the planned updates.

apply_plan() is the only function here that writes; it writes inside one django-reversion
revision ("Loaded vmc2025.json", with the user when the admin page loads it), so every record a
load creates or changes shows in the admin's history and can be reverted there.
"""

from pathlib import Path

from django.db import DatabaseError, transaction

from conferences.content.backup import create_backup
from conferences.content.history import recorded
from conferences.content.loading.errors import FixtureError
from conferences.content.loading.validation import MODEL_ORDER


def apply_plan(plan, *, update=False, update_shared=False, user=None):
    """Write `plan` (from planning.make_plan) all or nothing; returns the plan.

    Changes to existing records are written only with `update` (records of the file's
    editions) and `update_shared` (people, organisations, venues); without them nothing is
    written and FixtureError says which flag would apply the plan."""
    if plan.errors:
        raise FixtureError(plan.error_text())
    missing = plan.missing_flags(update=update, update_shared=update_shared)
    if missing:
        raise FixtureError(f"{plan.name}: changes existing records; apply them with {' and '.join(missing)}")
    entries = sorted(plan.entries, key=lambda entry: (MODEL_ORDER.index(entry.label), entry.number))
    try:
        with recorded(f"Loaded {Path(plan.name).name}", user), transaction.atomic():
            for entry in entries:
                if entry.created or entry.changes:
                    write(entry)
    except DatabaseError as error:
        raise FixtureError(
            f"{plan.name}: the database refused the load ({error}); it may have changed since "
            "the plan was made. Nothing was written; run the load again."
        ) from None
    return plan


def write(entry):
    instance = entry.instance
    # References to records created above: take their real ids now (see planning).
    for model_field in type(instance)._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(instance):
            related = model_field.get_cached_value(instance)
            if related is not None:
                setattr(instance, model_field.name, related)
    if entry.created:
        instance.pk = None
        instance.save(force_insert=True)
    else:
        fields = [type(instance)._meta.get_field(change.field).attname for change in entry.changes]
        instance.save(update_fields=fields)


def backup_before(plan, directory=None):
    """A backup (conferences.content.backup) when the plan changes existing records; None otherwise."""
    if not plan.changes_existing:
        return None
    return create_backup(f"before loading {Path(plan.name).stem}", directory=directory)
