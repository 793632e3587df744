"""Every write of the programme but attendance (see attendance.py): sessions, coaches and their invitations, the
secret calendar addresses."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.models import EditionRole, Role
from academy.accounts.services import grant_role, record
from academy.mail.services import queue_mail

from .models import CalendarToken, Coach


@transaction.atomic
def save_session(session, *, coaches, by):
    created = session.pk is None
    session.save()
    session.coaches.set(coaches)
    record(
        "session.created" if created else "session.changed",
        actor=by,
        obj=session,
        edition=session.edition,
        title=session.title,
        starts_at=session.starts_at.isoformat(),
    )
    return session


@transaction.atomic
def delete_session(session, *, by):
    """Refused when attendance was taken: the record of who attended outlives a change of plan."""
    if session.attendance.exists():
        raise ValidationError(
            _("Attendance was taken for this session, so it cannot be deleted; change its time or title instead.")
        )
    record("session.deleted", actor=by, obj=session, edition=session.edition, title=session.title)
    session.delete()


def _verified_user(email):
    address = EmailAddress.objects.select_related("user").filter(email__iexact=email, verified=True).first()
    return address.user if address and address.user.is_active else None


def _link(coach, user, *, by):
    coach.user = user
    coach.save(update_fields=["user"])
    grant_role(user, coach.edition, Role.COACH, by=by)


def _revoke_unless_still_coach(user, edition, *, by):
    """The coach role goes with a person's last coach profile in the edition."""
    if Coach.objects.filter(edition=edition, user=user).exists():
        return
    if EditionRole.objects.filter(user=user, edition=edition, role=Role.COACH).delete()[0]:
        record("role.revoked", actor=by, obj=user, edition=edition, role=Role.COACH)


def _unlink(coach, *, by):
    user, coach.user = coach.user, None
    coach.save(update_fields=["user"])
    _revoke_unless_still_coach(user, coach.edition, by=by)


@transaction.atomic
def save_coach(coach, *, by):
    """Save a profile; link it to the account with that verified e-mail address, which gets the coach role.

    Without such an account the profile waits: `link_pending_coach_profiles` links it on that person's first
    sign-in with the address."""
    created = coach.pk is None
    email_changed = not created and Coach.objects.filter(pk=coach.pk).exclude(email=coach.email.lower()).exists()
    coach.save()
    if email_changed and coach.user_id:
        _unlink(coach, by=by)
    if coach.user_id is None and (user := _verified_user(coach.email)):
        _link(coach, user, by=by)
    record("coach.created" if created else "coach.changed", actor=by, obj=coach, edition=coach.edition)
    return coach


@transaction.atomic
def remove_coach(coach, *, by):
    user = coach.user
    coach.delete()
    if user is not None:
        _revoke_unless_still_coach(user, coach.edition, by=by)
    record("coach.removed", actor=by, edition=coach.edition, name=coach.name, email=coach.email)


def link_pending_coach_profiles(user):
    """Link the coach profiles that wait for this person's verified address; return how many were linked."""
    if not user.is_active:
        return 0
    verified = {
        e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    linked = 0
    with transaction.atomic():
        for coach in Coach.objects.select_related("edition").filter(user__isnull=True, email__in=verified):
            _link(coach, user, by=None)
            linked += 1
    return linked


def send_coach_invitation(coach, *, by):
    """Invite a coach or expert by mail through the outbox; the role follows their verified address."""
    edition = coach.edition
    site = settings.SITE_URL.rstrip("/")
    if coach.user_id:
        action = _("Log in at %(url)s: your sessions are under your page.") % {"url": site + reverse("account_login")}
    else:
        action = _(
            "Sign up with this address (%(email)s) at %(url)s; the coach role is added when you first log in."
        ) % {"email": coach.email, "url": site + reverse("account_signup")}
    queue_mail(
        purpose="coach_invitation",
        to_email=coach.email,
        to_user=coach.user,
        to_name=coach.name,
        edition=edition,
        related=coach,
        context={
            "kind": str(coach.get_kind_display()).lower(),
            "action": str(action),
            "programme_url": site + reverse("programme:timetable", kwargs={"slug": edition.slug}),
        },
    )
    coach.invited_at = timezone.now()
    coach.save(update_fields=["invited_at"])
    record("coach.invited", actor=by, obj=coach, edition=edition, email=coach.email)


def _new_token():
    return secrets.token_urlsafe(32)


def calendar_token(user, edition):
    token, _created = CalendarToken.objects.get_or_create(user=user, edition=edition, defaults={"token": _new_token()})
    return token


@transaction.atomic
def renew_calendar_token(user, edition):
    """A new secret address; the old one stops working at once."""
    token, _created = CalendarToken.objects.update_or_create(
        user=user, edition=edition, defaults={"token": _new_token()}
    )
    record("calendar_token.renewed", actor=user, obj=token, edition=edition)
    return token
