import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from academy.selection.instance import Instance
from academy.selection.solver import solve

from . import brute

# derandomize: the same examples every run, so CI is reproducible. Random runs of 15,000 examples found
# one counterexample, kept below as a test of its own.
FEW = settings(max_examples=40)  # the rest from the suite's Hypothesis profile (tests/conftest.py)


def chosen(data, result):
    ids = set(result.selected)
    return [c for c in data["candidates"] if c["id"] in ids]


@FEW
@given(brute.instances(), st.booleans())
def test_every_hard_rule_holds_and_the_optimum_matches_brute_force(data, lexicographic):
    result = solve(Instance.from_json(data), seed=1, lexicographic=lexicographic)
    best = brute.best_value(data, lexicographic)
    if best is None:
        assert result.status == "infeasible"
        assert result.selected == [] and result.relaxation["changes"]
        return
    assert result.status == "optimal"
    cohort = chosen(data, result)
    assert brute.feasible(data, cohort)
    assert brute.value_of(data, result.selected, lexicographic) == pytest.approx(best, abs=1e-6)
    assert result.objective == pytest.approx(sum(c["score"] for c in cohort), abs=1e-6)
    assert sorted(result.broken) == brute.broken(data, cohort, soft=True)


@FEW
@given(brute.instances(soft=False), st.integers(0, 2**32))
def test_the_same_seed_gives_the_same_cohort_and_another_seed_an_equally_good_one(data, seed):
    instance = Instance.from_json(data)
    first, again, other = solve(instance, seed=seed), solve(instance, seed=seed), solve(instance, seed=seed + 1)
    assert again.selected == first.selected and again.waitlist == first.waitlist
    if first.status == "optimal":
        assert brute.value_of(data, other.selected) == pytest.approx(brute.value_of(data, first.selected), abs=1e-6)


def people(*rows):
    return [
        {"id": ident, "score": score, "country": country, "organisation": org, "dimensions": dims, "lock": lock}
        for ident, score, country, org, dims, lock in rows
    ]


def test_a_soft_minimum_larger_than_the_cohort_can_be_broken_instead_of_making_the_rules_infeasible():
    # Found by a random run: the soft row's slack was sized by the cohort's maximum (1), not by the minimum (3).
    data = {
        "min_size": 0,
        "max_size": 1,
        "rules": [{"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 3, "soft": True}],
        "candidates": people(("c0", 0.0, "DE", "o1", {"experience": "junior"}, None)),
    }
    result = solve(Instance.from_json(data))
    assert (result.status, result.selected, result.broken) == ("optimal", ["c0"], [0])


def test_ties_are_broken_by_the_seed_and_each_seed_reproduces_its_cohort():
    data = {
        "min_size": 2,
        "max_size": 2,
        "rules": [],
        "candidates": people(*[(f"p{i}", 1.0, "DE", None, {}, None) for i in range(8)]),
    }
    cohorts = {seed: tuple(solve(Instance.from_json(data), seed=seed).selected) for seed in range(6)}
    assert len(set(cohorts.values())) > 1
    assert all(tuple(solve(Instance.from_json(data), seed=s).selected) == c for s, c in cohorts.items())


def test_seats_are_filled_even_when_every_score_is_negative():
    data = {
        "min_size": 1,
        "max_size": 3,
        "rules": [],
        "candidates": people(*[(i, -1.0 - i, "FR", None, {}, None) for i in range(5)]),
    }
    result = solve(Instance.from_json(data))
    assert result.selected == [0, 1, 2]
    assert result.objective == -6.0


def test_a_country_cap_pushes_the_fourth_german_onto_the_waitlist_behind_a_lower_french_score():
    rows = [(f"de{i}", 9.0 - i, "DE", None, {}, None) for i in range(5)]
    rows += [("fr1", 3.0, "FR", None, {}, None), ("fr2", 2.0, "FR", None, {}, None), ("it1", 1.0, "IT", None, {}, None)]
    data = {"min_size": 1, "max_size": 4, "rules": [{"rule": "country_cap", "limit": 3}], "candidates": people(*rows)}
    result = solve(Instance.from_json(data))
    assert result.selected == ["de0", "de1", "de2", "fr1"]
    assert result.waitlist == ["fr2", "it1", "de3", "de4"]
    report = {(r.rule, r.subject): r for r in result.rules}
    assert report["country_cap", "DE"].value == 3 and report["country_cap", "DE"].binding
    assert not report["country_cap", "FR"].binding


def test_a_minimum_share_counts_against_the_size_of_the_cohort():
    rows = [(f"s{i}", 5.0, "DE", f"o{i}", {"experience": "senior"}, None) for i in range(6)]
    rows += [(f"j{i}", 0.0, "FR", f"p{i}", {"experience": "junior"}, None) for i in range(4)]
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "junior", "share": 0.3}]
    result = solve(Instance.from_json({"min_size": 5, "max_size": 5, "rules": rules, "candidates": people(*rows)}))
    juniors = [i for i in result.selected if i.startswith("j")]
    assert len(juniors) == 2  # 30% of 5 is 1.5: two juniors, not one
    share = next(r for r in result.rules if r.rule == "dimension_min")
    assert (share.value, share.limit, share.share, share.binding) == (2, 1.5, 0.3, True)


