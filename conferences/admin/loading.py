"""The admin page "Load an edition file": upload, see the plan, confirm, apply.

The same code as `load_edition` (conferences.content.loading): same caps, scoping, plan and automatic
backup. The uploaded file is kept on the server between the two steps under a random token that
only the user's session holds; the form never names a path.
"""

import hashlib
import re
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from conferences.content.backup import BackupError, restore_command
from conferences.content.loading import FixtureError, apply_plan, backup_before, make_plan

PERMISSION = "conferences.load_edition_file"
SESSION_KEY = "load_edition_upload"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
KEEP_UPLOADS_SECONDS = 24 * 3600


def upload_dir():
    directory = Path(tempfile.gettempdir()) / "vmc-edition-uploads"
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


def parse_years(text):
    years = []
    for part in re.split(r"[\s,]+", text.strip()):
        if part:
            if not part.isdigit() or not 1900 <= int(part) <= 2200:
                raise forms.ValidationError(f"{part!r} is not a year.")
            years.append(int(part))
    return sorted(set(years))


class UploadForm(forms.Form):
    file = forms.FileField(label="Edition file (JSON)", help_text="See fixtures/AUTHORING.md for the format.")
    also_editions = forms.CharField(
        label="Also let it change these existing editions",
        required=False,
        help_text="Years, e.g. 2024 (what the messages call --also-edition). "
        "Leave empty: the file may change only its own edition.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        cap = settings.LOAD_EDITION_MAX_BYTES
        if upload.size > cap:
            raise forms.ValidationError(f"{upload.size:,} bytes, over the cap of {cap:,} bytes.")
        return upload

    def clean_also_editions(self):
        return parse_years(self.cleaned_data["also_editions"])


class ConfirmForm(forms.Form):
    update = forms.BooleanField(
        label="Apply changes to existing records of the file's editions", required=False
    )
    update_shared = forms.BooleanField(
        label="Apply changes to shared records (people, organisations, venues)", required=False
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def fingerprint(plan):
    text = plan.describe() + plan.summary()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_edition_view(request, model_admin):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Load an edition file",
    }
    if request.method == "POST" and "apply" in request.POST:
        return apply_step(request, context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = save_upload(upload)
        name = Path(upload.name).name[:100] or "upload.json"
        request.session[SESSION_KEY] = {
            "token": token,
            "name": name,
            "also_editions": form.cleaned_data["also_editions"],
        }
        return plan_response(request, context, stored_plan(request.session[SESSION_KEY]))
    return TemplateResponse(request, "admin/conferences/edition/load.html", {**context, "form": form})


def save_upload(upload):
    directory = upload_dir()
    now = time.time()
    for old in directory.iterdir():
        if old.is_file() and now - old.stat().st_mtime > KEEP_UPLOADS_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    with (directory / token).open("wb") as stream:
        for chunk in upload.chunks():
            stream.write(chunk)
    return token


def stored_path(upload):
    token = upload.get("token", "") if isinstance(upload, dict) else ""
    if not TOKEN.match(token):
        return None
    path = upload_dir() / token
    return path if path.is_file() else None


def stored_plan(upload):
    path = stored_path(upload)
    return make_plan(path, also_editions=upload["also_editions"], name=upload["name"])


def plan_response(request, context, plan, confirm=None, notice=None):
    confirm = confirm or ConfirmForm(initial={"fingerprint": fingerprint(plan)})
    return TemplateResponse(
        request,
        "admin/conferences/edition/load.html",
        {
            **context,
            "plan": plan,
            "name": plan.name,
            "errors": plan.errors,
            "creations": [entry.title() for entry in plan.creations],
            "changes": plan.change_lines(plan.changes),
            "shared_changes": plan.change_lines(plan.shared_changes),
            "summary": plan.summary().splitlines(),
            "also_editions": request.session.get(SESSION_KEY, {}).get("also_editions", []),
            "confirm": confirm,
            "notice": notice,
        },
    )


def apply_step(request, context):
    upload = request.session.get(SESSION_KEY)
    if stored_path(upload) is None:
        messages.error(request, "The uploaded file is no longer here; upload it again.")
        return HttpResponseRedirect(reverse("admin:conferences_edition_load"))
    plan = stored_plan(upload)
    confirm = ConfirmForm(request.POST)
    if plan.errors or not confirm.is_valid():
        return plan_response(request, context, plan)
    if confirm.cleaned_data["fingerprint"] != fingerprint(plan):
        notice = (
            "The database changed since the plan was shown. Here is the plan as it stands now; "
            "check it again."
        )
        return plan_response(request, context, plan, notice=notice)
    update, update_shared = confirm.cleaned_data["update"], confirm.cleaned_data["update_shared"]
    missing = plan.missing_flags(update=update, update_shared=update_shared)
    if missing:
        labels = {
            "--update": confirm.fields["update"].label,
            "--update-shared": confirm.fields["update_shared"].label,
        }
        notice = (
            "Nothing was written. To apply this plan, tick: " + "; ".join(labels[m] for m in missing) + "."
        )
        return plan_response(request, context, plan, confirm=confirm, notice=notice)
    try:
        backup = backup_before(plan)
        apply_plan(plan, update=update, update_shared=update_shared, user=request.user)
    except (FixtureError, BackupError) as error:
        return plan_response(request, context, plan, confirm=confirm, notice=f"Nothing was written: {error}")
    stored_path(upload).unlink(missing_ok=True)
    del request.session[SESSION_KEY]
    created, updated, _ = plan.counts()
    text = f"Loaded {plan.name}: {sum(created.values())} created, {sum(updated.values())} updated."
    if backup:
        text += f" Backup written: {backup}. To undo this load: {restore_command(backup)}"
    messages.success(request, text)
    return HttpResponseRedirect(reverse("admin:conferences_edition_changelist"))
