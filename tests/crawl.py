"""Every public address of the site with its data loaded, and a fingerprint of each answer.

`public_urls()` lists the addresses from the URL patterns and the database, never from a list
written here: each public pattern (everything but /admin/) with every value the database holds
for its parameters (every edition, published or draft, every session, person and
organisation), the query strings the pages' own filter forms offer, a few searches, a few
addresses that must answer 404 and a few without their trailing slash (redirects).
`snapshot(client, url)` is the answer as a small dict: status, content type, Location for a
redirect, the headers (but those that follow from the body or from the time of the run), and a
sha256 of the body once what legitimately differs from one run to the next is normalised (see
`NORMALISERS` and `renumbered()`).

Models are looked up by class name and pages by their routes, not by import path or URL name,
so that moving code between packages leaves this file working: what it checks is what the
visitor sees, the routes included.
"""

import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.apps import apps
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
SEARCHES = ["migration", "zak", "", "Žák", "labour migration", "xyzzy-nothing-matches"]
# Headers left out of a snapshot: Content-Type and Location have keys of their own; ETag and
# Content-Length follow from the body (whose hash is kept); Last-Modified is when the content was
# loaded (the page cache's content version); X-Page-Cache says whether this page was asked for
# before in the run; Date, when the answer was made (WSGI servers add it; the test client does not).
UNRECORDED_HEADERS = {
    "content-type",
    "location",
    "etag",
    "content-length",
    "last-modified",
    "x-page-cache",
    "date",
}


def model(name):
    """The project's model class called `name`, whichever of its apps holds it."""
    found = [m for m in apps.get_models() if m.__name__ == name and not m.__module__.startswith("django.")]
    if len(found) != 1:
        raise LookupError(f"{len(found)} models are called {name}")
    return found[0]


# --- Addresses from the URL patterns ------------------------------------------------------------


