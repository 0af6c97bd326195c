"""Settings for the test suite (pyproject.toml names this module for pytest): development's, with
a throw-away SECRET_KEY when none is set. It goes into the environment before the settings read
it, so the servers and commands the tests start in processes of their own share it."""

import os

from django.core.management.utils import get_random_secret_key

os.environ.setdefault("SECRET_KEY", get_random_secret_key())

from vmc_project.settings_dev import *  # noqa: E402, F403

# Hashing a password the production way takes a good part of a second by design; the tests sign
# in editors hundreds of times. What is tested is who may sign in, not the hash's cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
