"""Reviewer assignment on hand-made instances: rules, messages, kept and removed pairs."""

import random
from unittest.mock import patch

import pytest

from academy.reviews import assignment_flow
from academy.reviews.assignment import (
    Application,
    AssignmentInfeasible,
    AssignmentOptions,
    Conflicts,
    Reviewer,
    assign,
    conflict_reason,
    propose_third_reviewer,
)


def apps(n, **fields):
    return [Application(id=i, **fields) for i in range(1, n + 1)]


def reviewers(n, **fields):
    return [Reviewer(id=100 + j, **fields) for j in range(1, n + 1)]


def per_application(result):
    counts = {}
    for _, a in result.pairs:
        counts[a] = counts.get(a, 0) + 1
    return counts


def test_every_application_gets_n_reviewers_with_even_loads():
    result = assign(apps(30), reviewers(9), AssignmentOptions(max_load=12, per_application=3))
    assert set(per_application(result).values()) == {3}
    assert sorted(result.loads.values()) == [10] * 9
    assert result.objective.max_load == result.objective.min_load == 10
    assert result.objective.sum_of_squares == 9 * 100


def test_uneven_total_spreads_the_remainder_one_each():
    result = assign(apps(7), reviewers(3), AssignmentOptions(max_load=10, per_application=2))
    assert sorted(result.loads.values()) == [4, 5, 5]


def test_same_organisation_and_declared_conflicts_are_never_assigned():
    applications = [
        Application(1, organisation="a"),
        Application(2, organisation="b"),
        Application(3, organisation="c"),
    ]
    pool = [Reviewer(10, organisation="a"), Reviewer(11), Reviewer(12), Reviewer(13)]
    conflicts = Conflicts(pairs=frozenset({(11, 2)}), organisations={12: {"c"}})
    result = assign(applications, pool, AssignmentOptions(max_load=3, per_application=2), conflicts=conflicts)
    assert (10, 1) not in result.pairs
    assert (11, 2) not in result.pairs
    assert (12, 3) not in result.pairs
    assert set(per_application(result).values()) == {2}


def test_same_country_is_avoided_only_when_asked():
    applications = [Application(1, country="FR"), Application(2, country="FR")]
    pool = [Reviewer(10, country="FR"), Reviewer(11, country="DE"), Reviewer(12, country="IT")]
    allowed = assign(applications, pool, AssignmentOptions(max_load=2, per_application=2))
    avoided = assign(applications, pool, AssignmentOptions(max_load=2, per_application=2, avoid_same_country=True))
    assert sorted(allowed.loads.values()) == [1, 1, 2]  # even loads need the French reviewer too
    assert avoided.loads == {10: 0, 11: 2, 12: 2}


def test_declared_country_conflict_holds_even_without_avoiding_countries():
    applications = [Application(1, country="FR"), Application(2, country="DE")]
    pool = [Reviewer(10), Reviewer(11), Reviewer(12)]
    result = assign(
        applications,
        pool,
        AssignmentOptions(max_load=2, per_application=2),
        conflicts=Conflicts(countries={10: {"FR"}}),
    )
    assert (10, 1) not in result.pairs


def test_kept_pairs_stay_and_count_towards_n_and_the_load():
    keep = {(101, 1), (101, 2), (101, 3)}
    result = assign(apps(6), reviewers(4), AssignmentOptions(max_load=3, per_application=2), keep=keep)
    assert keep <= result.pairs
    assert result.added == result.pairs - keep
    assert result.loads[101] == 3
    assert set(per_application(result).values()) == {2}


def test_excluded_pairs_are_never_added_again():
    exclude = {(101, 1), (102, 1)}
    result = assign(apps(3), reviewers(4), AssignmentOptions(max_load=3, per_application=2), exclude=exclude)
    assert not exclude & result.pairs
    assert result.reviewers_of(1) == [103, 104]


def test_re_run_keeps_the_organisers_changes_and_scored_reviews():
    options = AssignmentOptions(max_load=6, per_application=2)
    first = assign(apps(12), reviewers(5), options)
    removed = sorted(first.pairs)[0]
    added = next((r.id, 1) for r in reviewers(5) if (r.id, 1) not in first.pairs)
    scored = set(sorted(first.pairs - {removed})[:5])
    rerun = assign(apps(12), reviewers(5), options, keep=scored | {added}, exclude={removed})
    assert scored | {added} <= rerun.pairs
    assert removed not in rerun.pairs
    assert len(rerun.reviewers_of(1)) == 2 and added[0] in rerun.reviewers_of(1)


