"""Positions that link the organisation they belong to."""

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def with_organisation_link(position, organisation):
    """The position as a link to its organisation's page ("Director General, ICMPD" → ICMPD);
    the organisation's name when there is no position; the plain position when there is no
    organisation. Escaped.

    The whole position is the link: it names the organisation in words of its own ("EC DG
    Home", "Federal Minister of the Interior, Austria"), and a link round a part of it would
    need guessing which words those are."""
    if organisation is None:
        return conditional_escape(position)
    return format_html('<a href="{}">{}</a>', organisation.get_absolute_url(), position or organisation.name)
