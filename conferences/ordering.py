"""Programme order, defined once (Session.Meta.ordering uses it too): by day, then start time,
then the editors' order within a slot. A session without a day or time comes after those with
one (`nulls_last`, which SQLite and PostgreSQL would otherwise place differently).

`programme_order()` orders sessions; `programme_order("session")` orders what hangs off a
session (participations, quotes), and puts what has no session at the end.
"""

from django.db.models import F


def programme_order(via=""):
    prefix = f"{via}__" if via else ""
    return [
        F(f"{prefix}date").asc(nulls_last=True),
        F(f"{prefix}start_time").asc(nulls_last=True),
        F(f"{prefix}order").asc(nulls_last=True),
    ]
