from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development and benchmark tooling: listed in INSTALLED_APPS by vmc_project.settings_dev and
    settings_test only, so production never loads it."""

    name = "devtools"
