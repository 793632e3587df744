"""GDPR in plain functions: a person's data download, account deletion, and the retention purge.
What each app holds is declared in its personal_data.py (see academy.core.personal_data). Applications
are reached through their reverse relations (`user.applications`, `edition.applications`): privacy sits below
the applications app and imports none of it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.models import EditionRole, Role
from academy.accounts.services import record
from academy.core.errors import Refused
from academy.core.personal_data import Subject, sections
from academy.editions.models import Edition, Phase

from . import notices
from .audit import record_access
from .models import Anonymisation, Reason, retention_for


def export_data(user, *, now=None):
    """Everything we hold about `user`, as JSON-serialisable data; the download is audit-logged."""
    now = now or timezone.now()
    data = {"generated_at": now.isoformat(), "person": {"email": user.email, "full_name": user.full_name}}
    for s in sections():
        if s.exporter is not None:
            data[s.key] = s.exporter(user)
    record_access("personal_data.exported", actor=user, edition=None, obj=user, by_the_person=True)
    return data


def deletion_blockers(user, *, now=None):
    """Why the account cannot be deleted now, in the person's words (empty: it can)."""
    now = now or timezone.now()
    reasons = []
    organised = EditionRole.objects.filter(user=user, role=Role.ORGANISER).select_related("edition")
    for role in organised:
        edition = role.edition
        if edition.phase(now) == Phase.COMPLETED:
            continue
        if not EditionRole.objects.filter(edition=edition, role=Role.ORGANISER).exclude(user=user).exists():
            reasons.append(
                _("You are the only organiser of %(edition)s, which has not ended: make someone else organiser first.")
                % {"edition": edition.name}
            )
    seats = user.applications.holding_seat()
    for application in seats.select_related("edition"):
        if application.edition.phase(now) != Phase.COMPLETED:
            reasons.append(
                _("You hold a seat in %(edition)s, which has not ended: decline it first, or write to %(contact)s.")
                % {"edition": application.edition.name, "contact": application.edition.contact_email}
            )
    return reasons


class CannotDelete(Refused):
    def __init__(self, reasons):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@transaction.atomic
def delete_account(user, *, now=None):
    """Erase the person in one transaction: every section deletes or anonymises its rows; applications
    keep what statistics need; the user row stays, anonymised (see accounts.anonymous.anonymise_user)."""
    now = now or timezone.now()
    reasons = deletion_blockers(user, now=now)
    if reasons:
        raise CannotDelete(reasons)
    subject = Subject(user=user, email=user.email, name=user.full_name)
    application_ids = list(user.applications.values_list("pk", flat=True))
    for s in sections():
        if s.eraser is not None:
            s.eraser(subject)
    _mark(application_ids, Reason.ACCOUNT_DELETED, now)
    record("privacy.account_deleted", obj=user, applications=len(application_ids))


def _mark(application_ids, reason, now):
    done = set(
        Anonymisation.objects.filter(application_id__in=application_ids).values_list("application_id", flat=True)
    )
    Anonymisation.objects.bulk_create(
        Anonymisation(application_id=pk, reason=reason, at=now) for pk in application_ids if pk not in done
    )


def purge_due(edition, now=None):
    now = now or timezone.now()
    return now >= edition.start_of(retention_for(edition).purge_on)


def purgeable(edition):
    """Applications of the edition whose personal data the purge removes: everyone not in the cohort,
    not yet anonymised."""
    return (
        edition.applications.outside_cohort().filter(anonymisation__isnull=True).select_related("applicant", "edition")
    )


def preview(edition):
    """What the purge would remove now: [(section label, [(what, count), …]), …]."""
    applications = purgeable(edition)
    rows = []
    for s in sections():
        if s.previewer is not None:
            counts = [(label, n) for label, n in s.previewer(applications) if n]
            if counts:
                rows.append((s.label, counts))
    return rows


@transaction.atomic
def purge_edition(edition, *, now=None, by=None):
    """Anonymise every purgeable application of the edition; returns how many. Idempotent: an
    anonymised application is never taken again."""
    now = now or timezone.now()
    applications = list(purgeable(edition).select_for_update(of=("self",)))
    if not applications:
        return 0
    for s in sections():
        if s.purger is not None:
            s.purger(applications)
    _mark([a.pk for a in applications], Reason.RETENTION, now)
    record("privacy.retention_purge", actor=by, obj=edition, edition=edition, applications=len(applications))
    return len(applications)


def due_editions(now=None):
    now = now or timezone.now()
    return [e for e in Edition.objects.select_related("retention") if purge_due(e, now)]


def record_change(policy, *, by):
    """Audit a new retention period and publish the privacy notice again (it words the period from the
    setting, so what applicants agree to changed); returns the notice's new version."""
    record("privacy.retention_changed", actor=by, obj=policy, edition=policy.edition, months=policy.months)
    return notices.republish(policy.edition, by=by)
