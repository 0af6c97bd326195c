from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _backups_in_a_temporary_directory(settings, tmp_path_factory):
    """Loads that change existing records write a backup; never into the checkout."""
    settings.BACKUP_DIR = tmp_path_factory.mktemp("backups")


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings, tmp_path_factory):
    """Each test starts with no cached page (its database starts afresh too)."""
    from django.core.cache import cache

    settings.CONTENT_VERSION_FILE = tmp_path_factory.mktemp("page-cache") / "content-version"
    cache.clear()


@pytest.fixture
def all_editions(db):
    """Every documented edition (fixtures/vmc*.json), loaded the way staff load them."""
    call_command(
        "load_edition",
        *sorted(str(path) for path in Path("fixtures").glob("vmc*.json")),
        stdout=StringIO(),
    )


@pytest.fixture
def editor_client(client):
    """A client logged in as a staff member of the Editors group."""
    user = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client
