"""Participation (a person on stage at a session or an edition) moves from `speakers` to
`conferences`, where the programme lives; `speakers` keeps people and organisations only.

Nothing is copied: the model enters the conferences app's state on the existing table, then the
table is renamed. Its content type is relabelled in place (same id), so the Editors' permissions
and every history version keep pointing at it, and the versions' stored data is relabelled too,
so a participation can still be restored from history. speakers 0005 then drops the model from
that app's state only.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD, NEW = "speakers", "conferences"


def relabel(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    db = schema_editor.connection.alias
    # One made by a post_migrate before this ran would have nothing pointing to it yet.
    ContentType.objects.using(db).filter(app_label=new, model="participation").delete()
    content_type = ContentType.objects.using(db).filter(app_label=old, model="participation").first()
    if content_type is None:
        return
    content_type.app_label = new
    content_type.save(update_fields=["app_label"])
    for version in Version.objects.using(db).filter(content_type=content_type).only("serialized_data"):
        version.serialized_data = version.serialized_data.replace(
            f'"model": "{old}.participation"', f'"model": "{new}.participation"'
        )
        version.save(update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0007_session_programme_order"),
        ("speakers", "0004_person_family_name_sort_key"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Participation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("opening_remarks", "Opening remarks"),
                                    ("keynote", "Keynote"),
                                    ("speaker", "Speaker"),
                                    ("panellist", "Panellist"),
                                    ("moderator", "Moderator"),
                                    ("interviewer", "Interviewer"),
                                    ("host", "Host"),
                                    ("guest", "Guest"),
                                    ("closing_remarks", "Closing remarks"),
                                    ("master_of_ceremonies", "Master of ceremonies"),
                                ],
                                default="speaker",
                                max_length=30,
                            ),
                        ),
                        ("order", models.PositiveSmallIntegerField(default=0, help_text="Order on stage.")),
                        ("is_online", models.BooleanField(default=False, verbose_name="online")),
                        (
                            "honorific",
                            models.CharField(
                                blank=True,
                                help_text="Only when the source prints one before the name at this edition, e.g. 'HE'.",
                                max_length=40,
                            ),
                        ),
                        (
                            "position",
                            models.CharField(
                                blank=True,
                                help_text="Position and organisation at this edition, exactly as the source prints them, e.g. 'Director General, ICMPD'.",
                                max_length=300,
                            ),
                        ),
                        (
                            "edition",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="participations",
                                to="conferences.edition",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                help_text="Organisation the position belonged to at this edition.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="participations",
                                to="speakers.organisation",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="participations",
                                to="speakers.person",
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                blank=True,
                                help_text="Empty when the source names the person for the edition, not a session.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="participations",
                                to="conferences.session",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "speakers_participation",
                        "ordering": ["edition", "session", "order", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("session", "person", "role"), name="unique_role_per_person_in_session"
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("session__isnull", True)),
                                fields=("edition", "person", "role"),
                                name="unique_role_per_person_in_edition_without_session",
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="participation", table=None),
        migrations.RunPython(forwards, backwards),
    ]
