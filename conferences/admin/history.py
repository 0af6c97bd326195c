"""The admin side of the history: every content ModelAdmin derives from `HistoryAdmin`.

- add, change, actions: django-reversion's VersionAdmin records them with user and comment;
- deletions (delete page, "delete selected", inline rows ticked "delete"): the object and its
  group are recorded first (conferences.content.history.record_deletion), so "Recover deleted …" lists
  it, objects loaded from fixtures included;
- the history page lists each version with who, when, the comment and what changed field by
  field against the previous version, with a link to restore it;
- restoring or recovering puts back the object's group only (conferences.content.history.restore), never
  the rest of the revision it was saved in (an edition's revision holds all its sessions).
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from reversion import is_registered, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals

from conferences.content.history import model_of, record_deletion, restore, version_group
from vmc_project.text import unify_line_breaks

HISTORY_DATE_FORMAT = "j F Y, H:i:s"

SHORT = 80


class _RollBack(Exception):
    def __init__(self, response):
        self.response = response


class RelatedNames:
    """Names of the objects that foreign keys in a set of versions point at, fetched at once."""

    def __init__(self):
        self.wanted, self.names = {}, {}

    def need(self, model, fields):
        for field in model._meta.concrete_fields:
            if field.is_relation and fields.get(field.attname) is not None:
                self.wanted.setdefault(field.related_model, set()).add(fields[field.attname])

    def fetch(self):
        for model, ids in self.wanted.items():
            for pk, obj in model._base_manager.in_bulk(ids).items():
                self.names[(model, pk)] = str(obj)

    def show(self, field, value):
        if value is None or value == "":
            return "(empty)"
        if field.is_relation:
            name = self.names.get((field.related_model, value))
            return f"“{name}”" if name is not None else f"#{value} (deleted)"
        if field.flatchoices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return "yes" if value else "no"
        text = " ".join(unify_line_breaks(str(value)).split())
        return f"“{Truncator(text).chars(SHORT)}”"


def field_changes(model, before, after, names):
    """[(label, old, new)] for the editable fields whose value differs."""
    changes = []
    for field in model._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        old, new = before.get(field.attname), after.get(field.attname)
        if old != new:
            changes.append((str(field.verbose_name), names.show(field, old), names.show(field, new)))
    return changes


def member_changes(before, after, names):
    """What changed among the members of a group (a session's participations and quotes)."""
    lines = []
    for key, (model, version) in after.items():
        label = model._meta.verbose_name
        if key not in before:
            lines.append(f"added {label} “{version.object_repr}”")
            continue
        changes = field_changes(model, before[key][1].field_dict, version.field_dict, names)
        if changes:
            detail = "; ".join(f"{name}: {old} → {new}" for name, old, new in changes)
            lines.append(f"{label} “{version.object_repr}”: {detail}")
    for key, (model, version) in before.items():
        if key not in after:
            lines.append(f"removed {model._meta.verbose_name} “{version.object_repr}”")
    return lines


def history_rows(model, versions, revision_url):
    """One row per version, oldest first: the version, what changed, and the restore link."""
    groups = []
    names = RelatedNames()
    for version in versions:
        members = {}
        for member in version_group(version)[1:]:
            member_model = model_of(member)
            members[(member_model, member.object_id)] = (member_model, member)
            names.need(member_model, member.field_dict)
        names.need(model, version.field_dict)
        groups.append(members)
    names.fetch()
    rows, previous, previous_members = [], None, None
    for version, members in zip(versions, groups, strict=True):
        row = {"version": version, "revision": version.revision, "url": revision_url(version)}
        if previous is None:
            row["first"] = True
        else:
            row["changes"] = field_changes(model, previous.field_dict, version.field_dict, names)
            row["members"] = member_changes(previous_members, members, names)
        rows.append(row)
        previous, previous_members = version, members
    return rows


class HistoryAdmin(VersionAdmin):
    object_history_template = "admin/history/object_history.html"
    recover_list_template = "admin/history/recover_list.html"
    delete_confirmation_template = "admin/history/delete_confirmation.html"
    recover_form_template = "admin/history/recover_form.html"
    revision_form_template = "admin/history/revision_form.html"
    history_latest_first = True  # the recover list, newest deletion first

    def _reversion_order_version_queryset(self, request, queryset):
        return super()._reversion_order_version_queryset(request, queryset).select_related("revision__user")

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        versions = list(
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .prefetch_related("revision__version_set")
            .order_by("pk")
        )

        def revision_url(version):
            return reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=(quote(version.object_id), version.pk),
            )

        rows = history_rows(self.model, versions, revision_url)
        context = {"history_rows": rows[::-1], **(extra_context or {})}
        return super().history_view(request, object_id, context)

    # Deletions are recorded before they happen.

    def delete_model(self, request, obj):
        record_deletion([obj], request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record_deletion(queryset, request.user)
        super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        doomed = [
            inline.instance
            for formset in formsets
            for inline in formset.deleted_forms
            if inline.instance.pk and is_registered(type(inline.instance))
        ]
        record_deletion(doomed, request.user)
        super().save_related(request, form, formsets, change)

    # Restore and recover put back the object's group, not the whole revision.

    def response_change(self, request, obj):
        """After Save on a restore or recover page: say what happened (not "was changed") and
        show the object, back as it was."""
        done = getattr(request, "_history_done", None)
        if done is None:
            return super().response_change(request, obj)
        opts = self.opts
        self.message_user(
            request, format_html("The {} “{}” {}.", opts.verbose_name, obj, done), messages.SUCCESS
        )
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", quote(obj.pk))

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        recovering = bool((extra_context or {}).get("recover"))
        if request.method == "GET":  # a preview, rolled back: no side effects
            signals = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        else:
            signals = nullcontext()
        # The same format as the history and recover pages' tables.
        when = format_date(template_localtime(version.revision.date_created), HISTORY_DATE_FORMAT)
        extra_context = {**(extra_context or {}), "version_when": when}
        if not recovering:
            extra_context["title"] = f"Restore {version.object_repr} as it was on {when}"
        try:
            with transaction.atomic(using=version.db), signals:
                restore(version, request.user)
                request._history_done = (
                    f"is back, as it was before its deletion on {when}"
                    if recovering
                    else f"was restored to its version of {when}"
                )
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        set_comment(
                            f"Recovered as it was before its deletion on {when}"
                            if recovering
                            else f"Restored the version of {when}"
                        )
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _RollBack(response)
                    else:
                        raise RevertError(f"Could not load “{version.object_repr}”: not found.")
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _RollBack as rollback:
            return rollback.response
        return response