def test_nothing_is_added_when_kept_pairs_cover_every_application():
    result = assign(apps(1), reviewers(3), AssignmentOptions(max_load=1), keep={(101, 1), (102, 1), (103, 1)})
    assert result.added == frozenset()
    assert result.loads == {101: 1, 102: 1, 103: 1}
    assert assign([], reviewers(2), AssignmentOptions(max_load=1)).loads == {101: 0, 102: 0}


def test_a_kept_pair_with_a_conflict_stays_and_is_noted():
    applications = [Application(1, organisation="a"), Application(2, organisation="b")]
    pool = [Reviewer(10, organisation="a"), Reviewer(11), Reviewer(12)]
    result = assign(applications, pool, AssignmentOptions(max_load=2, per_application=2), keep={(10, 1)})
    assert (10, 1) in result.pairs
    assert result.notes == ("Reviewer 10 keeps application 1 although they have a conflict.",)


def test_capacity_override_limits_one_reviewer():
    pool = [Reviewer(10, capacity=1), Reviewer(11), Reviewer(12)]
    result = assign(apps(4), pool, AssignmentOptions(max_load=4, per_application=2))
    assert result.loads[10] == 1
    assert sorted([result.loads[11], result.loads[12]]) == [3, 4]


def test_preferences_pick_matching_reviewers_without_unbalancing_loads():
    matching = {(r.id, a.id): 0.0 for r in reviewers(4) for a in apps(8) if (r.id + a.id) % 2}
    options = AssignmentOptions(max_load=8, per_application=1)
    result = assign(apps(8), reviewers(4), options, preference=matching, preference_default=1.0)
    assert sorted(result.loads.values()) == [2, 2, 2, 2]
    assert result.objective.preference == 0.0


def test_same_input_in_any_order_gives_the_same_assignment():
    options = AssignmentOptions(max_load=10, per_application=3, seed=7)
    first = assign(apps(25), reviewers(10), options)
    second = assign(list(reversed(apps(25))), list(reversed(reviewers(10))), options)
    assert first.pairs == second.pairs


def test_candidate_subsets_with_pricing_find_the_same_optimum_as_the_full_model():
    rng = random.Random(4)
    applications = [Application(i, organisation=rng.randrange(40), country=rng.choice("ABCD")) for i in range(300)]
    pool = [Reviewer(1000 + j, organisation=rng.randrange(40), country=rng.choice("ABCD")) for j in range(40)]
    # everyone prefers the same 8 reviewers: the cheapest candidates all point to them, and they are soon full
    preference = {(r.id, a.id): 0.0 for r in pool for a in applications if r.id < 1008}
    options = AssignmentOptions(max_load=30, per_application=3, avoid_same_country=True)
    restricted = assign(applications, pool, options, preference=preference, preference_default=1.0)
    with patch.object(assignment_flow, "CANDIDATES", len(pool)):
        full = assign(applications, pool, options, preference=preference, preference_default=1.0)
    assert full.rounds == 1
    assert restricted.rounds > 1  # the first candidates were not enough: pricing added pairs
    assert restricted.objective == full.objective
    assert restricted.pairs == full.pairs


def test_too_few_reviewers_without_conflict_names_the_application():
    applications = [Application(16), Application(17, organisation="x")]
    pool = [Reviewer(10, organisation="x"), Reviewer(11)]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(applications, pool, AssignmentOptions(max_load=5, per_application=2))
    assert raised.value.message == "Application 17 has only 1 reviewer without a conflict; it needs 2."
    assert raised.value.details == {"constraint": "reviewers_per_application", "needed": 2, "applications": {17: 1}}


def test_too_few_places_says_how_many_reviewers_to_invite_or_which_limit():
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(apps(200), reviewers(12), AssignmentOptions(max_load=30, per_application=2))
    assert raised.value.message == (
        "12 reviewers × 30 = 360 places for 200 applications × 2 = 400 reviews: "
        "invite 2 more reviewers or raise the limit to 34."
    )
    assert raised.value.details["raise_limit_to"] == 34
    assert assign(apps(200), reviewers(12), AssignmentOptions(max_load=34, per_application=2)).objective.max_load == 34


