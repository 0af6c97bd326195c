"""A full natural-key dump of the site's content: equal dumps, unchanged database."""

from django.apps import apps
from django.core import serializers


def content_dump():
    objects = [
        obj
        for app in ("speakers", "conferences")
        for model in apps.get_app_config(app).get_models()
        for obj in model._default_manager.order_by("pk")
    ]
    return serializers.serialize(
        "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
