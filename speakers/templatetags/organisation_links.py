"""Positions that link the organisation they name."""

import re

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


def named_span(position, organisation):
    """(start, end) of the organisation's name, else its acronym, as a whole word in
    `position` (any case: 'EC DG Home' names DG HOME); None when the position names neither."""
    for words in (organisation.name, organisation.acronym):
        if words:
            found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", position, re.IGNORECASE)
            if found:
                return found.span()
    return None


@register.filter
def with_organisation_link(position, organisation):
    """The position with the words that name `organisation` linked to its page; the whole
    position linked when it names the organisation in other words ('Federal Minister of the
    Interior, Austria'); the organisation's name alone when there is no position. Escaped."""
    if organisation is None:
        return conditional_escape(position)
    url = organisation.get_absolute_url()
    if not position:
        return format_html('<a href="{}">{}</a>', url, organisation.name)
    span = named_span(position, organisation)
    if span is None:
        return format_html('<a href="{}">{}</a>', url, position)
    start, end = span
    return format_html('{}<a href="{}">{}</a>{}', position[:start], url, position[start:end], position[end:])
