"""Every mail the review domain sends, in one place, through the mail outbox."""

from django.conf import settings
from django.urls import reverse

from academy.mail.services import queue_mail


def invitation(reviewer, url):
    """To an invited reviewer, with the one-time link that accepts (not kept in the outbox once sent)."""
    edition = reviewer.edition
    queue_mail(
        purpose="reviewer_invitation",
        to_email=reviewer.email,
        to_user=reviewer.user,
        edition=edition,
        related=reviewer,
        context={"accept_url": url, "review_closes": edition.review_closes},
    )


def reminder(user, edition, *, assigned, submitted, dedupe_key=None):
    """To a reviewer with reviews left."""
    url = settings.SITE_URL.rstrip("/") + reverse("reviews:queue", kwargs={"slug": edition.slug})
    queue_mail(
        purpose="reviewer_reminder",
        to_email=user.email,
        to_user=user,
        edition=edition,
        dedupe_key=dedupe_key,
        context={"review_url": url, "review_closes": edition.review_closes, "pending_count": assigned - submitted},
    )
