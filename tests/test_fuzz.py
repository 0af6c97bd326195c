"""No request a visitor can make gives a server error: paths built from the site's own
segments and arbitrary text, any query string, any method (hypothesis)."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEGMENTS = [
    "",
    "2024",
    "02024",
    "2017",
    "1999",
    "9999",
    "agenda",
    "sessions",
    "conference-opening",
    "organisations",
    "european-commission",
    "speakers",
    "side-events",
    "schedule.json",
    "schedule.xml",
    "agenda.ics",
    "conference-opening.ics",
    "ralph-genetzke.ics",
    "sitemap.xml",
    "robots.txt",
    "editions",
    "admin",
    "media",
    "static",
    "..",
    "%2e%2e",
    "%00",
    "login",
    "search",
]
segment = st.one_of(
    st.sampled_from(SEGMENTS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), max_size=12),
)
paths = st.lists(segment, min_size=0, max_size=5).map(
    lambda parts: "/" + "/".join(parts).lstrip("/")
) | st.sampled_from(
    ["/2024/agenda/", "/2024/schedule.json", "/speakers/", "/editions/", "/admin/login/", "/search/"]
)
query = st.dictionaries(st.one_of(st.just("q"), st.text(max_size=8)), st.text(max_size=20), max_size=3)
methods = st.sampled_from(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=paths, params=query, method=methods, with_cookie=st.booleans())
def test_no_request_gives_a_server_error(all_editions, path, params, method, with_cookie):
    client = Client(raise_request_exception=False)
    if with_cookie:
        client.cookies["sessionid"] = "not-a-session"
    body = "" if method in ("GET", "HEAD") else "x=1"
    # A real server hands the query string over percent-encoded, as urlencode writes it.
    response = client.generic(
        method,
        path,
        data=body,
        content_type="application/x-www-form-urlencoded",
        QUERY_STRING=urlencode(params),
    )
    assert response.status_code < 500, (method, path, params, response.status_code)
