"""Privacy notices: each edition publishes versions of its notice; the latest is the one the application
form cites and applicants agree to. A new text is always a new version (published versions are never
changed). How long data is kept is never typed: `retention_text` words it from the edition's setting.

This module imports no domain app, so the application form can ask it for the current version."""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.accounts.services import record

from .models import PrivacyNotice, retention_for

TEXT_FIELDS = ["controller", "contact", "purpose", "kept", "rights"]


def version_label(edition, number):
    """'2027-1': the edition's year and the version's number."""
    return f"{edition.year}-{number}"


def first_text(edition):
    """The text of an edition's first notice when the organisers have written none (also the migration's)."""
    academy = edition.academy
    return {
        "controller": _("The organisers of %(academy)s") % {"academy": academy.name},
        "contact": edition.contact_email or academy.contact_email,
        "purpose": _(
            "We use what you give us in your application (your name, e-mail address, organisation and answers) "
            "to check that you are eligible, to review and select the participants of %(edition)s and to "
            "write to you about your application. Your answers are seen by the organisers and the reviewers of "
            "this edition only; reviewers see only the applications assigned to them."
        )
        % {"edition": edition.name},
        "kept": _(
            "Your account, your application with every version you submitted, the reviews of it, the mails we "
            "sent you and, if you take part, your attendance, homework and certificate."
        ),
        "rights": _(
            "You can download everything we hold about you and delete your account from your account page at "
            "any time, and ask the contact above to correct your data. You may also complain to your national "
            "data protection authority."
        ),
    }


def current_notice(edition):
    """The edition's latest notice; an edition that has none yet gets its first one, from `first_text`."""
    notice = PrivacyNotice.objects.filter(edition=edition).order_by("-number").first()
    if notice is not None:
        notice.edition = edition  # the caller's instance: its retention is then one query at most
        return notice
    try:
        with transaction.atomic():
            return _create(edition, 1, first_text(edition), by=None, now=timezone.now())
    except IntegrityError:  # made meanwhile by another request
        return PrivacyNotice.objects.filter(edition=edition).order_by("-number").first()


def _create(edition, number, text, *, by, now):
    return PrivacyNotice.objects.create(
        edition=edition,
        number=number,
        version=version_label(edition, number),
        published_at=now,
        published_by=by if by is not None and by.is_authenticated else None,
        **{name: text[name] for name in TEXT_FIELDS},
    )


@transaction.atomic
def publish(edition, text, *, by, now=None):
    """Publish `text` (a dict of TEXT_FIELDS) as the edition's next version; the audit log records it.

    Applicants who agreed to an earlier version are asked to agree again before they next submit."""
    now = now or timezone.now()
    numbers = PrivacyNotice.objects.select_for_update().filter(edition=edition).values_list("number", flat=True)
    notice = _create(edition, max(numbers, default=0) + 1, text, by=by, now=now)
    record("privacy.notice_published", actor=by, obj=notice, edition=edition, version=notice.version)
    return notice


def republish(edition, *, by, now=None):
    """The current text again as a new version: for a change of the retention period, which the notice
    words from the setting, so that applicants agree again to what it now says."""
    current = current_notice(edition)
    return publish(edition, {name: getattr(current, name) for name in TEXT_FIELDS}, by=by, now=now)


def history(edition):
    """Every version of the edition's notice, latest first."""
    return PrivacyNotice.objects.filter(edition=edition).order_by("-number")


def retention_text(edition):
    """How long the edition keeps applicants' data, worded from its retention setting (never typed)."""
    policy = retention_for(edition)
    return ngettext(
        "The personal data of applicants who do not take part is anonymised %(months)d month after the last "
        "in-person day, on %(day)s. Confirmed participants' data is kept for their certificate and the alumni "
        "follow-up, until they delete their account.",
        "The personal data of applicants who do not take part is anonymised %(months)d months after the last "
        "in-person day, on %(day)s. Confirmed participants' data is kept for their certificate and the alumni "
        "follow-up, until they delete their account.",
        policy.months,
    ) % {"months": policy.months, "day": formats.date_format(policy.purge_on, "j F Y")}


def retention_short(edition):
    """The same, in a few words for the application form."""
    months = retention_for(edition).months
    return ngettext(
        "%(months)d month after the last in-person day unless you take part",
        "%(months)d months after the last in-person day unless you take part",
        months,
    ) % {"months": months}
