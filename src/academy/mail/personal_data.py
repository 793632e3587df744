"""Mails to a person: exported as they were sent; deleted with the account, and with an application
when the retention period is over (the receipts and decisions of that edition)."""

from django.db.models import Q
from django.db.models.functions import Lower

from academy.core.personal_data import section

from .models import OutboxMessage
from .queries import for_person

data = section("mail", label="Mails", order=20, models=[OutboxMessage])


@data.export
def export(user):
    return [
        {
            "at": (m.sent_at or m.created_at).isoformat(),
            "edition": m.edition.name if m.edition else None,
            "to": m.to_email,
            "subject": m.subject,
            "body": m.body,
            "state": m.state,
        }
        for m in for_person(user).order_by("created_at", "id")
    ]


@data.erase
def erase(subject):
    OutboxMessage.objects.filter(Q(to_user=subject.user) | Q(to_email__iexact=subject.email)).delete()


def _to_applicants(applications):
    """The mails of the applications' editions to their applicants (the purge takes one edition)."""
    editions = {a.edition_id for a in applications}
    people = {a.applicant_id for a in applications}
    emails = {a.applicant.email.lower() for a in applications}
    return (
        OutboxMessage.objects.annotate(address=Lower("to_email"))
        .filter(edition_id__in=editions)
        .filter(Q(to_user_id__in=people) | Q(address__in=emails))
    )


@data.purge
def purge(applications):
    _to_applicants(applications).delete()


@data.preview
def preview(applications):
    return [("mails to these applicants", _to_applicants(list(applications)).count())]
