"""Participation now belongs to the conferences app (see conferences 0008): this app's state lets
go of it; the table, renamed there, is not touched here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0004_person_family_name_sort_key"),
        ("conferences", "0008_participation_moves_to_conferences"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Participation")]),
    ]
