"""Forms behind the people admin: a new participant goes last on stage, takes the session's
edition, and cannot be listed twice in the same role."""

from django.db.models import Max

from conferences.admin.forms import ContentForm, SharedFormSet, edition_from_session, edition_of
from conferences.models import Participation

ORDER_HELP = "Order on stage. Leave empty to put them after the others."


class ParticipationForm(ContentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "order" in self.fields:
            self.fields["order"].required = False
            self.fields["order"].help_text = ORDER_HELP
        if "edition" in self.fields and "session" in self.fields:
            self.fields["edition"].required = False
            self.fields["edition"].help_text = "Leave empty to take the session's edition."

    def clean(self):
        cleaned = super().clean()
        session = cleaned.get("session") if "session" in self.fields else self.instance.session
        if "edition" in self.fields:
            edition = cleaned.get("edition")
            if edition is None and session is not None and not self.has_error("session"):
                cleaned["edition"] = edition = session.edition
            elif edition is None and not self.has_error("edition"):
                self.add_error("edition", "Choose the edition, or a session.")
        else:
            edition = edition_from_session(self, cleaned)
        if edition is None:
            return cleaned
        if "order" in self.fields:
            if cleaned.get("order") is None and not self.has_error("order"):
                cleaned["order"] = self._next_order(session, edition)
        elif self.instance.pk is None:
            self.instance.order = self._next_order(session, edition)
        self._refuse_a_second_listing(cleaned.get("person"), cleaned.get("role"), session, edition)
        return cleaned

    def _next_order(self, session, edition):
        """One after the last person on stage in the session (or among the edition-level people),
        counting the rows typed in this submission."""
        counters = getattr(self, "shared", {}).setdefault("orders", {})
        key = ("session", identity(session)) if session is not None else ("edition", identity(edition))
        if key not in counters:
            if session is not None:
                existing = Participation.objects.filter(session=session) if session.pk else None
            else:
                existing = (
                    Participation.objects.filter(edition=edition, session__isnull=True)
                    if edition.pk
                    else None
                )
            last = existing.aggregate(last=Max("order"))["last"] if existing is not None else None
            typed = [int(v) for v in self._typed("order") if str(v).strip().isdigit()]
            counters[key] = max([last or 0, *typed])
        counters[key] += 1
        return counters[key]

    def _typed(self, field_name):
        sibling_data = getattr(self, "sibling_data", None)
        return sibling_data(field_name) if sibling_data else []

    def _refuse_a_second_listing(self, person, role, session, edition):
        if person is None or not role:
            return
        where = ("session", identity(session)) if session is not None else ("edition", identity(edition))
        listed = getattr(self, "shared", {}).setdefault("listings", set())
        key = (where, person.pk, role)
        duplicate = key in listed
        listed.add(key)
        if not duplicate:
            others = Participation.objects.exclude(pk=self.instance.pk)
            if session is not None and session.pk:
                duplicate = others.filter(session=session, person=person, role=role).exists()
            elif session is None and edition.pk:
                duplicate = others.filter(
                    edition=edition, session__isnull=True, person=person, role=role
                ).exists()
        if duplicate:
            place = "this session" if session is not None else "the edition as a whole"
            role_label = dict(Participation._meta.get_field("role").choices)[role].lower()
            self.add_error("person", f"{person} is already listed as {role_label} for {place}.")


def identity(obj):
    """The same session or edition across the rows of one submission, saved or not yet."""
    return obj.pk or id(obj)


class ParticipationFormSet(SharedFormSet):
    pass


__all__ = ["ParticipationForm", "ParticipationFormSet", "edition_of"]
