"""The privacy demo: a retention period on 2022 that keeps the demo's data, and access records to read."""

import io
import random

import pytest
from django.utils import timezone

from academy.accounts.models import AuditEntry, Role
from academy.privacy import demo, services
from academy.privacy.audit import access_filter
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self, edition, organiser, reviewer):
        self.rng = random.Random(2022)
        self.now = timezone.now()
        self.stdout = io.StringIO()
        self.editions = {"2022": edition}
        self.users = {"organiser": organiser, "reviewer": reviewer}

    def say(self, text):
        self.stdout.write(text)


def test_the_demo_sets_a_retention_that_keeps_its_data_and_leaves_access_records():
    edition = factories.edition()
    sf.application(edition)
    ctx = Context(edition, factories.with_role(Role.ORGANISER, edition), factories.with_role(Role.REVIEWER, edition))
    demo.seed(ctx)
    assert services.retention_for(edition).months == 60
    assert not services.purge_due(edition)  # `academy cron` in the demo purges nothing yet
    records = AuditEntry.objects.filter(access_filter(), edition=edition)
    assert records.count() == 4 and records.filter(data__by_reviewer=True).count() == 1
