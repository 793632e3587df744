import pytest
from hypothesis import assume, given, settings

from academy.selection.explain import explain
from academy.selection.instance import Instance
from academy.selection.solver import solve

from . import brute
from .test_solver import people


def solved(rows, rules, low=1, high=4):
    instance = Instance.from_json({"min_size": low, "max_size": high, "rules": rules, "candidates": people(*rows)})
    result = solve(instance)
    return result, explain(instance, result)


def test_a_full_country_cap_is_named_with_the_applicants_who_fill_it_and_the_score_given_up():
    rows = [(f"de{i}", 9.0 - i, "DE", None, {}, None) for i in range(4)]
    rows += [("fr", 2.0, "FR", None, {}, None), ("it", 1.0, "IT", None, {}, None)]
    result, why = solved(rows, [{"rule": "country_cap", "limit": 3}])
    assert result.selected == ["de0", "de1", "de2", "fr"]
    assert why["de3"].status == "rule"
    assert why["de3"].message.startswith(
        "not selected: the country cap of 3 for DE reached by three applicants with higher scores"
    )
    assert why["de3"].rules == [{"index": 0, "rule": "country_cap", "subject": "DE"}]
    assert why["de3"].score_given_up == pytest.approx(1.0)  # de3 (6) can only take the seat of de2 (7)
    assert "give up 1 of total score" in why["de3"].message


def test_a_score_below_the_cut_off_is_said_so():
    rows = [("a", 3.0, "DE", None, {}, None), ("b", 2.0, "FR", None, {}, None), ("c", 0.5, "IT", None, {}, None)]
    result, why = solved(rows, [], high=2)
    assert why["a"].status == "selected"
    assert why["c"].status == "cutoff"
    assert why["c"].message.startswith("not selected: score 0.5 is below the cut-off of 2")
    assert why["c"].score_given_up == pytest.approx(1.5)


def test_a_higher_score_left_out_for_a_minimum_names_the_minimum():
    rows = [
        ("s0", 5.0, "DE", None, {"experience": "senior"}, None),
        ("s1", 4.0, "DE", None, {"experience": "senior"}, None),
    ]
    rows += [("j", 0.0, "FR", None, {"experience": "junior"}, None)]
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 1}]
    result, why = solved(rows, rules, high=2)
    assert result.selected == ["s0", "j"]
    assert why["s1"].status == "rule"
    assert "the minimum of 1 with experience = junior keeps lower scores in" in why["s1"].message
    assert why["s1"].score_given_up == pytest.approx(1.0)  # s1 can only replace s0


def test_locks_and_ties_are_explained():
    rows = [("in", -1.0, "DE", None, {}, "in"), ("out", 9.0, "DE", None, {}, "out")]
    rows += [("t1", 1.0, "FR", None, {}, None), ("t2", 1.0, "IT", None, {}, None)]
    result, why = solved(rows, [], high=2)
    assert why["in"].status == "locked_in" and why["out"].status == "locked_out"
    loser = "t2" if "t1" in result.selected else "t1"
    assert why[loser].status == "tie"
    assert why[loser].score_given_up == 0


def test_beyond_the_re_solved_few_the_cheap_answer_stands():
    rows = [(f"p{i}", float(i), "DE", None, {}, None) for i in range(6)]
    instance = Instance.from_json({"min_size": 1, "max_size": 2, "rules": [], "candidates": people(*rows)})
    why = explain(instance, solve(instance), resolve=1)
    assert why["p3"].score_given_up == pytest.approx(1.0)
    assert why["p2"].score_given_up is None and why["p2"].status == "cutoff"


def test_an_infeasible_run_explains_that_no_cohort_exists():
    rows = [("a", 1.0, "DE", None, {}, None)]
    result, why = solved(rows, [], low=2, high=3)
    assert result.status == "infeasible"
    assert why["a"].status == "no_cohort"


def test_when_the_rules_let_no_one_in_the_empty_cohort_is_explained():
    rows = [("a", 1.0, "DE", None, {"experience": "junior"}, None)]
    rules = [{"rule": "dimension_max", "dimension": "experience", "value": "junior", "count": 0}]
    result, why = solved(rows, rules, low=0, high=2)
    assert result.status == "optimal" and result.selected == []
    assert why["a"].message.startswith("not selected: the maximum of 0 with experience = junior leaves no room")
    assert "cannot be selected without breaking a hard rule" in why["a"].message


@settings(max_examples=30)
@given(brute.instances(max_candidates=7, soft=False))
def test_the_score_given_up_is_what_forcing_them_in_costs(data):
    instance = Instance.from_json(data)
    result = solve(instance)
    assume(result.status == "optimal")
    why = explain(instance, result, resolve=len(data["candidates"]))
    for candidate in data["candidates"]:
        explanation = why[candidate["id"]]
        if explanation.status in ("selected", "locked_in", "locked_out"):
            continue
        with_them = [
            (len(c), sum(p["score"] for p in c))
            for c in brute.cohorts(data)
            if candidate in c and brute.feasible(data, c)
        ]
        if not with_them:
            assert "cannot be selected" in explanation.message and explanation.score_given_up is None
        else:
            assert explanation.score_given_up == pytest.approx(result.objective - max(with_them)[1], abs=1e-6)
