"""The reviewer pool: organisers invite by e-mail, the invitee accepts with the account of that address
(which grants the reviewer role), and reviewers declare their conflicts of interest."""

import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.models import Role, User
from academy.accounts.services import grant_role, record
from academy.core.errors import Refused
from academy.registry.services import people_with_email

from . import notify
from .models import Conflict, ConflictKind, Reviewer


class InvitationRefused(Refused):
    """The invitation cannot be accepted by this person; the message says why."""


def invitation_url(token):
    return settings.SITE_URL.rstrip("/") + reverse("reviews:accept", kwargs={"token": token})


def _registry_organisation(email):
    person = people_with_email(email).select_related("organisation").first()
    return person.organisation if person else None


@transaction.atomic
def invite(edition, emails, *, by, organisation=None, country="", capacity=None, now=None):
    """Invite each address (new or again); return the ``Reviewer`` rows. The organisation, if not given,
    comes from the cluster registry; the country, if not given, from the organisation. Mails leave after
    the transaction commits."""
    now = now or timezone.now()
    rows = []
    for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip()):
        token = secrets.token_urlsafe(24)
        org = organisation or _registry_organisation(email)
        row, created = Reviewer.objects.update_or_create(
            edition=edition,
            email=email,
            defaults={
                "organisation": org,
                "country": country or (org.country.code if org else ""),
                "capacity": capacity,
                "token_hash": Reviewer.hash(token),
                "invited_at": now,
                "invited_by": by,
            },
        )
        if row.user_id is None:
            row.user = User.objects.filter(email__iexact=email).first()
            row.save(update_fields=["user"])
        record("reviews.invited", actor=by, obj=row, edition=edition, email=email, again=not created)
        url = invitation_url(token)
        transaction.on_commit(lambda row=row, url=url: notify.invitation(row, url))
        rows.append(row)
    return rows


@transaction.atomic
def accept(token, user, *, now=None):
    """Link the invitation to ``user`` and make them a reviewer of its edition."""
    row = Reviewer.objects.select_for_update().select_related("edition").filter(token_hash=Reviewer.hash(token)).first()
    if row is None:
        raise InvitationRefused(_("This invitation link is not valid. Ask the organisers to invite you again."))
    if row.email.lower() != user.email.lower():
        raise InvitationRefused(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.") % {"email": row.email}
        )
    if row.accepted_at is None:
        row.user, row.accepted_at = user, now or timezone.now()
        row.save(update_fields=["user", "accepted_at"])
        record("reviews.invitation_accepted", actor=user, obj=row, edition=row.edition)
    grant_role(user, row.edition, Role.REVIEWER, by=user)
    return row


@transaction.atomic
def declare_conflict(edition, user, *, kind, reason, organisation=None, country="", application=None):
    """Record a conflict; declaring the same one twice keeps one row. Return the row."""
    subject = {
        ConflictKind.ORGANISATION: {"organisation": organisation},
        ConflictKind.COUNTRY: {"country": country},
        ConflictKind.APPLICATION: {"application": application},
    }[kind]
    if not next(iter(subject.values())):
        raise ValueError(f"A conflict of kind {kind} needs its subject.")
    if application is not None and application.edition_id != edition.pk:
        raise ValueError("The application belongs to another edition.")
    row, created = Conflict.objects.get_or_create(
        edition=edition, reviewer=user, kind=kind, **subject, defaults={"reason": reason}
    )
    if created:
        record("reviews.conflict_declared", actor=user, obj=row, edition=edition, kind=kind)
    return row


@transaction.atomic
def withdraw_conflict(conflict, *, by):
    record("reviews.conflict_withdrawn", actor=by, obj=conflict, edition=conflict.edition, kind=conflict.kind)
    conflict.delete()
