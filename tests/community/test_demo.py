"""The community demo: published groups, a directory most of the cohort joined, follow-up answers."""

import random

import pytest

from academy.accounts.models import Role
from academy.community import alumni, demo, groups
from academy.community.models import DirectoryEntry, FollowUpAnswer, GroupMember
from tests import factories

from . import helpers

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self, edition, users):
        self.rng = random.Random(2022)
        self.editions = {"2022": edition}
        self.users = users
        self.said = []

    def say(self, text):
        self.said.append(text)


def test_seeding_publishes_groups_fills_the_directory_and_leaves_the_applicant_her_follow_up():
    edition = factories.edition()
    people = helpers.cohort(edition, ["PT", "ES", "DE", "FR", "IT", "PL", "SE", "NL", "BE", "AT"] * 2)
    her = people[0]
    ctx = Context(edition, {"organiser": factories.with_role(Role.ORGANISER, edition), "applicant": her.applicant})
    demo.seed(ctx)
    assert GroupMember.objects.filter(group__edition=edition).count() == 20
    assert groups.my_group(edition, her) is not None
    assert DirectoryEntry.objects.filter(application=her).exists()
    assert 12 <= DirectoryEntry.objects.count() <= 20
    assert len({tuple(e.shared_fields) for e in DirectoryEntry.objects.all()}) > 3
    assert not FollowUpAnswer.objects.filter(application=her).exists()
    assert alumni.totals(edition).answered == FollowUpAnswer.objects.count() > 5
    assert "4 peer groups" in ctx.said[0] and "0 same-country pairs" in ctx.said[0]


def test_seeding_without_a_cohort_does_nothing():
    edition = factories.edition()
    ctx = Context(edition, {"organiser": factories.with_role(Role.ORGANISER, edition)})
    demo.seed(ctx)
    assert not GroupMember.objects.exists() and "no confirmed cohort" in ctx.said[0]
