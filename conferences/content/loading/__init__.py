"""Load an edition file safely (fixtures/AUTHORING.md).

reading     file -> list of records (size cap, UTF-8, nesting cap, JSON)
validation  shapes, types, caps, paths, URLs, natural keys, which editions a file may touch
planning    a Plan: records to create, field-by-field changes, changes to shared records, errors
writing     apply_plan(): the plan in one short transaction

All reading, checking and planning happens before the one write transaction.
"""

from conferences.content.loading.errors import FixtureError
from conferences.content.loading.planning import Plan, make_plan
from conferences.content.loading.writing import apply_plan, backup_before

__all__ = ["FixtureError", "Plan", "apply_plan", "backup_before", "load_edition_file", "make_plan"]


def load_edition_file(
    path, dry_run=False, *, update=False, update_shared=False, also_editions=(), max_bytes=None
):
    """Plan and (unless `dry_run`) write the file at `path`; FixtureError if refused."""
    plan = make_plan(path, also_editions=also_editions, max_bytes=max_bytes)
    if plan.errors:
        raise FixtureError(plan.error_text())
    if not dry_run:
        apply_plan(plan, update=update, update_shared=update_shared)
    return plan
