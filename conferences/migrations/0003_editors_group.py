"""Create the "Editors" group: staff who edit conference content but not users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_APPS = ["conferences", "speakers"]


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conferences", "0002_initial"),
        ("speakers", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
