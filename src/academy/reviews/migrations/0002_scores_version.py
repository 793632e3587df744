from django.db import migrations, models


def install(apps, schema_editor):
    from academy.reviews.versioning import trigger_sql

    for statement in trigger_sql(schema_editor.connection.vendor)[0]:
        schema_editor.execute(statement)


def remove(apps, schema_editor):
    from academy.reviews.versioning import trigger_sql

    for statement in trigger_sql(schema_editor.connection.vendor)[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0002_drafts_per_field_revisions_and_receipts"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ScoresVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("edition_id", models.BigIntegerField(unique=True)),
                ("number", models.BigIntegerField(default=0)),
                ("stamp", models.CharField(default="", max_length=32)),
            ],
        ),
        migrations.RunPython(install, remove),
    ]
