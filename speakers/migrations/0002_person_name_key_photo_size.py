"""One person, one spelling: every name is stored in NFC with a unique, case-folded key; the
photo's size is recorded for width/height attributes."""

import unicodedata

from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    Person = apps.get_model("speakers", "Person")
    for person in Person.objects.all():
        person.name = unicodedata.normalize("NFC", person.name)
        person.name_key = " ".join(person.name.casefold().split())
        person.save(update_fields=["name", "name_key"])


class Migration(migrations.Migration):
    dependencies = [("speakers", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="name_key",
            field=models.CharField(
                editable=False,
                help_text="The name in Unicode NFC and case-folded: one person, one spelling.",
                max_length=200,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="photo_width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="photo_height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="person",
            name="photo",
            field=models.ImageField(
                blank=True, height_field="photo_height", upload_to="people/", width_field="photo_width"
            ),
        ),
    ]
