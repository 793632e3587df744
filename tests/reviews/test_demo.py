"""The demo's review step: 12 reviewers with conflicts, everything assigned and reviewed, one harsh and one
lenient reviewer whose scales normalisation evens out; and a calm stop when there is nothing to review."""

import datetime as dt
import io
import random
from collections import Counter

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone

from academy.accounts.models import EditionRole, Role, User
from academy.demo.management.commands.seed import DemoContext
from academy.reviews import board, demo
from academy.reviews.conflicts import checker, core_application
from academy.reviews.models import Assignment, Conflict, Review
from tests import factories
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def context(applications):
    y2022 = builders.edition()
    current = factories.edition(deadline=timezone.localdate() + dt.timedelta(days=30))
    for n in range(applications):
        builders.application(y2022, country=["DE", "FR", "PT", "BE", "IT"][n % 5])
    out = io.StringIO()
    ctx = DemoContext(rng=random.Random(2022), now=timezone.now(), stdout=OutputWrapper(out))
    ctx.editions = {"2022": y2022, "open": current}
    ctx.users = {
        "reviewer": factories.with_role(Role.REVIEWER, y2022, "reviewer@academy.example"),
        "organiser": factories.with_role(Role.ORGANISER, y2022),
    }
    return ctx, out


def test_the_demo_reviews_every_application_with_a_harsh_and_a_lenient_reviewer():
    ctx, out = context(40)
    edition = ctx.editions["2022"]
    demo.seed(ctx)
    assert EditionRole.objects.filter(edition=edition, role=Role.REVIEWER).count() == 12
    assert Conflict.objects.filter(edition=edition).values("kind").distinct().count() == 3
    per_app = Counter(
        Review.objects.filter(assignment__edition=edition, submitted_at__isnull=False).values_list(
            "assignment__application_id", flat=True
        )
    )
    assert len(per_app) == 40 and set(per_app.values()) == {2}
    check = checker(edition)
    assert not [
        a
        for a in Assignment.objects.select_related("application__organisation")
        if check.reason(a.reviewer_id, core_application(a.application))
    ]
    scales = board.aggregate(edition).reviewers
    harsh, lenient = (scales[User.objects.get(email=f"reviewer{n}@academy.example").pk].mean for n in (2, 3))
    assert harsh + 25 < lenient
    assert "reviewer2@ harsh, reviewer3@ lenient" in out.getvalue()


def test_the_demo_stops_after_the_pool_when_nothing_was_submitted():
    ctx, out = context(0)
    demo.seed(ctx)
    assert EditionRole.objects.filter(edition=ctx.editions["2022"], role=Role.REVIEWER).count() == 12
    assert not Assignment.objects.exists()
    assert "no applications to review yet" in out.getvalue()
