"""Every existing edition gets version 1 of its privacy notice (the default text), published when its
call opened (or now, for a call that has not opened yet), so the forms can cite it."""

import datetime as dt
import zoneinfo

from django.db import migrations
from django.utils import timezone


def first_notices(apps, schema_editor):
    from academy.privacy.notices import first_text, version_label

    Edition = apps.get_model("editions", "Edition")
    PrivacyNotice = apps.get_model("privacy", "PrivacyNotice")
    now = timezone.now()
    have = set(PrivacyNotice.objects.values_list("edition_id", flat=True))
    for edition in Edition.objects.select_related("academy").exclude(pk__in=have):
        opens = dt.datetime.combine(edition.call_opens, dt.time(), tzinfo=zoneinfo.ZoneInfo(edition.time_zone))
        PrivacyNotice.objects.create(
            edition=edition,
            number=1,
            version=version_label(edition, 1),
            published_at=min(opens, now),
            **first_text(edition),
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_privacy_notice"), ("editions", "__first__")]

    operations = [migrations.RunPython(first_notices, migrations.RunPython.noop)]
