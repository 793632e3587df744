"""Every mail the review domain sends, in one place.

They go straight through Django's mail API for now. When the outbox (academy.mail) is merged, each
function becomes one ``queue_mail(purpose=...)`` call — the purpose is named in its comment — so the
mail is a row first and a worker sends it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _


def _closes(edition):
    return edition.review_closes.strftime("%-d %B %Y")


def invitation(reviewer, url):
    """To an invited reviewer, with the one-time link that accepts. Outbox:
    ``queue_mail(purpose="reviewer_invitation", to_email=reviewer.email, to_user=reviewer.user,
    edition=reviewer.edition, related=reviewer, context={"review_url": url, "review_closes":
    reviewer.edition.review_closes, "assigned_count": 0})`` — main's default text for that purpose speaks of
    applications already assigned; an invitation goes out before the assignment, so its text needs the
    accept-link wording below (and, as the link is one-time, ``redact_after_send=True``)."""
    edition = reviewer.edition
    subject = _("Invitation to review applications for %(edition)s") % {"edition": edition.name}
    body = _(
        "Hello,\n\n"
        "The organisers of %(edition)s invite you to review applications. Reviewing opens after the "
        "application deadline and closes at the end of %(closes)s (%(zone)s).\n\n"
        "Accept the invitation here, signed in with this e-mail address (or sign up with it):\n%(url)s\n\n"
        "Once you have accepted, you can declare conflicts of interest (organisations, countries or single "
        "applications) so that you are never given those applications.\n\n"
        "Questions: %(contact)s\n"
    ) % {
        "edition": edition.name,
        "closes": _closes(edition),
        "zone": edition.time_zone,
        "url": url,
        "contact": edition.contact_email,
    }
    EmailMessage(subject, body, to=[reviewer.email], reply_to=[edition.contact_email]).send()


def reminder(user, edition, *, assigned, submitted):
    """To a reviewer with reviews left. Outbox: ``queue_mail(purpose="reviewer_reminder", to_email=user.email,
    to_user=user, edition=edition, context={"review_url": url, "review_closes": edition.review_closes,
    "pending_count": assigned - submitted})``."""
    url = settings.SITE_URL.rstrip("/") + reverse("reviews:queue", kwargs={"slug": edition.slug})
    subject = _("Reminder: %(left)s reviews left for %(edition)s") % {
        "left": assigned - submitted,
        "edition": edition.name,
    }
    body = _(
        "Hello %(name)s,\n\n"
        "You have submitted %(submitted)s of your %(assigned)s reviews for %(edition)s. Reviewing closes at the "
        "end of %(closes)s (%(zone)s).\n\n"
        "Your queue, with the next application to score: %(url)s\n\n"
        "Thank you for your time.\n"
    ) % {
        "name": user.get_short_name(),
        "submitted": submitted,
        "assigned": assigned,
        "edition": edition.name,
        "closes": _closes(edition),
        "zone": edition.time_zone,
        "url": url,
    }
    EmailMessage(subject, body, to=[user.email], reply_to=[edition.contact_email]).send()
