"""Forms behind the admin: text stored in one convention, every error next to something the editor
sees, and sessions that always get an address."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.utils.text import slugify

from conferences.admin.widgets import show_cached_choices
from conferences.models import Session
from vmc_project.text import nfc, unify_line_breaks

TIME_WIDGET_FORMAT = "%H:%M"


class ContentForm(forms.ModelForm):
    """Base of every content form in the admin.

    Text typed into any text field is stored in Unicode NFC with LF line breaks (browsers send
    CRLF). An error the model raises for a field the form does not show (a hidden inline key, a
    field left out of an inline) becomes an error of the row, named after that field, so it is
    never swallowed behind a bare "Please correct the errors below."
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_cached_choices(self)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                cleaned[name] = nfc(unify_line_breaks(value))
        return cleaned

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            by_field = error.error_dict
        else:
            by_field = {field or NON_FIELD_ERRORS: error.error_list}
        shown = {}
        for name, errors in by_field.items():
            if name == NON_FIELD_ERRORS or self._shows(name):
                shown[name] = errors
            else:
                label = self._label(name)
                messages = ValidationError(errors).messages
                shown.setdefault(NON_FIELD_ERRORS, []).extend(
                    ValidationError(f"{label}: {message}") for message in messages
                )
        super().add_error(None, shown)

    def _shows(self, name):
        field = self.fields.get(name)
        return field is not None and not field.widget.is_hidden

    def _label(self, name):
        try:
            return str(self._meta.model._meta.get_field(name).verbose_name).capitalize()
        except FieldDoesNotExist:
            return name


class SharedFormSet(BaseInlineFormSet):
    """Lets the rows of one submission see each other: the slugs and stage positions they take."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.shared = self.shared
        form.sibling_data = self._typed_values
        return form

    def _typed_values(self, field_name):
        """What the editor typed into `field_name` in every row of this submission."""
        if not self.is_bound:
            return []
        prefix = self.prefix
        return [self.data.get(f"{prefix}-{i}-{field_name}", "") for i in range(self.total_form_count())]


def unique_slug(title, taken, max_length=120):
    """slugify(title), then -2, -3 … until it is not in `taken`."""
    base = slugify(title)[: max_length - 4].strip("-") or "session"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class SessionForm(ContentForm):
    """A session left without a slug gets one from its title, unique within its edition, whether
    it is added on its own page or as a row on the edition's page (which shows no slug field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_time", "end_time"):
            if name in self.fields:
                self.fields[name].widget.format = TIME_WIDGET_FORMAT
        if "order" in self.fields:
            # A new session goes after the others unless the editor gives its place.
            self.fields["order"].required = False
            self.fields["order"].help_text = "Position in the programme; empty: after the other sessions."
            if self.instance.pk is None:
                self.fields["order"].initial = None
                self.initial.pop("order", None)

    def clean(self):
        cleaned = super().clean()
        if "order" in self.fields and cleaned.get("order") is None and not self.has_error("order"):
            cleaned["order"] = self._next_order(cleaned.get("edition") or self._edition())
        if "order" in self.fields and cleaned.get("order") is not None:
            shared = getattr(self, "shared", {})
            shared["last_order"] = max(shared.get("last_order", 0), cleaned["order"])
        slug = cleaned.get("slug") if "slug" in self.fields else self.instance.slug
        title = cleaned.get("title") or self.instance.title
        if not slug and title and not self.has_error("slug"):
            slug = unique_slug(title, self._taken_slugs(cleaned.get("edition") or self._edition()))
            if "slug" in self.fields:
                cleaned["slug"] = slug
            self.instance.slug = slug
        if slug:
            getattr(self, "shared", {}).setdefault("slugs", set()).add(slug)
        return cleaned

    def _edition(self):
        return self.instance.edition if self.instance.edition_id else None

    def _next_order(self, edition):
        """One after the last session of the edition, in the database or in this submission."""
        last = getattr(self, "shared", {}).get("last_order", 0)
        if edition is not None and edition.pk:
            stored = (
                Session.objects.filter(edition=edition)
                .exclude(pk=self.instance.pk)
                .aggregate(last=Max("order"))["last"]
            )
            last = max(last, stored or 0)
        return last + 1

    def _taken_slugs(self, edition):
        taken = set(getattr(self, "shared", {}).get("slugs", ()))
        if edition is not None and edition.pk:
            taken.update(
                Session.objects.filter(edition=edition)
                .exclude(pk=self.instance.pk)
                .values_list("slug", flat=True)
            )
        return taken


class SessionFormSet(SharedFormSet):
    pass


def edition_from_session(form, cleaned):
    """On the session page the rows show no edition: they take the session's, as the main form
    has it now (so moving a session to another edition moves its rows with it)."""
    session = cleaned.get("session")
    if "edition" not in form.fields and session is not None and session.edition_id:
        form.instance.edition = session.edition
    return edition_of(form.instance)


def edition_of(instance):
    """The instance's edition, saved or not yet, or None."""
    field = instance._meta.get_field("edition")
    return instance.edition if instance.edition_id or field.is_cached(instance) else None


class QuoteForm(ContentForm):
    """One quote number per person and edition, checked against the database and the other rows
    of the same submission, and shown next to the number."""

    def clean(self):
        cleaned = super().clean()
        edition = edition_from_session(self, cleaned)
        person, number = cleaned.get("person"), cleaned.get("number")
        if "edition" in self.fields or edition is None or person is None or number is None:
            # With the edition on the form, the model's own unique check speaks.
            return cleaned
        shared = getattr(self, "shared", {}).setdefault("quote_numbers", set())
        key = (person.pk, number)
        taken = key in shared
        if not taken and edition.pk:
            taken = (
                type(self.instance)
                .objects.filter(edition=edition, person=person, number=number)
                .exclude(pk=self.instance.pk)
                .exists()
            )
        if taken:
            self.add_error(
                "number",
                f"{person} already has a quote number {number} at the {edition.year} edition; "
                "give this one the next number.",
            )
        shared.add(key)
        return cleaned
