"""{% edition_nav edition section as nav %}: previous, next and every published edition, in the
same section (conferences/public/edition_nav.py)."""

from django import template

from conferences.public.edition_nav import edition_nav as build

register = template.Library()


@register.simple_tag
def edition_nav(edition, section):
    return build(edition, section)
