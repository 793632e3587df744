"""The cohort directory: only participants who consented appear, only with what they chose to share, and
only to the edition's participants, coaches and organisers. Withdrawing deletes the entry at once."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from academy.accounts.services import record
from academy.applications.models import Status

from .models import DirectoryEntry

FIELDS = ("share_organisation", "share_country", "share_email", "bio", "link", "phone")


def entry_of(application):
    return DirectoryEntry.objects.filter(application=application).first()


@transaction.atomic
def opt_in(application, *, by, **shared):
    """Give (or update) consent with the fields to share; the audit log names the fields, never their values."""
    values = {name: shared.get(name, DirectoryEntry._meta.get_field(name).get_default()) for name in FIELDS}
    entry, created = DirectoryEntry.objects.update_or_create(
        application=application, defaults=values, create_defaults=values | {"consented_at": timezone.now()}
    )
    record(
        "directory.consent_given" if created else "directory.entry_updated",
        actor=by,
        obj=application,
        edition=application.edition,
        shared=entry.shared_fields,
    )
    return entry


@transaction.atomic
def withdraw(application, *, by):
    """Withdraw consent: the entry and everything shared in it are deleted."""
    deleted, _ = DirectoryEntry.objects.filter(application=application).delete()
    if deleted:
        record("directory.consent_withdrawn", actor=by, obj=application, edition=application.edition)
    return bool(deleted)


@dataclass(frozen=True)
class Listing:
    name: str
    organisation: str = ""
    country: str = ""
    email: str = ""
    bio: str = ""
    link: str = ""
    phone: str = ""


def listing(edition):
    """What the directory shows: consenting confirmed participants with only the fields they chose; one query."""
    entries = (
        DirectoryEntry.objects.filter(application__edition=edition, application__status=Status.CONFIRMED)
        .select_related("application__applicant", "application__organisation")
        .order_by("application__applicant__full_name", "pk")
    )
    rows = []
    for entry in entries:
        person, organisation = entry.application.applicant, entry.application.organisation
        rows.append(
            Listing(
                name=person.full_name or person.email,
                organisation=organisation.name if entry.share_organisation and organisation else "",
                country=organisation.country.name if entry.share_country and organisation else "",
                email=person.email if entry.share_email else "",
                bio=entry.bio,
                link=entry.link,
                phone=entry.phone,
            )
        )
    return rows
