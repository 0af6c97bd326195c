"""Discovery in the page head: `{% page_meta as meta %}` (canonical address, title, description
for OpenGraph and Twitter cards) and `{% event_json_ld %}` (schema.org Event on an edition's
overview and on a session page). The building is in conferences/exports/structured_data.py."""

from django import template

from conferences.exports import structured_data

register = template.Library()

# The pages that describe an event, by URL name.
EDITION_OVERVIEW = "conferences:edition"
SESSION_PAGE = "conferences:session"


def _is_draft(context):
    edition = context.get("edition")
    return edition is not None and not edition.is_published


@register.simple_tag(takes_context=True)
def page_meta(context):
    return structured_data.page_meta(context)


@register.simple_tag(takes_context=True)
def event_json_ld(context):
    """A <script type="application/ld+json"> on an edition's overview and on session pages of
    published editions; nothing elsewhere. The overview reads its performers in one query."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or _is_draft(context):
        return ""
    absolute = request.build_absolute_uri
    edition = context.get("edition")
    if match.view_name == EDITION_OVERVIEW and edition is not None:
        performers = structured_data.edition_performers(edition)
        return structured_data.json_ld(structured_data.edition_event(edition, performers, absolute))
    session = context.get("session")
    if match.view_name == SESSION_PAGE and session is not None:
        return structured_data.json_ld(structured_data.session_event(session, edition, absolute))
    return ""
