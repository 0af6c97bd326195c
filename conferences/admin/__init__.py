"""The editors' admin: every content model registered here, by the modules of this package."""

from conferences.admin import editions, people  # noqa: F401  (each registers its model admins)
