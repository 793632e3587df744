import datetime as dt

import pytest
from django.core import mail

from academy.reviews.jobs import reviewer_reminders
from academy.reviews.models import Assignment
from tests.reviews import builders


@pytest.mark.django_db
def test_late_reviewers_are_reminded_once_per_window(review_edition):
    app = builders.application(review_edition)
    late = builders.reviewer(review_edition, full_name="Lars Late")
    Assignment.objects.create(edition=review_edition, reviewer=late, application=app)
    closes = review_edition.end_of(review_edition.review_closes)
    for hours in (60, 59, 10, 9):  # two runs in the 3-day window, two in the last day
        reviewer_reminders(closes - dt.timedelta(hours=hours))
    assert len(mail.outbox) == 2
    assert all("Lars Late" in m.to[0] and "1 of your reviews" in m.body for m in mail.outbox)
    assert reviewer_reminders(closes - dt.timedelta(days=5)) is None
