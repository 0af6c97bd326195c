"""Editors may load an edition file in the admin; they may no longer delete an edition
(only superusers may, after seeing everything that goes with it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_APPS = ["conferences", "speakers"]
NOT_FOR_EDITORS = ["delete_edition"]


def update_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label__in=EDITOR_APPS).exclude(
            codename__in=NOT_FOR_EDITORS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0004_edition_hero_image_session_slug"),
        ("speakers", "0002_person_name_key_photo_size"),
    ]

    operations = [migrations.RunPython(update_editors, migrations.RunPython.noop)]
