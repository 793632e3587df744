import pytest
from hypothesis import assume, given, settings

from academy.selection.instance import Instance
from academy.selection.relax import relax
from academy.selection.solver import solve

from . import brute
from .test_solver import people


@settings(max_examples=40)
@given(brute.instances(max_candidates=7, soft=False))
def test_the_relaxation_is_the_smallest_and_makes_the_instance_solvable(data):
    instance = Instance.from_json(data)
    assume(brute.best_value(data) is None)
    relaxation = relax(instance)
    assert relaxation.proven
    assert relaxation.total == pytest.approx(brute.smallest_slack(data), abs=1e-6)
    assert relaxation.changes
    assert solve(relaxation.instance).status == "optimal"


def infeasible(rows, rules, low=1, high=4):
    result = solve(Instance.from_json({"min_size": low, "max_size": high, "rules": rules, "candidates": people(*rows)}))
    assert result.status == "infeasible"
    return result.relaxation


def test_a_minimum_above_the_applicants_available_is_lowered_to_what_exists():
    rows = [(f"j{i}", 1.0, "DE", f"o{i}", {"experience": "under-3"}, None) for i in range(9)]
    rows += [(f"s{i}", 2.0, "FR", f"p{i}", {"experience": "over-10"}, None) for i in range(20)]
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "under-3", "count": 12}]
    relaxation = infeasible(rows, rules, low=25, high=40)
    assert [c["message"] for c in relaxation["changes"]] == ["lower the minimum of experience = under-3 from 12 to 9"]
    assert relaxation["clashing"] == ["the minimum of experience = under-3"]


def test_four_germans_locked_in_raise_the_german_cap_by_one():
    rows = [(f"de{i}", 1.0, "DE", None, {}, "in") for i in range(4)] + [("fr", 1.0, "FR", None, {}, None)]
    rules = [{"rule": "country_cap", "limit": 3}]
    relaxation = infeasible(rows, rules)
    assert relaxation["total"] == 1
    assert relaxation["changes"][0]["message"] in (
        "raise the country cap for DE from 3 to 4",
        *[f"lift the lock “in” on candidate de{i}" for i in range(4)],
    )


def test_clashing_shares_are_relaxed_in_percent():
    rows = [(f"j{i}", 1.0, "DE", None, {"experience": "junior"}, None) for i in range(10)]
    rows += [(f"s{i}", 1.0, "DE", None, {"experience": "senior"}, None) for i in range(10)]
    rules = [
        {"rule": "dimension_min", "dimension": "experience", "value": "junior", "share": 0.6},
        {"rule": "dimension_min", "dimension": "experience", "value": "senior", "share": 0.6},
    ]
    relaxation = infeasible(rows, rules, low=10, high=10)
    (change,) = relaxation["changes"]
    assert change["from"] == 0.6 and change["to"] == 0.4
    assert change["message"].endswith("from 60% to 40%")