def public_routes(patterns=None, prefix=""):
    """The route of every URL pattern outside /admin/, e.g. "<year:year>/sessions/<slug:slug>/"."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.lstrip("^").startswith("admin/"):
            continue
        if not isinstance(pattern.pattern, RoutePattern):
            raise LookupError(f"tests/crawl.py reads path() routes only, not the regex {pattern.pattern}")
        if isinstance(pattern, URLResolver):
            yield from public_routes(pattern.url_patterns, route)
        else:
            yield route


def editions():
    """(year, published) of every edition, oldest first."""
    Edition = model("Edition")
    return [(e.year, e.is_published) for e in Edition.objects.order_by("year")]


def parameter_values():
    """What fills the parameters of each kind of route: (route prefix, [{name: value}]), the
    first prefix that matches wins. Every row of the database, not only the public ones: an
    address that must answer 404 (a draft's session, a person known only as a team member)
    is checked as much as one that answers 200."""
    Session, Person, Organisation = model("Session"), model("Person"), model("Organisation")
    sessions = Session.objects.order_by("edition__year", "slug").values_list("edition__year", "slug")
    return [
        ("<year:year>/sessions/<slug:slug>", [{"year": y, "slug": s} for y, s in sessions]),
        ("<year:year>/", [{"year": year} for year, _ in editions()]),
        (
            "speakers/<slug:slug>",
            [{"slug": s} for s in Person.objects.order_by("slug").values_list("slug", flat=True)],
        ),
        (
            "organisations/<slug:slug>",
            [{"slug": s} for s in Organisation.objects.order_by("slug").values_list("slug", flat=True)],
        ),
    ]


def fill(route, values):
    return "/" + PARAMETER.sub(lambda m: str(values[m["name"]]), route)


def pattern_urls():
    """Every public route with every set of values the database has for it."""
    fillers = parameter_values()
    urls = []
    for route in public_routes():
        names = {m["name"] for m in PARAMETER.finditer(route)}
        if not names:
            urls.append(fill(route, {}))
            continue
        for prefix, rows in fillers:
            if route.startswith(prefix):
                urls += [fill(route, row) for row in rows]
                break
        else:
            raise LookupError(f"tests/crawl.py does not know what fills the parameters of /{route}")
    return urls


def draft_urls():
    """The addresses of draft editions' pages and sessions (anonymous visitors get 404)."""
    drafts = {year for year, published in editions() if not published}
    return [url for url in pattern_urls() if url.split("/")[1] in {str(year) for year in drafts}]


# --- Addresses the pages' own forms offer ---------------------------------------------------------


class _GetForms(HTMLParser):
    """The <select> choices of every GET form of a page: {action: {name: [values]}}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._action, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._action = attrs.get("action") or ""
            self.forms.setdefault(self._action, {})
        elif tag == "select" and self._action is not None:
            self._select = self.forms[self._action].setdefault(attrs.get("name"), [])
        elif tag == "option" and self._select is not None:
            self._select.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None
        elif tag == "select":
            self._select = None


def form_choices(client, path):
    """{name: [non-empty values]} of the GET form on page `path` that submits to `path`."""
    page = _GetForms()
    page.feed(client.get(path).content.decode())
    return {name: [v for v in values if v] for name, values in page.forms.get(path, {}).items()}


def filter_urls(client, path):
    """Each choice of the page's filter form on its own, and the first choices all together."""
    choices = form_choices(client, path)
    urls = [f"{path}?{urlencode({name: value})}" for name, values in choices.items() for value in values]
    firsts = {name: values[0] for name, values in choices.items() if values}
    if len(firsts) > 1:
        urls.append(f"{path}?{urlencode(firsts)}")
    return urls


def query_urls(client):
    published = [year for year, is_published in editions() if is_published]
    urls = []
    for year in published:
        urls += filter_urls(client, fill("<year:year>/agenda/", {"year": year}))
    urls += filter_urls(client, "/speakers/")
    urls += [f"/search/?{urlencode({'q': q})}" for q in SEARCHES]
    # What the filters ignore (with a note), rather than fail on.
    latest = published[-1]
    urls += [
        f"/{latest}/agenda/?day=9",
        f"/{latest}/agenda/?format=no-such-format",
        f"/{latest}/agenda/?side=sideways",
        "/speakers/?edition=1234",
        "/speakers/?edition=abc",
    ]
    return urls


# --- Addresses that do not exist, or not there ----------------------------------------------------


def missing_urls():
    """Addresses that must answer 404: an unknown year, unknown slugs, a non-canonical year."""
    years = [year for year, _ in editions()]
    latest = max(year for year, published in editions() if published)
    unknown_year = min(years) - 1
    Session, Person, Organisation = model("Session"), model("Person"), model("Organisation")
    assert not Session.objects.filter(slug="no-such-session").exists()
    assert not Person.objects.filter(slug="no-such-person").exists()
    assert not Organisation.objects.filter(slug="no-such-organisation").exists()
    return [
        f"/{unknown_year}/",
        f"/{unknown_year}/agenda/",
        f"/{unknown_year}/schedule.json",
        f"/0{latest}/",
        f"/{latest}/sessions/no-such-session/",
        f"/{latest}/sessions/no-such-session.ics",
        "/speakers/no-such-person/",
        "/speakers/no-such-person.ics",
        "/organisations/no-such-organisation/",
        "/no-such-page/",
    ]


def redirect_urls():
    """Addresses without their trailing slash (CommonMiddleware's APPEND_SLASH answers)."""
    latest = max(year for year, published in editions() if published)
    return ["/editions", "/speakers", "/organisations", "/search", f"/{latest}", f"/{latest}/agenda"]


def public_urls(client=None):
    """Every address to compare, each once, in a stable order."""
    client = client or Client()
    urls = pattern_urls() + query_urls(client) + missing_urls() + redirect_urls()
    return list(dict.fromkeys(urls))


# --- One answer as a snapshot -----------------------------------------------------------------------

NORMALISERS = [
    # iCalendar: DTSTAMP is when the file was made (calendars.calendar_file: now()).
    (re.compile(rb"^DTSTAMP(;[^:\r\n]*)?:[^\r\n]*", re.M), b"DTSTAMP:<now>"),
    # Forms: a CSRF token is new in every response. (No public page has a POST form today.)
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*'), rb"\1<csrf>"),
    # A CSP nonce is new in every response. (The policy allows no inline script or style today.)
    (re.compile(rb'(nonce=")[^"]*'), rb"\1<nonce>"),
]
# Database ids in the programme exports (schedule.json: session "id" and person "id"; Frab XML:
# <event id> and <person id>): the same rows get other numbers when sequences are not at 1 (a
# PostgreSQL sequence is not rolled back with a test's transaction, a flushed SQLite table
# keeps its AUTOINCREMENT counter). Renumbered in order of first appearance, per kind, so the
# hash still holds which entries share an id.
ID_PATTERNS = {
    "session": [
        re.compile(rb'("guid": "[^"]*",\s*"id": )(\d+)'),
        re.compile(rb'(<event id=")(\d+)'),
    ],
    "person": [
        re.compile(rb'(\{\s*"id": )(\d+)(?=,\s*"public_name")'),
        re.compile(rb'(<person id=")(\d+)'),
    ],
}


def renumbered(body):
    for kind, patterns in ID_PATTERNS.items():
        numbers = {}

        def replace(match, kind=kind, numbers=numbers):
            number = numbers.setdefault(match[2], len(numbers) + 1)
            return match[1] + f"<{kind}-{number}>".encode()

        for pattern in patterns:
            body = pattern.sub(replace, body)
    return body


def normalised(body, content_type=""):
    for pattern, replacement in NORMALISERS:
        body = pattern.sub(replacement, body)
    if content_type.startswith(("application/json", "application/xml")):
        body = renumbered(body)
    return body


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def snapshot(client, url):
    """The snapshot of the answer to an anonymous GET of `url` (see `answer()`)."""
    return answer(client, url)[0]


def answer(client, url):
    """({status, content_type, sha256[, location][, headers]}, body) of a GET of `url` by `client`:
    `headers` holds every header but UNRECORDED_HEADERS (security headers, Cache-Control, Vary,
    Content-Disposition, Access-Control-Allow-Origin, X-Robots-Tag, ...)."""
    response = client.get(url)
    body = body_of(response)
    content_type = response.get("Content-Type", "")
    result = {
        "status": response.status_code,
        "content_type": content_type,
        "sha256": hashlib.sha256(normalised(body, content_type)).hexdigest(),
    }
    if response.has_header("Location"):
        result["location"] = response["Location"]
    headers = {name: value for name, value in response.items() if name.lower() not in UNRECORDED_HEADERS}
    if "Content-Security-Policy" in headers:
        # django-csp writes the directives in an order that changes from one process to the
        # next (a set); the policy is the same in any order.
        directives = (d.strip() for d in headers["Content-Security-Policy"].split(";"))
        headers["Content-Security-Policy"] = "; ".join(sorted(d for d in directives if d))
    if headers:
        result["headers"] = headers
    return result, body


# --- What the pages link to -------------------------------------------------------------------------

SITE = "http://testserver"  # the test client's host, in absolute links (canonical, og:url, sitemap)
NOT_PAGES = ("/static/", "/media/", "/admin/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if name == "href" and value]


def same_site_links(body):
    """The addresses of this site an HTML page links to (without #fragment), static files and
    the admin left out."""
    page = _Links()
    page.feed(body.decode())
    links = set()
    for href in page.hrefs:
        href = href.removeprefix(SITE).split("#")[0]
        if href.startswith("/") and not href.startswith(("//", *NOT_PAGES)):
            links.add(href)
    return links


def sitemap_locations(body):
    return [loc.removeprefix(SITE) for loc in re.findall(r"<loc>([^<]*)</loc>", body.decode())]
