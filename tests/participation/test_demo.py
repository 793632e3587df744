"""The participation demo: the 2022 info pack, assignments and surveys, and a cohort's work when there is one."""

import random

import pytest
from django.core.management import call_command

from academy.accounts.models import Role
from academy.participation import demo, info, surveys
from academy.participation.models import (
    Feedback,
    HandIn,
    HomeworkAssignment,
    InfoPack,
    ParticipantNeeds,
    Survey,
    SurveyRespondent,
    SurveyResponse,
)
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self, edition, coach):
        self.rng = random.Random(2022)
        self.editions = {"2022": edition}
        self.users = {"coach": coach}
        self.said = []

    def say(self, text):
        self.said.append(text)


def test_seeding_with_a_confirmed_cohort_gives_them_work_needs_and_answers():
    edition = factories.edition()
    coach = factories.with_role(Role.COACH, edition)
    people = helpers.cohort(edition, 12)
    ctx = Context(edition, coach)
    demo.seed(ctx)
    assert InfoPack.objects.get(edition=edition).venue.startswith("University of Strasbourg")
    assert list(HomeworkAssignment.objects.values_list("reviewer", flat=True)) == [coach.pk, coach.pk]
    assert ParticipantNeeds.objects.count() == 12
    assert 12 <= HandIn.objects.count() < 24 and Feedback.objects.exists()
    online, in_person = Survey.objects.order_by("pk")
    assert not online.anonymous and in_person.anonymous
    assert SurveyResponse.objects.filter(survey=in_person, application__isnull=False).count() == 0
    assert (
        SurveyRespondent.objects.filter(survey=online).count() == SurveyResponse.objects.filter(survey=online).count()
    )
    results = surveys.results(online)
    assert results[0].answered == SurveyResponse.objects.filter(survey=online).count() > 0
    assert info.needs_summary(edition).answered == len(people)
    assert "12 participants" in ctx.said[0]


def test_seeding_without_a_cohort_sets_up_only_the_editions_material():
    edition = factories.edition()
    ctx = Context(edition, factories.with_role(Role.COACH, edition))
    demo.seed(ctx)
    assert HomeworkAssignment.objects.count() == 2 and Survey.objects.count() == 2 and InfoPack.objects.count() == 1
    assert not HandIn.objects.exists() and "no confirmed cohort yet" in ctx.said[0]


@pytest.mark.slow  # the whole demo seed
def test_the_whole_demo_seed_runs(capsys):
    call_command("seed", "--seed", "2022")
    assert "participation: info pack, 2 assignments, 2 surveys for cba-2022" in capsys.readouterr().out
