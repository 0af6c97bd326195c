"""The list of public page types (devtools/page_types.py) that the browser tests, `manage.py
screenshots` and `manage.py page_audit` walk: every sample address answers as its type says."""

import pytest

from devtools.page_types import PAGE_TYPES, page_type

from .html import parse


def test_every_sample_address_answers_its_status_with_one_heading(client, all_editions):
    answers = {}
    for sample in PAGE_TYPES:  # one test: the editions are loaded once, not once per page type
        response = client.get(sample.path)
        answers[sample.name] = (response.status_code, len(parse(response).h1))
    assert answers == {sample.name: (sample.status, 1) for sample in PAGE_TYPES}


def test_only_the_page_types_said_to_be_noindex_ask_search_engines_to_stay_away(client, all_editions):
    noindex = {
        sample.name
        for sample in PAGE_TYPES
        if '<meta name="robots" content="noindex">' in client.get(sample.path).content.decode()
    }
    assert noindex == {sample.name for sample in PAGE_TYPES if sample.noindex} == {"search"}


def test_names_are_unique_and_safe_as_file_names():
    names = [sample.name for sample in PAGE_TYPES]
    assert len(set(names)) == len(names)
    assert all(name.replace("-", "").isalnum() and name.islower() for name in names)


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="no page type 'agenda'; known: home, editions, "):
        page_type("agenda")
