"""One command gives someone editing rights: a staff account in the Editors group."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from .factories import make_edition, make_session

pytestmark = pytest.mark.django_db

GOOD = "migration-archive-editor-7"


def create_editor(*args):
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


def test_the_new_editor_logs_in_and_sees_sessions(client, monkeypatch):
    make_session(make_edition(2030), "Opening of the conference")
    monkeypatch.setenv("EDITOR_PASSWORD", GOOD)

    output = create_editor("maria", "--email", "maria@example.org", "--password-env", "EDITOR_PASSWORD")

    assert "Created editor 'maria': staff status, member of Editors." in output
    page = client.post("/admin/login/?next=/admin/", {"username": "maria", "password": GOOD}, follow=True)
    assert page.redirect_chain[-1][0] == "/admin/"
    assert "Sessions" in page.content.decode()
    sessions = client.get("/admin/conferences/session/").content.decode()
    assert "Opening of the conference" in sessions
    assert User.objects.get(username="maria").email == "maria@example.org"


def test_the_password_is_asked_twice(monkeypatch):
    answers = iter([GOOD, GOOD])
    monkeypatch.setattr("conferences.management.commands.create_editor.getpass", lambda prompt: next(answers))
    create_editor("jonas")
    assert User.objects.get(username="jonas").check_password(GOOD)


def test_two_different_passwords_are_refused(monkeypatch):
    answers = iter([GOOD, GOOD + "x"])
    monkeypatch.setattr("conferences.management.commands.create_editor.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="The two passwords differ"):
        create_editor("jonas")
    assert not User.objects.filter(username="jonas").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("4815162342", "This password is entirely numeric."),
        ("maria-archive", "The password is too similar to the username."),
    ],
)
def test_a_weak_password_is_refused_with_the_validators_message(monkeypatch, password, message):
    monkeypatch.setenv("EDITOR_PASSWORD", password)
    with pytest.raises(CommandError) as error:
        create_editor("maria-archive", "--password-env", "EDITOR_PASSWORD")
    assert message in str(error.value)
    assert "nothing was changed" in str(error.value)
    assert not User.objects.filter(username="maria-archive").exists()


def test_a_missing_password_variable_is_refused(monkeypatch):
    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="NO_SUCH_PASSWORD is not set or empty"):
        create_editor("maria", "--password-env", "NO_SUCH_PASSWORD")
    assert not User.objects.exists()


def test_an_existing_account_gets_staff_status_and_the_group(client):
    User.objects.create_user("ali", password=GOOD, is_staff=False)
    # django-axes checks each login against its request; the test client's login passes none itself.
    assert client.login(request=HttpRequest(), username="ali", password=GOOD)
    assert client.get("/admin/").status_code == 302  # not staff: back to the login page

    output = create_editor("ali", "--keep-password")

    assert "Updated editor 'ali'" in output
    user = User.objects.get(username="ali")
    assert user.is_staff and user.groups.filter(name="Editors").exists()
    assert "Sessions" in client.get("/admin/").content.decode()
