"""Prepare next year's edition as a draft from this year's, so editors fill in rather than retype.

What carries over is the frame: venue, format, the day structure (each session's day, times,
order, format, venue and room, side events included), partners and their roles, and the
organising team with their responsibilities. What does not is what happened at the old
edition: theme, tagline, introduction, attendance, session titles, summaries and videos,
people on stage, quotes, and what each partner did (the partner note).
"""

import datetime

import reversion
from django.db import transaction
from django.db.models import Count, Q
from django.utils.text import slugify

from conferences.enums import EditionStatus, SessionFormat
from conferences.models import Edition, EditionPartner, Session, TeamMember

TO_BE_ANNOUNCED = "to be announced"


class NextEditionError(Exception):
    """The next edition cannot be prepared; the message says why and what to do."""


def _day(date):
    return f"{date:%A} {date.day} {date:%B %Y}"


def summary(edition, source):
    """One line on what create_next_edition made, for the admin message and the command."""
    sessions = edition.sessions.aggregate(all=Count("pk"), side=Count("pk", filter=Q(is_side_event=True)))
    return (
        f"{edition.title} ({_day(edition.start_date)} to {_day(edition.end_date)}, "
        f"draft) prepared from {source.title}: {sessions['all']} sessions "
        f"({sessions['side']} side events) with titles to be announced, "
        f"{edition.partners.count()} partners, {edition.team.count()} team members; "
        "no people, no quotes."
    )


def next_year_start(start, year):
    """The day in `year` on the same weekday as `start`, nearest to its anniversary
    (29 February counts as 28 February). E.g. Tuesday 22 October 2024 -> Tuesday 21 October 2025."""
    try:
        anniversary = start.replace(year=year)
    except ValueError:
        anniversary = start.replace(year=year, day=28)
    behind = (anniversary.weekday() - start.weekday()) % 7
    earlier = anniversary - datetime.timedelta(days=behind)
    later = earlier + datetime.timedelta(days=7)
    nearest, other = (earlier, later) if behind <= 3 else (later, earlier)
    return nearest if nearest.year == year else other


def placeholder_title(session_format):
    return f"{SessionFormat(session_format).label} — {TO_BE_ANNOUNCED}"


def _unique_slug(title, taken):
    base = slugify(title)[:110] or "session"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def create_next_edition(edition, user=None):
    """Create and return the draft for `edition.year + 1`, made from `edition` in one
    transaction (recorded as one revision by `user`). Raises NextEditionError, writing
    nothing, if the source is not saved or the next year already exists."""
    if edition.pk is None:
        raise NextEditionError("Save the edition first; an unsaved edition cannot be copied.")
    year = edition.year + 1
    existing = Edition.objects.filter(year=year).only("status").first()
    if existing is not None:
        raise NextEditionError(
            f"VMC {year} already exists ({existing.get_status_display().lower()}); open it instead."
        )
    if not edition.has_days:
        raise NextEditionError(
            f"VMC {edition.year} has no dates (no source gives them), so there are no days to "
            "copy; prepare the next edition from one whose dates are known."
        )
    start = next_year_start(edition.start_date, year)
    offset = start - edition.start_date

    with transaction.atomic(), reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(f"Prepared as a draft from VMC {edition.year}.")
        new = Edition(
            year=year,
            ordinal=edition.ordinal + 1 if edition.ordinal else None,
            title=f"Vienna Migration Conference {year}",
            start_date=start,
            end_date=edition.end_date + offset,
            venue=edition.venue,
            format=edition.format,
            status=EditionStatus.DRAFT,
        )
        new.full_clean()
        new.save()

        taken = set()
        for old in edition.sessions.all():
            title = placeholder_title(old.format)
            session = Session(
                edition=new,
                slug=_unique_slug(title, taken),
                title=title,
                format=old.format,
                is_side_event=old.is_side_event,
                date=old.date + offset if old.date else None,
                start_time=old.start_time,
                end_time=old.end_time,
                order=old.order,
                venue=old.venue,
                room=old.room,
            )
            session.full_clean()
            session.save()

        for old in edition.partners.all():
            partner = EditionPartner(
                edition=new, organisation_id=old.organisation_id, role=old.role, order=old.order
            )
            partner.full_clean()
            partner.save()

        for old in edition.team.all():
            member = TeamMember(
                edition=new, person_id=old.person_id, responsibility=old.responsibility, order=old.order
            )
            member.full_clean()
            member.save()
    return new
