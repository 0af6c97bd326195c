"""History of the content, kept with django-reversion.

Every content model is registered here, in one place. A revision is a group of versions saved
together; `FOLLOW` says what belongs to an object's group: a session's group holds its
participations and quotes, an edition's holds everything that would go with it if it were
deleted (sessions with their participations and quotes, edition-level participations,
partners, team).

- `recorded(comment, user=None)`: every registered object saved inside it gets a version, in
  one revision carrying that comment and user (the loader and the admin actions use it).
- `record_deletion(objects, user)`: a revision of each object with its group, saved at once,
  before the objects are deleted, so that even objects never versioned before (loaded from
  fixtures) can be recovered.
- before the first recorded change to an object that has no version yet (loaded from fixtures
  before history began), its stored state is recorded, so that change can be reverted too.
- `restore(version)`: puts back the object of `version` and its group as they were in that
  revision, and nothing else of the revision; anything in the group now that was not then is
  deleted (and recorded first, so a restore can be undone too).
"""

from contextlib import contextmanager

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import IntegrityError, models, router, transaction
from django.db.models.signals import pre_save
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Revision, Version

from conferences.models import (
    Edition,
    EditionCredit,
    EditionPartner,
    Participation,
    Quote,
    Session,
    SessionSegment,
    TeamMember,
    Venue,
)
from speakers.models import Organisation, Person

FOLLOW = {
    Edition: ("sessions", "participations", "quotes", "partners", "team", "credits"),
    Session: ("participations", "quotes", "segments"),
    SessionSegment: (),
    EditionCredit: (),
    Venue: (),
    EditionPartner: (),
    TeamMember: (),
    Quote: (),
    Person: (),
    Organisation: (),
    Participation: (),
}

for _model, _follow in FOLLOW.items():
    if not reversion.is_registered(_model):
        reversion.register(_model, follow=_follow)


@contextmanager
def recorded(comment: str, user=None):
    """Open a revision: whatever registered object is saved inside is versioned, with `comment`
    and, if given, `user`. Nested inside another revision, it names that revision."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        yield


def follow_tree(obj):
    """`obj` and everything in its group, parents before children, each once."""
    seen, order = set(), []

    def visit(item):
        key = (type(item), item.pk)
        if key in seen:
            return
        seen.add(key)
        order.append(item)
        for name in FOLLOW.get(type(item), ()):
            for child in getattr(item, name).all():
                visit(child)

    visit(obj)
    return order


def describe_group(objects):
    """'3 participations, 2 quotes' for the members of a group other than its root."""
    counts = {}
    for item in objects:
        opts = item._meta
        counts.setdefault(opts, 0)
        counts[opts] += 1
    return ", ".join(
        f"{n} {opts.verbose_name if n == 1 else opts.verbose_name_plural}" for opts, n in counts.items()
    )


def _save_revision(objects, user, comment):
    """Save one revision holding a version of each object, now, whatever revision is open."""
    using = router.db_for_write(Revision)
    revision = Revision.objects.using(using).create(
        date_created=timezone.now(), user=user if user and user.pk else None, comment=comment
    )
    Version.objects.using(using).bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.db_manager(using).get_for_model(item),
            object_id=str(item.pk),
            db=item._state.db or router.db_for_write(type(item)),
            format="json",
            serialized_data=serializers.serialize("json", [item]),
            object_repr=str(item),
        )
        for item in objects
    )
    return revision


def record_deletion(objects, user=None):
    """Before deleting: one revision per object with its whole group, comment 'Deleted …'."""
    revisions = []
    for obj in objects:
        group = follow_tree(obj)
        comment = f"Deleted {obj._meta.verbose_name} “{obj}”"
        if len(group) > 1:
            comment += f" with {describe_group(group[1:])}"
        revisions.append(_save_revision(group, user, comment))
    return revisions


def model_of(version):
    return ContentType.objects.get_for_id(version.content_type_id).model_class()


def _in_open_revision(model, pk):
    # django-reversion (pinned at 6.4.0) keeps the versions of the open revision in its private
    # frame, keyed by (content type, object id); it offers no public way to ask.
    from reversion.revisions import _current_frame

    key = (ContentType.objects.get_for_model(model), str(pk))
    return any(key in versions for versions in _current_frame().db_versions.values())


def _record_first_state(sender, instance, raw=False, **kwargs):
    """Before a recorded change to an object that has no version yet (loaded before history
    began), record it as it is stored, with its group, so the change can be compared with and
    reverted to what was there."""
    if raw or instance._state.adding or instance.pk is None or not reversion.is_active():
        return
    if _in_open_revision(sender, instance.pk):  # created earlier in this same revision
        return
    if Version.objects.get_for_object_reference(sender, instance.pk).exists():
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is not None:
        _save_revision(follow_tree(stored), None, "As it was before the first change recorded here")


for _model in FOLLOW:
    pre_save.connect(_record_first_state, sender=_model, dispatch_uid=f"history-first-{_model._meta.label}")


def version_group(version):
    """The versions of `version`'s revision that belong to its object's group, root first."""
    in_revision = {}
    for other in version.revision.version_set.all():
        in_revision.setdefault(model_of(other), []).append(other)
    group, keys = [], set()

    def visit(item):
        model = model_of(item)
        key = (model, item.object_id)
        if key in keys:
            return
        keys.add(key)
        group.append(item)
        for name in FOLLOW.get(model, ()):
            relation = model._meta.get_field(name)
            child_model, attname = relation.related_model, relation.field.attname
            for child in in_revision.get(child_model, ()):
                if str(child.field_dict.get(attname)) == item.object_id:
                    visit(child)

    visit(version)
    return group


def check_references(group):
    """Refuse to restore versions that point at objects that no longer exist."""
    present = {(model_of(v), v.object_id) for v in group}
    wanted = {}
    for v in group:
        model = model_of(v)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey):
                value = v.field_dict.get(field.attname)
                target = field.related_model
                if value is not None and (target, str(value)) not in present:
                    wanted.setdefault(target, {}).setdefault(value, []).append((v, field))
    problems = []
    for target, needs in wanted.items():
        existing = set(target._base_manager.filter(pk__in=needs).values_list("pk", flat=True))
        for value, users in needs.items():
            if value not in existing:
                v, field = users[0]
                problems.append(
                    f"“{v.object_repr}” ({model_of(v)._meta.verbose_name}) refers to "
                    f"{target._meta.verbose_name} #{value} in its field “{field.verbose_name}”, "
                    "which no longer exists; recover that first"
                )
    if problems:
        raise RevertError("Cannot restore: " + "; ".join(problems) + ".")


def restore(version, user=None):
    """Restore `version`'s object and its group as they were in that revision."""
    group = version_group(version)
    check_references(group)
    keys = {(model_of(v), v.object_id) for v in group}
    model = model_of(version)
    current = model._base_manager.filter(pk=version.object_id).first()
    extra, covered = [], set()
    for item in follow_tree(current)[1:] if current else []:
        key = (type(item), str(item.pk))
        if key not in keys and key not in covered:
            extra.append(item)
            covered.update((type(sub), str(sub.pk)) for sub in follow_tree(item))
    try:
        with transaction.atomic(using=version.db):
            if extra:
                record_deletion(extra, user)
                for item in extra:
                    item.delete()
            for v in group:
                v.revert()
    except IntegrityError as error:
        raise RevertError(
            f"Cannot restore “{version.object_repr}”: it clashes with what is there now ({error})."
        ) from None
    return group
