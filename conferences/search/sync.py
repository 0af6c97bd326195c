"""Keeping the index in step with the content: it receives `content_changed`
(vmc_project/writes.py), which every write to a content table sends, and rebuilds the index whole:

- for a write inside a transaction (the admin, every command here), when that transaction
  commits, once however many writes it made; a rolled-back transaction rebuilds nothing;
- for a write outside any transaction (a script, a test), before the next search and at the end
  of the next request of this process: never in the middle of the statement, whose rows Django
  may still be reading.

A rebuild that fails after an edit has committed is logged and does not fail the editor's
request; the next write rebuilds again, or run `manage.py rebuild_search_index`. After
`migrate`, the index is rebuilt once the search table exists.
"""

import logging

from django.core.signals import request_finished
from django.db import DatabaseError
from django.dispatch import receiver

from conferences.search.index import rebuild_index, unindexed_writes
from vmc_project.writes import Moment, content_changed

log = logging.getLogger(__name__)


@receiver(content_changed, dispatch_uid="vmc_search_rebuild")
def rebuild_on_change(using, moment, **kwargs):
    if moment is Moment.AUTOCOMMITTED:
        unindexed_writes.set()
    elif moment is Moment.COMMITTED:
        rebuild_index(using=using)


def ensure_fresh(**kwargs):
    """Rebuild now if a write made outside a transaction has not been indexed yet."""
    if unindexed_writes.is_set():
        unindexed_writes.clear()
        try:
            rebuild_index()
        except DatabaseError:
            log.exception("The search index could not be rebuilt")


def keep_index_in_sync():
    """Called once at start-up (search.apps)."""
    request_finished.connect(ensure_fresh, dispatch_uid="vmc_search_ensure_fresh")
