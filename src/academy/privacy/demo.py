"""Demo privacy: 2022 keeps applicants' data five years after its in-person days (so the demo's
applications stay to look at, and /orga/cba-2022/privacy/ shows what the purge will remove), and the
access log shows a week of organisers and a reviewer opening and exporting applications."""

import datetime as dt

from academy.accounts.models import AuditEntry

from .audit import record_access
from .models import RetentionPolicy


def seed(ctx):
    edition = ctx.editions["2022"]
    organiser, reviewer = ctx.users["organiser"], ctx.users["reviewer"]
    RetentionPolicy.objects.create(edition=edition, months=60, updated_by=organiser)
    applications = list(edition.applications.order_by("pk")[:3])
    start = edition.end_of(edition.application_deadline) + dt.timedelta(days=2)
    entries = [record_access("applications.exported", actor=organiser, edition=edition, format="csv")]
    for application in applications:
        entries.append(record_access("application.viewed", actor=organiser, obj=application, edition=edition))
    if applications:
        entries.append(
            record_access("application.viewed", actor=reviewer, obj=applications[0], edition=edition, by_reviewer=True)
        )
    entries.append(record_access("homework.exported", actor=organiser, edition=edition, format="xlsx"))
    for n, entry in enumerate(entries):
        AuditEntry.objects.filter(pk=entry.pk).update(at=start + dt.timedelta(days=n, hours=n))
    ctx.say(f"privacy: retention of 60 months on 2022, {len(entries)} access records")
