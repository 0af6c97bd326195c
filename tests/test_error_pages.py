"""Error pages in the site's design: 404, 403 (admin), CSRF failure, and a 500 page that
renders with the database down."""

from unittest import mock

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from .factories import make_user
from .html import parse

pytestmark = pytest.mark.django_db

STYLESHEET = "/static/css/site.css"


def looks_like_the_site(response):
    html = response.content.decode()
    return STYLESHEET in html and "Vienna Migration Conference" in html and 'class="site-footer"' in html


def database_down():
    return mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("the database is unavailable")
    )


def test_the_500_page_renders_without_the_database():
    request = RequestFactory().get("/2024/")
    with database_down():
        response = server_error(request)
    assert response.status_code == 500
    page = parse(response)
    assert page.h1 == ["Something went wrong on our side"]
    assert looks_like_the_site(response)


def test_a_request_with_the_database_down_gets_the_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/2024/")
    assert response.status_code == 500
    assert parse(response).h1 == ["Something went wrong on our side"]
    assert looks_like_the_site(response)


def test_the_404_page_is_in_the_sites_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert parse(response).h1 == ["Page not found"]
    assert looks_like_the_site(response)


def test_the_403_page_for_a_staff_member_without_rights_is_in_the_sites_design(client):
    client.force_login(make_user("visitor", staff=True))
    response = client.get("/admin/speakers/person/")
    assert response.status_code == 403
    assert parse(response).h1 == ["You may not open this page"]
    assert looks_like_the_site(response)
    assert "403 Forbidden" not in response.content.decode()


def test_a_form_without_its_csrf_token_gets_the_sites_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert parse(response).h1 == ["This form could not be sent"]
    assert looks_like_the_site(response)
