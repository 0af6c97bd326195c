"""A full natural-key dump of the site's content: equal dumps, unchanged database."""

from django.apps import apps
from django.core import serializers


def related_paths(model, depth=2, prefix=""):
    """select_related() paths for the foreign keys that natural keys read (two levels: a
    participation's session and that session's edition)."""
    for field in model._meta.concrete_fields:
        if field.is_relation:
            yield prefix + field.name
            if depth > 1:
                yield from related_paths(field.related_model, depth - 1, f"{prefix}{field.name}__")


def content_dump(as_listed=False):
    """Every row of the content apps, serialized with natural keys, in one query a model; rows in
    the order of their ids, or with `as_listed` in their models' own order (which does not
    depend on ids: for comparing databases loaded afresh)."""
    objects = [
        obj
        for app in ("speakers", "conferences")
        for model in apps.get_app_config(app).get_models()
        for obj in model._base_manager.select_related(*related_paths(model)).order_by(
            *(model._meta.ordering if as_listed and model._meta.ordering else ["pk"])
        )
    ]
    return serializers.serialize(
        "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
