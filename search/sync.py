"""Keeping the index in step with the content.

Any SQL statement that writes to a content table (`conferences_*`, `speakers_*`) — a save or
delete in the admin, a publish, a queryset `update()`, `load_edition` (raw saves), a restore
from history or from a backup, `reset_content`'s raw deletes — schedules a rebuild of the whole
index for when its transaction commits (at once outside a transaction). The same watch as the
page cache (vmc_project/pagecache.py), so no write path can be missed the way signals miss
`update()` and raw deletes. However many writes a transaction makes, it rebuilds once; a
rolled-back transaction rebuilds nothing.

A rebuild that fails (it runs after the edit has committed) is logged and does not fail the
editor's request; the next write rebuilds again, or run `manage.py rebuild_search_index`.

`migrate` suspends the watch (the index table may not exist yet) and rebuilds at its end.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

from vmc_project.pagecache import CONTENT_TABLES, WRITES

_state = threading.local()


def _suspended():
    return getattr(_state, "suspended", False)


def rebuild_when_committed(using=DEFAULT_DB_ALIAS):
    """Mark the index stale and rebuild it when the current transaction commits."""
    _state.stale = True
    connection = connections[using]

    def rebuild():
        if getattr(_state, "stale", False) and not _suspended():
            _state.stale = False
            from .index import rebuild_index

            rebuild_index(using=using)

    # One callback per write: the first to run rebuilds, the others find the index fresh. (Not
    # one per transaction: a test's capture of on_commit callbacks must see its own.)
    connection.on_commit(rebuild, robust=True)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _suspended() and sql.lstrip()[:8].upper().startswith(WRITES) and CONTENT_TABLES.search(sql):
        rebuild_when_committed(context["connection"].alias)
    return result


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
        from .index import rebuild_index

        rebuild_index(using=using)


def keep_index_in_sync():
    """Called once at start-up (search.apps)."""
    connection_created.connect(install, dispatch_uid="vmc_search_install")
    for connection in connections.all(initialized_only=True):
        install(connection)
    pre_migrate.connect(suspend, dispatch_uid="vmc_search_suspend")
    post_migrate.connect(resume, dispatch_uid="vmc_search_resume")
