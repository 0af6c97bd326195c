"""Hardening: response headers, refusals (no secret key, oversized requests, repeated wrong
admin passwords, non-canonical URLs), settings read from the environment, quiet 404 logs."""

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from .factories import make_edition

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "vmc.example.org",
    "SECURE_SSL_REDIRECT": "True",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
    "SECURE_HSTS_PRELOAD": "True",
    "SESSION_COOKIE_SECURE": "True",
    "CSRF_COOKIE_SECURE": "True",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def manage(*args, env=None, cwd=ROOT):
    """manage.py in a fresh process with only the given settings in its environment (and no .env
    values taken for them: an empty variable counts as set)."""
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment does not.
    left_out = {*PRODUCTION, "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in left_out}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=cwd,
        env={**base, "SECRET_KEY": "", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_what_the_local_defaults_lack():
    result = manage("check", "--deploy", env={"SECRET_KEY": secrets.token_urlsafe(50)})
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr


def test_without_secret_key_and_debug_off_the_site_refuses_to_start_and_says_what_to_set():
    result = manage("check", env={"DEBUG": "False", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_without_secret_key_the_wsgi_application_refuses_too():
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", "import vmc_project.wsgi"],
        cwd=ROOT,
        env={**base, "SECRET_KEY": "", "DEBUG": "False"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_with_debug_on_a_missing_secret_key_is_generated():
    result = manage("check", env={"DEBUG": "True", "SECRET_KEY": ""})
    assert result.returncode == 0, result.stderr


PRINT_PATHS = (
    "from django.conf import settings; "
    "print(settings.DATABASES['default']['NAME']); print(settings.MEDIA_ROOT); "
    "print(settings.STATIC_ROOT); print(settings.BACKUP_DIR); print(settings.SECURE_PROXY_SSL_HEADER)"
)


def test_relative_paths_in_the_environment_are_taken_from_the_project_directory(tmp_path):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "sqlite:///db.sqlite3",
        "MEDIA_ROOT": "media",
        "STATIC_ROOT": "staticfiles",
        "BACKUP_DIR": "backups",
    }
    result = manage("shell", "--no-imports", "-c", PRINT_PATHS, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        str(ROOT / "db.sqlite3"),
        str(ROOT / "media"),
        str(ROOT / "staticfiles"),
        str(ROOT / "backups"),
    ]
    assert not (tmp_path / "db.sqlite3").exists()


def test_proxy_ssl_header_is_read_from_the_environment():
    result = manage("shell", "--no-imports", "-c", PRINT_PATHS, env=PRODUCTION)
    assert result.stdout.splitlines()[4] == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_malformed_proxy_ssl_header_is_refused_with_an_example():
    result = manage("check", env={**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"})
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be a header and a value" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/2024/agenda/", "/admin/login/", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    make_edition(2024)
    response = client.get(path)
    assert sorted(response["Content-Security-Policy"].split("; ")) == sorted(CSP.split("; "))
    assert response["Permissions-Policy"] == (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
        "payment=(), usb=()"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_and_ssl_redirect_follow_the_settings(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    make_edition(2024)

    plain = client.get("/2024/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/2024/"
    behind_proxy = client.get("/2024/", HTTP_X_FORWARDED_PROTO="https")
    assert behind_proxy.status_code == 200
    assert behind_proxy["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/02024/", "/02024/agenda/", "/002024/schedule.json", "/0/"])
def test_a_year_written_with_leading_zeros_is_not_a_second_address_of_the_page(client, path):
    make_edition(2024)
    assert client.get("/2024/").status_code == 200
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_a_request_body_above_the_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post("/admin/login/", data=b"x", content_type="text/plain", CONTENT_LENGTH="5000")
    assert response.status_code == 413
    assert response.content.decode() == "The request is 5000 bytes; the limit is 1000 bytes.\n"


@pytest.mark.django_db
def test_form_data_above_the_upload_memory_limit_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/admin/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_404_is_logged_below_warning(client, caplog):
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        client.get("/no-such-page/")
    levels = {
        record.getMessage(): record.levelno for record in caplog.records if record.name == "django.request"
    }
    assert levels["Not Found: /no-such-page/"] == logging.INFO


@pytest.mark.django_db
def test_a_403_is_still_logged_as_a_warning(caplog):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.DEBUG, logger="django"):
        assert client.post("/admin/login/", {"username": "x"}).status_code == 403
    forbidden = [r for r in caplog.records if r.name.startswith("django.") and "Forbidden" in r.getMessage()]
    assert forbidden and forbidden[0].levelno == logging.WARNING


def login(client, password):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "maria", "password": password}, REMOTE_ADDR="203.0.113.7"
    )


@pytest.mark.django_db
def test_repeated_wrong_admin_passwords_are_refused_and_logged(client, caplog):
    User.objects.create_user("maria", password="the-right-password-1", is_staff=True)
    with caplog.at_level(logging.WARNING, logger="axes"):
        answers = [login(client, f"wrong-{n}").status_code for n in range(6)]
    # the login form again, with its error, four times; then refused
    assert answers == [200, 200, 200, 200, 429, 429]
    assert any("login failure" in r.getMessage() and "maria" in r.getMessage() for r in caplog.records)

    locked = login(client, "the-right-password-1")
    assert locked.status_code == 429
    assert locked.content.decode() == (
        "Too many failed login attempts for this username from your address. Try again in 15 minutes."
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_few_wrong_passwords_do_not_lock_out_the_right_one(client):
    User.objects.create_user("maria", password="the-right-password-1", is_staff=True)
    for n in range(3):
        login(client, f"wrong-{n}")
    response = login(client, "the-right-password-1")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
