"""Autocomplete selects that show an inline row's chosen object without a query per row."""

from django.contrib.admin.widgets import AutocompleteSelect


class KnownChoiceAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select looks up the selected object in the database each time it
    renders, one query per inline row. When the form's instance already holds that object (the
    inline querysets select it), it is shown from there; any other value is looked up as usual."""

    known = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            options.append(self.create_option(name, key, self.known[key], selected, len(options)))
        return [(None, options, 0)]


def show_cached_choices(form):
    """Let every single-choice autocomplete of `form` show the object its instance already has."""
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside RelatedFieldWidgetWrapper
        if type(widget) is not AutocompleteSelect:
            continue
        model_field = next((f for f in form.instance._meta.fields if f.name == name), None)
        if model_field is None or not model_field.many_to_one or not model_field.is_cached(form.instance):
            continue
        obj = getattr(form.instance, name)
        if obj is not None:
            widget.__class__ = KnownChoiceAutocompleteSelect
            widget.known = {str(obj.pk): field.label_from_instance(obj)}
