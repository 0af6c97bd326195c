"""Keeping the index in step with the content.

Any SQL statement that writes to a content table (`conferences_*`, `speakers_*`) — a save or
delete in the admin, a publish, a queryset `update()`, `load_edition` (raw saves), a restore
from history or from a backup, `reset_content`'s raw deletes — marks the index stale; it is
rebuilt whole:

- for a write inside a transaction (the admin, every command here), when that transaction
  commits, once however many writes it made; a rolled-back transaction rebuilds nothing;
- for a write outside any transaction (a script, a test), before the next search and at the end
  of the next request of this process: never in the middle of the statement, whose rows Django
  may still be reading.

The same watch as the page cache (vmc_project/pagecache.py), so no write path is missed the way
signals miss `update()` and raw deletes. A rebuild that fails after an edit has committed is
logged and does not fail the editor's request; the next write rebuilds again, or run
`manage.py rebuild_search_index`.

`migrate` suspends the watch (the index table may not exist yet) and rebuilds at its end.
"""

import logging
import threading

from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

from vmc_project.pagecache import CONTENT_TABLES, WRITES

log = logging.getLogger(__name__)
_state = threading.local()
# Writes outside a transaction, in any thread of this process, not indexed yet.
unindexed_writes = threading.Event()


def _suspended():
    return getattr(_state, "suspended", False)


def rebuild_when_committed(using=DEFAULT_DB_ALIAS):
    """Mark the index stale and rebuild it when the current transaction commits."""
    _state.stale = True
    connection = connections[using]

    def rebuild():
        if getattr(_state, "stale", False) and not _suspended():
            _state.stale = False
            from conferences.search.index import rebuild_index

            rebuild_index(using=using)

    # One callback per write: the first to run rebuilds, the others find the index fresh. (Not
    # one per transaction: a test's capture of on_commit callbacks must see its own.)
    connection.on_commit(rebuild, robust=True)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _suspended() and sql.lstrip()[:8].upper().startswith(WRITES) and CONTENT_TABLES.search(sql):
        connection = context["connection"]
        if connection.in_atomic_block:
            rebuild_when_committed(connection.alias)
        else:
            unindexed_writes.set()
    return result


def ensure_fresh(**kwargs):
    """Rebuild now if a write made outside a transaction has not been indexed yet."""
    if unindexed_writes.is_set() and not _suspended():
        unindexed_writes.clear()
        from conferences.search.index import rebuild_index

        try:
            rebuild_index()
        except DatabaseError:
            log.exception("The search index could not be rebuilt")


def install(connection, **kwargs):
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def suspend(**kwargs):
    _state.suspended = True


def resume(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    """After migrate (post_migrate is sent once per app): rebuild once the index table exists."""
    if app_config.label != "search":
        return
    _state.suspended = False
    connection = connections[using]
    if "search_searchentry" in connection.introspection.table_names():
        from conferences.search.index import rebuild_index

        rebuild_index(using=using)


def keep_index_in_sync():
    """Called once at start-up (search.apps)."""
    connection_created.connect(install, dispatch_uid="vmc_search_install")
    for connection in connections.all(initialized_only=True):
        install(connection)
    pre_migrate.connect(suspend, dispatch_uid="vmc_search_suspend")
    post_migrate.connect(resume, dispatch_uid="vmc_search_resume")
    request_finished.connect(ensure_fresh, dispatch_uid="vmc_search_ensure_fresh")
