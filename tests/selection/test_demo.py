"""The demo's 2022 selection: two runs, the first adopted, and the confirmed cohort is exactly its cohort."""

import io
import random

import pytest
from django.core.management.base import OutputWrapper
from django.utils import timezone

from academy.accounts.models import Role
from academy.applications.models import Application, Status
from academy.demo.management.commands.seed import DemoContext
from academy.selection import demo
from academy.selection.models import Offer, SelectionLock, SelectionRun
from tests import factories
from tests.selection import builders

pytestmark = pytest.mark.django_db


def test_the_demo_adopts_run_1_confirms_its_cohort_and_leaves_run_2_to_compare(monkeypatch):
    # The demo's rules ask for 12 ecosystems; this small edition has 3.
    for name in ("RULES", "STRICTER"):
        rules = [r | {"at_least": 3} if r["rule"] == "coverage" else r for r in getattr(demo, name)]
        monkeypatch.setattr(demo, name, rules)
    edition = builders.edition(min_participants=5, max_participants=8)
    countries = ["DE", "FR", "IT", "PT", "BE", "NL"]
    ecosystems = [("Digital",), ("Health",), ("Tourism", "Digital")]
    apps = [
        builders.application(
            edition,
            total=40 + 2 * n,
            country=countries[n % 6],
            experience=builders.EXPERIENCE[n % 4],
            background=builders.BACKGROUNDS[n % 2],
            ecosystems=ecosystems[n % 3],
        )
        for n in range(24)
    ]
    out = io.StringIO()
    ctx = DemoContext(rng=random.Random(2022), now=timezone.now(), stdout=OutputWrapper(out))
    ctx.editions = {"2022": edition}
    ctx.users = {"organiser": factories.with_role(Role.ORGANISER, edition), "applicant": apps[0].applicant}

    demo.seed(ctx)

    first, second = SelectionRun.objects.filter(edition=edition).order_by("number")
    assert first.adopted_at is not None and second.adopted_at is None
    assert (first.state, first.status, second.state) == ("done", "optimal", "done")
    confirmed = set(Application.objects.filter(edition=edition, status=Status.CONFIRMED).values_list("pk", flat=True))
    assert confirmed == set(first.result["selected"]) and apps[0].pk in confirmed
    assert SelectionLock.objects.get(application=apps[0]).lock == "in"
    assert set(Offer.objects.values_list("application_id", flat=True)) == confirmed
    waitlisted = list(
        Application.objects.filter(edition=edition, status=Status.WAITLISTED).values_list("pk", flat=True)
    )
    assert sorted(waitlisted) == sorted(first.result["waitlist"][: demo.WAITLIST])
    assert "run 1 adopted" in out.getvalue() and "compare them at" in out.getvalue()
