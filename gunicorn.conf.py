"""gunicorn's settings file, read from the working directory by `make serve` and in production.

Command-line flags (bind, workers) override it."""

import gc


def post_worker_init(worker):
    # The application is loaded: its modules, URL patterns and templates live as long as the
    # worker. Freezing them keeps every garbage collection from walking them again.
    gc.freeze()
