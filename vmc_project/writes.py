"""One watch over every SQL write to the content, and one signal, `content_changed`, for what
follows from it: the page cache (vmc_project/pagecache.py) and the search index
(conferences/search/sync.py) both receive it.

Any statement that writes to a content table (`conferences_*`, `speakers_*`) — a save or delete
in the admin, a publish, a queryset `update()`, `bulk_create`, `load_edition`'s raw saves, a
restore from history or from a backup, raw SQL — passes through `watch_writes`, so no write path
is missed the way model signals miss `update()` and raw deletes. Writes to sessions, login
attempts or the admin log are not content and send nothing.

`content_changed` is sent with `using` (the database alias) and `moment`:
- `WRITTEN`: a write inside a transaction that has not committed; only this thread sees it.
- `COMMITTED`: the transaction that wrote committed (once however many writes it made; never
  for a transaction rolled back).
- `AUTOCOMMITTED`: a write outside any transaction, now visible to every process; sent right
  after its statement, so a receiver must not query the database then (the search index waits
  for the end of the request).

Receivers that fail are logged and do not fail the write, which has happened. `migrate`
suspends the watch (tables may not exist yet) and sends `COMMITTED` once at its end.
"""

import enum
import logging
import re
import threading

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.dispatch import Signal

log = logging.getLogger(__name__)

CONTENT_TABLES = re.compile(r"\b\"?(conferences|speakers)_", re.IGNORECASE)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE")

content_changed = Signal()  # kwargs: using, moment
_state = threading.local()


class Moment(enum.Enum):
    WRITTEN = "written"
    COMMITTED = "committed"
    AUTOCOMMITTED = "autocommitted"


def is_content_write(sql):
    return sql.lstrip()[:8].upper().startswith(WRITES) and bool(CONTENT_TABLES.search(sql))


def send(using, moment):
    for receiver, result in content_changed.send_robust(sender=Moment, using=using, moment=moment):
        if isinstance(result, Exception):
            log.error("After a content write: %s failed", receiver.__qualname__, exc_info=result)


def _suspended():
    return getattr(_state, "suspended", False)


def _when_committed(connection):
    def committed():
        # One callback per write, so that a test's capture of on_commit callbacks sees its own;
        # the first to run sends, the others find nothing pending.
        if getattr(connection, "vmc_content_pending", False):
            connection.vmc_content_pending = False
            send(connection.alias, Moment.COMMITTED)

    return committed


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _suspended() and is_content_write(sql):
        connection = context["connection"]
        if connection.in_atomic_block:
            connection.vmc_content_pending = True
            connection.on_commit(_when_committed(connection), robust=True)
            send(connection.alias, Moment.WRITTEN)
        else:
            send(connection.alias, Moment.AUTOCOMMITTED)
    return result


def _install(connection, **kwargs):
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def _suspend(**kwargs):
    _state.suspended = True


def _resume(using="default", **kwargs):
    """post_migrate comes once per app, after every migration has run: resume at the first."""
    if _suspended():
        _state.suspended = False
        send(using, Moment.COMMITTED)


def watch_content_writes():
    """Called once at start-up (conferences.apps): watch every database connection."""
    connection_created.connect(_install, dispatch_uid="vmc_writes_install")
    for connection in connections.all(initialized_only=True):
        _install(connection)
    pre_migrate.connect(_suspend, dispatch_uid="vmc_writes_suspend")
    post_migrate.connect(_resume, dispatch_uid="vmc_writes_resume")
