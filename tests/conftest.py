from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from devtools.local_server import serve_prepared

from .loaded_data import editions_snapshot
from .public_site import shared_site


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


@pytest.fixture(scope="session")
def _loaded_editions(django_db_setup, django_db_blocker):
    """Every documented edition (fixtures/vmc*.json) loaded once per test session (per xdist
    worker) the way staff load them, read back as rows, then rolled back: see `all_editions`."""
    with django_db_blocker.unblock():
        return editions_snapshot(sorted(Path("fixtures").glob("vmc*.json")))


@pytest.fixture
def all_editions(db, _loaded_editions):
    """The database as `load_edition fixtures/vmc*.json` leaves it, in milliseconds: the rows
    the session's one load wrote, inserted again. A test's writes are rolled back with it (or,
    in a transactional test, flushed after it), so every test starts from the same editions."""
    _loaded_editions.restore()


@pytest.fixture
def editor_client(client):
    """A client logged in as a staff member of the Editors group."""
    user = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def public_site_url(tmp_path_factory, worker_id):
    """The public site with the documented editions, served as production serves it (gunicorn,
    DEBUG off) from a copy of its own, for the browser tests (tests/public_site.py)."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent  # one copy for all xdist workers
    with serve_prepared(shared_site(shared / "public-site"), workers=1) as url:
        yield url
