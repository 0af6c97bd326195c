"""Every public address answers as it did when tests/snapshots/public_urls.json was recorded.

A guard for changes that must change nothing a visitor sees (moving code between packages,
renaming, refactoring): the site with every documented edition (fixtures/vmc*.json) and the
example draft (fixtures/examples/draft-edition.json) is crawled as an anonymous visitor, every
address tests/crawl.py derives from the URL patterns and the database, and each answer (status,
content type, redirect target, headers, a hash of the normalised body) is
compared with the recorded one. The crawl is checked for completeness on the way: every page a
crawled page links to and every address of /sitemap.xml is in it, and every address of the
draft answers 404.

When a change of the public pages is intended, record the snapshot again and commit it:

    UPDATE_PUBLIC_URL_SNAPSHOT=1 .venv/bin/python -m pytest tests/test_public_urls_unchanged.py
"""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from .crawl import answer, draft_urls, public_urls, same_site_links, sitemap_locations

SNAPSHOT = Path(__file__).parent / "snapshots" / "public_urls.json"
UPDATE_VARIABLE = "UPDATE_PUBLIC_URL_SNAPSHOT"
REGENERATE = (
    f"If the change is intended, record the snapshot again and commit it: {UPDATE_VARIABLE}=1 "
    ".venv/bin/python -m pytest tests/test_public_urls_unchanged.py"
)
SHOWN = 20  # differing addresses named in a failure, at most
DRAFT = "fixtures/examples/draft-edition.json"


@pytest.fixture
def site_with_a_draft(all_editions):
    """Every documented edition, and a draft whose pages the public must not see."""
    call_command("load_edition", DRAFT, stdout=StringIO())


def listed(urls, describe=str):
    shown = [f"  {describe(url)}" for url in sorted(urls)[:SHOWN]]
    if len(urls) > SHOWN:
        shown.append(f"  … and {len(urls) - SHOWN} more")
    return "\n".join(shown)


def test_every_public_url_answers_as_recorded(client, site_with_a_draft):
    urls = public_urls(client)
    assert len(urls) >= 150, f"only {len(urls)} addresses: the crawl lost most of the site"
    crawled = set(urls)
    answers, bodies = {}, {}
    for url in urls:
        answers[url], bodies[url] = answer(client, url)

    # The crawl misses nothing the site shows: every page a crawled page links to, and every
    # address of the sitemap (which must answer 200), is crawled.
    linked = {}
    for url in urls:
        if answers[url]["status"] == 200 and answers[url]["content_type"].startswith("text/html"):
            for link in same_site_links(bodies[url]) - crawled:
                linked.setdefault(link, url)
    assert not linked, "linked to but not crawled (tests/crawl.py must list them):\n" + listed(
        linked, lambda link: f"{link} (linked from {linked[link]})"
    )
    in_sitemap = sitemap_locations(bodies["/sitemap.xml"])
    assert len(in_sitemap) >= 100
    not_crawled = [loc for loc in in_sitemap if answers.get(loc, {}).get("status") != 200]
    assert not not_crawled, "in the sitemap but not crawled, or not 200:\n" + listed(not_crawled)

    drafts = draft_urls()
    assert drafts, f"no draft edition: {DRAFT} was not loaded"
    shown_drafts = [url for url in drafts if answers[url]["status"] != 404]
    assert not shown_drafts, "a draft edition's pages are public:\n" + listed(shown_drafts)

    if os.environ.get(UPDATE_VARIABLE) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        # One line per address, in address order: a diff of the file names what changed.
        lines = [
            f"{json.dumps(url, ensure_ascii=False)}: {json.dumps(answers[url], sort_keys=True)}"
            for url in sorted(answers)
        ]
        SNAPSHOT.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
        return

    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing. {REGENERATE}"
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))

    def change(url):
        before, now = recorded[url], answers[url]
        keys = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
        if "status" in keys:
            return f"{url} (status {before['status']} → {now['status']})"
        return f"{url} ({', '.join(keys)} changed)"

    new = crawled - set(recorded)
    gone = set(recorded) - crawled
    assert crawled == set(recorded), (
        f"the public addresses are not those recorded in {SNAPSHOT.name}.\n"
        + (f"{len(new)} new:\n{listed(new)}\n" if new else "")
        + (f"{len(gone)} no longer listed:\n{listed(gone)}\n" if gone else "")
        + REGENERATE
    )
    changed = [url for url in urls if answers[url] != recorded[url]]
    assert not changed, (
        f"{len(changed)} of {len(urls)} public addresses answer differently from {SNAPSHOT.name}:\n"
        f"{listed(changed, change)}\n{REGENERATE}"
    )