def test_coverage_counts_values_held_by_someone_selected():
    rows = [
        ("a", 5.0, "DE", None, {"ecosystems": ["digital"]}, None),
        ("b", 4.0, "DE", None, {"ecosystems": ["digital"]}, None),
        ("c", 0.0, "DE", None, {"ecosystems": ["health", "tourism"]}, None),
    ]
    rules = [{"rule": "coverage", "dimension": "ecosystems", "at_least": 3}]
    result = solve(Instance.from_json({"min_size": 1, "max_size": 2, "rules": rules, "candidates": people(*rows)}))
    assert sorted(result.selected) == ["a", "c"]


def test_lexicographic_mode_meets_a_soft_rule_that_the_weighted_mode_finds_too_costly():
    rows = [("star", 10.0, "DE", None, {"experience": "senior"}, None)]
    rows += [("junior", 0.0, "FR", None, {"experience": "junior"}, None)]
    rules = [
        {"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 1, "soft": True, "penalty": 2}
    ]
    data = {"min_size": 1, "max_size": 1, "rules": rules, "candidates": people(*rows)}
    weighted = solve(Instance.from_json(data))
    first_rules = solve(Instance.from_json(data), lexicographic=True)
    assert weighted.selected == ["star"] and weighted.broken == [0] and weighted.objective == 10.0
    assert first_rules.selected == ["junior"] and first_rules.broken == []


def test_locks_are_obeyed():
    rows = [(f"p{i}", float(i), "DE", None, {}, None) for i in range(4)]
    rows[0] = ("p0", 0.0, "DE", None, {}, "in")
    rows[3] = ("p3", 3.0, "DE", None, {}, "out")
    result = solve(Instance.from_json({"min_size": 2, "max_size": 2, "rules": [], "candidates": people(*rows)}))
    assert sorted(result.selected) == ["p0", "p2"]
    assert "p3" not in result.waitlist and result.waitlist == ["p1"]


@FEW
@given(brute.instances(soft=False))
def test_the_waitlist_holds_every_other_candidate_and_starts_with_the_best_who_fits(data):
    result = solve(Instance.from_json(data))
    if result.status != "optimal":
        return
    others = [c for c in data["candidates"] if c["id"] not in set(result.selected) and c["lock"] != "out"]
    assert sorted(result.waitlist) == sorted(c["id"] for c in others)
    cohort = chosen(data, result)
    fitting = [c for c in others if not brute.broken(data, [*cohort, c], soft=False)]
    if fitting:
        first = next(c for c in others if c["id"] == result.waitlist[0])
        assert first in fitting
        assert first["score"] == max(c["score"] for c in fitting)
