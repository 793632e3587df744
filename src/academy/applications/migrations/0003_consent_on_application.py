"""Consent on the application: which version of the privacy notice the applicant agreed to, and when.
Filled for applications submitted before this, from their submitted versions. A consent question no
longer holds a typed version (it cites the edition's current notice), and the standard question's help
text loses its typed retention period, which contradicted the edition's setting."""

from django.db import migrations, models

OLD_HELP = (
    "Your answers are seen by the organisers and the reviewers of this edition only, and kept for two years after it ends."
)
NEW_HELP = "Your answers are seen by the organisers and the reviewers of this edition only."


def consent_of(answers, keys):
    for key in keys:
        value = (answers or {}).get(key)
        if isinstance(value, dict) and value.get("accepted"):
            return value.get("version") or ""
    return None


def backfill(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Question = apps.get_model("applications", "Question")
    SubmittedVersion = apps.get_model("applications", "SubmittedVersion")
    keys = {}
    for edition_id, key in Question.objects.filter(type="consent").values_list("edition_id", "key"):
        keys.setdefault(edition_id, []).append(key)
    versions = {}
    for row in SubmittedVersion.objects.order_by("application_id", "number").values(
        "application_id", "answers", "submitted_at"
    ):
        versions.setdefault(row["application_id"], []).append(row)
    changed = []
    for application in Application.objects.filter(pk__in=list(versions)).only("pk", "edition_id"):
        found, since = None, None
        for row in versions[application.pk]:  # the earliest submission that agreed to the latest version agreed
            version = consent_of(row["answers"], keys.get(application.edition_id, []))
            if version != found:
                found, since = version, row["submitted_at"]
        if found:
            application.consent_version, application.consent_at = found, since
            changed.append(application)
    Application.objects.bulk_update(changed, ["consent_version", "consent_at"], batch_size=500)
    Question.objects.filter(type="consent", help_text=OLD_HELP).update(help_text=NEW_HELP)


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_drafts_per_field_revisions_and_receipts")]

    operations = [
        migrations.RemoveField(model_name="question", name="consent_version"),
        migrations.AddField(
            model_name="application",
            name="consent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="agreed at"),
        ),
        migrations.AddField(
            model_name="application",
            name="consent_version",
            field=models.CharField(
                blank=True,
                help_text="The version of the privacy notice.",
                max_length=40,
                verbose_name="privacy notice agreed to",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
