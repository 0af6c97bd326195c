"""make_* helpers: small, explicit objects for tests."""

import datetime
from itertools import count

from django.utils.text import slugify

from conferences.models import Edition, Participation, Quote, Session, Venue
from speakers.models import Organisation, Person

_serial = count(1)


def make_venue(name="Palais Niederösterreich", **fields):
    return Venue.objects.get_or_create(slug=slugify(name), defaults={"name": name, **fields})[0]


def make_edition(year=2030, status="published", days=2, **fields):
    start = fields.pop("start_date", datetime.date(year, 10, 20))
    defaults = {
        "title": f"Vienna Migration Conference {year}",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=days - 1),
        "format": "hybrid",
        "status": status,
        "venue": make_venue(),
    }
    defaults.update(fields)
    return Edition.objects.create(year=year, **defaults)


def make_session(edition, title=None, **fields):
    title = title or f"Session {next(_serial)}"
    defaults = {"slug": slugify(title)[:120], "format": "panel_discussion", "date": edition.start_date}
    defaults.update(fields)
    return Session.objects.create(edition=edition, title=title, **defaults)


def make_organisation(name="International Centre for Migration Policy Development", **fields):
    defaults = {"acronym": "", "country": ""}
    defaults.update(fields)
    return Organisation.objects.get_or_create(slug=slugify(name), defaults={"name": name, **defaults})[0]


def make_person(name=None, **fields):
    name = name or f"Person {next(_serial)}"
    return Person.objects.get_or_create(slug=slugify(name), defaults={"name": name, **fields})[0]


def make_participation(session=None, person=None, role="panellist", edition=None, **fields):
    edition = edition or session.edition
    return Participation.objects.create(
        edition=edition, session=session, person=person or make_person(), role=role, **fields
    )


def make_quote(session, person, text="Words said on stage.", number=1, **fields):
    return Quote.objects.create(
        edition=session.edition, session=session, person=person, text=text, number=number, **fields
    )


def make_user(username="staff", staff=True, editor=False, **fields):
    """A user account; `editor` puts it in the Editors group (which needs staff to log in)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="a-long-test-password", is_staff=staff, **fields)
    if editor:
        user.groups.add(Group.objects.get(name="Editors"))
    return user