def test_too_few_places_with_personal_limits():
    pool = [Reviewer(10, capacity=1), Reviewer(11, capacity=1), Reviewer(12)]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(apps(4), pool, AssignmentOptions(max_load=2, per_application=2))
    assert raised.value.message == (
        "3 reviewers have 4 places in all for 4 applications × 2 = 8 reviews: invite 2 more reviewers or raise the limit to 6."
    )


def test_a_group_that_shares_too_few_reviewers_is_named():
    applications = [
        Application(1, organisation="x"),
        Application(2, organisation="x"),
        Application(3, organisation="y"),
    ]
    pool = [
        Reviewer(10, capacity=1),
        Reviewer(11, capacity=1),
        Reviewer(12, organisation="x"),
        Reviewer(13, organisation="x"),
    ]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(applications, pool, AssignmentOptions(max_load=5, per_application=2))
    assert raised.value.message == (
        "Applications 1 and 2 need 4 more reviews, but the only reviewers without a conflict with them (10 and 11) "
        "have 2 places left for them. Raise these reviewers' limit, invite more reviewers, or lift a conflict."
    )
    assert raised.value.details == {
        "constraint": "group",
        "applications": [1, 2],
        "reviewers": [10, 11],
        "needed": 4,
        "available": 2,
    }


def test_reviewers_filled_by_kept_pairs_explain_a_shortage():
    pool = [Reviewer(101, capacity=1), Reviewer(102, capacity=1), Reviewer(103, capacity=2)]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(apps(2), pool, AssignmentOptions(max_load=2, per_application=2), keep={(101, 1), (102, 1)})
    assert raised.value.message.startswith(
        "Application 2 needs 2 more reviews, but the only reviewers without a conflict with it (101, 102 and 103) "
        "have 1 place left for it."
    )


def test_kept_and_excluded_at_once_is_refused():
    with pytest.raises(ValueError, match="both kept and excluded"):
        assign(
            apps(1), reviewers(2), AssignmentOptions(max_load=1, per_application=1), keep={(101, 1)}, exclude={(101, 1)}
        )


def test_a_kept_pair_with_an_unknown_application_is_refused():
    with pytest.raises(ValueError, match="unknown reviewer or application"):
        assign(apps(1), reviewers(2), AssignmentOptions(max_load=1, per_application=1), keep={(101, 99)})


def test_conflict_reason_codes():
    application = Application(1, organisation="a", country="FR")
    assert conflict_reason(Reviewer(10, organisation="a"), application) == "organisation"
    assert conflict_reason(Reviewer(10, country="FR"), application) is None
    assert conflict_reason(Reviewer(10, country="FR"), application, avoid_same_country=True) == "country"
    assert conflict_reason(Reviewer(10), application, Conflicts(pairs=frozenset({(10, 1)}))) == "declared"
    assert conflict_reason(Reviewer(10), application, Conflicts(organisations={10: {"a"}})) == "declared_organisation"
    assert conflict_reason(Reviewer(10), application, Conflicts(countries={10: {"FR"}})) == "declared_country"
    assert conflict_reason(Reviewer(10, organisation=None), Application(2, organisation=None)) is None


def test_third_reviewer_is_the_least_loaded_allowed_one():
    application = Application(1, organisation="a")
    pool = [Reviewer(10), Reviewer(11, organisation="a"), Reviewer(12), Reviewer(13), Reviewer(14, capacity=2)]
    loads = {10: 3, 11: 0, 12: 5, 13: 4, 14: 2}
    assert propose_third_reviewer(application, pool, loads, assigned={10}, max_load=5) == 13
    assert propose_third_reviewer(application, pool, loads, assigned={10}, excluded={13}, max_load=5) is None
    assert propose_third_reviewer(application, pool, loads, assigned={10}, excluded={13}) == 12


def test_third_reviewer_ties_go_to_the_smallest_id():
    pool = [Reviewer(12), Reviewer(11), Reviewer(13)]
    assert propose_third_reviewer(Application(1), pool, {11: 1, 12: 1, 13: 1}, assigned={13}) == 11
