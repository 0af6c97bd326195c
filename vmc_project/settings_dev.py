"""Settings for development: production's, plus the development tooling (the `devtools` app:
`make bench`, `make loadtest`, `make screenshots`, `make audit`)."""

from vmc_project.settings import *  # noqa: F403
from vmc_project.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
