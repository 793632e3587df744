"""An edition's selection instance from the database: who is a candidate, with what score, country,
organisation, dimensions and lock, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.applications.models import Status
from academy.reviews.board import aggregate
from academy.selection import candidates
from academy.selection.instance import Instance
from academy.selection.models import SelectionLock
from tests import factories
from tests.selection import builders

pytestmark = pytest.mark.django_db


def test_candidates_carry_the_normalised_score_registry_facts_and_the_tagged_answers():
    edition = builders.edition()
    org = factories.organisation(country="PT")
    best = builders.application(
        edition, total=90, organisation=org, experience="Under 3 years", ecosystems=("Digital", "Health")
    )
    other = builders.application(edition, total=50, country="FR", background="Engineering / science")
    found = {c["id"]: c for c in candidates.pool(edition).candidates}
    normalised = aggregate(edition).applications
    assert found[best.pk] == {
        "id": best.pk,
        "score": round(normalised[best.pk].normalised, 6),
        "country": "PT",
        "organisation": org.pk,
        # the latest submitted version counts, not the draft (whose experience answer differs)
        "dimensions": {
            "experience": "Under 3 years",
            "background": "Business / management",
            "ecosystems": ["Digital", "Health"],
        },
        "lock": None,
    }
    assert found[best.pk]["score"] > 0 > found[other.pk]["score"]
    assert found[other.pk]["dimensions"]["background"] == "Engineering / science"


def test_only_eligible_submitted_reviewed_applications_are_candidates_and_the_rest_are_counted():
    edition = builders.edition()
    kept = builders.application(edition, total=70)
    builders.application(edition, total=60)
    builders.application(edition)  # no review yet
    builders.application(edition, total=80, eligible=False)
    builders.application(edition, total=80, status=Status.WITHDRAWN)
    builders.application(factories.edition(), total=None)  # another edition
    pool = candidates.pool(edition)
    assert kept.pk in {c["id"] for c in pool.candidates}
    assert len(pool.candidates) == 2
    assert pool.unreviewed == 1


def test_organiser_locks_apply_and_someone_who_declined_is_locked_out():
    edition = builders.edition()
    locked_in = builders.application(edition, total=40)
    locked_out = builders.application(edition, total=90)
    declined = builders.application(edition, total=80, status=Status.DECLINED)
    free = builders.application(edition, total=60)
    SelectionLock.objects.create(application=locked_in, lock="in")
    SelectionLock.objects.create(application=locked_out, lock="out")
    locks = {c["id"]: c["lock"] for c in candidates.pool(edition).candidates}
    assert locks == {locked_in.pk: "in", locked_out.pk: "out", declined.pk: "out", free.pk: None}


def test_the_instance_of_an_edition_validates_and_uses_its_sizes_and_the_default_rules():
    edition = builders.edition(min_participants=1, max_participants=3)
    builders.pool(edition, [(80, "DE", "Under 3 years"), (70, "FR", "3–5 years")])
    settings = candidates.rules_of(edition)
    assert settings.pk is None and settings.rules == candidates.DEFAULT_RULES
    instance = Instance.from_json(candidates.instance_json(edition, settings.rules))
    assert (instance.min_size, instance.max_size, len(instance.candidates)) == (1, 3, 2)
    assert [rule.rule for rule in instance.rules] == ["country_cap", "organisation_cap"]
    assert instance.rules[0].limit == 3


def test_untagged_forms_give_candidates_without_dimensions():
    edition = builders.edition()
    edition.questions.update(dimension="")
    app = builders.application(edition, total=50)
    builders.application(edition, total=40)
    assert {c["id"]: c for c in candidates.pool(edition).candidates}[app.pk]["dimensions"] == {}


def queries_for(edition):
    with CaptureQueriesContext(connection) as captured:
        candidates.pool(edition)
    return len(captured)


def test_building_the_pool_takes_the_same_number_of_queries_for_3_and_30_applications():
    small, large = builders.edition(), builders.edition()
    for n in range(3):
        builders.application(small, total=40 + n, country="DE")
    for n in range(30):
        builders.application(large, total=40 + n, country=["DE", "FR", "IT"][n % 3])
    assert queries_for(small) == queries_for(large) == 5
