import json

import pytest
from hypothesis import given, settings

from academy.selection.instance import Instance, InstanceError, Result
from academy.selection.solver import solve

from . import brute


@settings(max_examples=40)
@given(brute.instances())
def test_an_instance_and_its_result_survive_a_json_round_trip(data):
    instance = Instance.from_json(data)
    exported = json.loads(json.dumps(instance.to_json()))
    assert Instance.from_json(exported) == instance
    assert exported["candidates"] == data["candidates"]
    result = solve(instance)
    assert Result.from_json(json.loads(json.dumps(result.to_json()))) == result


def test_the_documented_format_is_read_and_written_back_unchanged():
    data = {
        "min_size": 25,
        "max_size": 40,
        "rules": [
            {"rule": "country_cap", "limit": 3, "per_value": {"DE": 4}},
            {"rule": "organisation_cap", "limit": 1},
            {"rule": "dimension_min", "dimension": "experience", "value": "under-3", "share": 0.3},
            {
                "rule": "dimension_max",
                "dimension": "background",
                "value": "engineering",
                "count": 20,
                "soft": True,
                "penalty": 2.0,
            },
            {"rule": "coverage", "dimension": "ecosystems", "at_least": 12},
        ],
        "candidates": [
            {
                "id": 17,
                "score": -0.25,
                "country": "DE",
                "organisation": "org-1",
                "dimensions": {"experience": "under-3", "ecosystems": ["digital", "health"]},
                "lock": "in",
            },
            {"id": "x", "score": 1.5, "country": None, "organisation": None, "dimensions": {}, "lock": None},
        ],
    }
    assert Instance.from_json(data).to_json() == data


def problems(data):
    with pytest.raises(InstanceError) as raised:
        Instance.from_json(data)
    return raised.value.messages


def base(**changes):
    return {"min_size": 1, "max_size": 2, "rules": [], "candidates": [{"id": 1, "score": 0}], **changes}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (base(rules=[{"rule": "quota"}]), "rules[0]: unknown rule kind 'quota'; known kinds are country_cap, coverage"),
        (
            base(rules=[{"rule": "dimension_min", "dimension": "experience", "value": "under-3", "share": 1.3}]),
            "rules[0]: share must be a number between 0 and 1 (got 1.3)",
        ),
        (
            base(rules=[{"rule": "dimension_max", "dimension": "d", "value": "v", "share": 0.3, "count": 2}]),
            "rules[0]: give either a count or a share, not both or neither",
        ),
        (
            base(rules=[{"rule": "country_cap", "limit": 3, "penalty": 2}]),
            "rules[0]: a penalty applies only to a soft rule",
        ),
        (base(rules=[{"rule": "country_cap", "limit": -1}]), "rules[0]: limit must be at least 0 (got -1)"),
        (
            base(rules=[{"rule": "country_cap", "limt": 3, "limit": 3}]),
            "rules[0]: unknown field “limt” for a country_cap rule",
        ),
        (
            base(rules=[{"rule": "coverage", "dimension": "", "at_least": 3}]),
            "rules[0]: dimension must be a non-empty text",
        ),
        (base(candidates=[{"id": 1, "score": 0}, {"id": 1, "score": 1}]), "candidates[1]: the id 1 is used twice"),
        (base(candidates=[{"id": 1, "score": 0, "lock": "in+out"}]), 'candidates[0]: lock must be "in", "out" or null'),
        (base(candidates=[{"id": 1, "score": float("nan")}]), "candidates[0]: score must be a finite number"),
        (
            base(candidates=[{"id": 1, "score": 0, "dimensions": {"eco": [1]}}]),
            "the eco dimension must be a text or a list",
        ),
        (base(min_size=5), "min_size (5) is above max_size (2)"),
        (base(max_size="40"), "max_size must be a whole number (got '40')"),
        ([], "the instance must be a JSON object"),
    ],
)
def test_a_bad_instance_is_refused_with_a_message_that_says_where(data, message):
    assert any(m.startswith(message) or message in m for m in problems(data))


def test_every_problem_is_reported_at_once():
    data = base(min_size=3, rules=[{"rule": "quota"}], candidates=[{"id": None, "score": "high"}])
    assert len(problems(data)) == 4
