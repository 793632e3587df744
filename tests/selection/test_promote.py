from hypothesis import assume, given, settings
from hypothesis import strategies as st

from academy.selection.instance import Instance
from academy.selection.solver import promote, solve

from . import brute
from .test_solver import people


@settings(max_examples=40)
@given(brute.instances(soft=False), st.data())
def test_promotion_keeps_every_rule_when_someone_can_and_never_exceeds_the_maximum(data, draw):
    instance = Instance.from_json(data)
    result = solve(instance)
    assume(result.status == "optimal" and result.selected)
    declined = draw.draw(st.lists(st.sampled_from(result.selected), min_size=1, unique=True))
    rest = [i for i in result.selected if i not in declined]
    offered = draw.draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []
    confirmed = [i for i in rest if i not in offered]
    newcomer = promote(instance, confirmed, declined, offered)

    cohort = [c for c in data["candidates"] if c["id"] in set(rest)]
    pool = [c for c in data["candidates"] if c["id"] not in set(result.selected) and c["lock"] != "out"]
    keeps_all = [c for c in pool if not brute.broken(data, [*cohort, c], soft=False)]
    if newcomer is None:
        assert not keeps_all or len(cohort) >= data["max_size"]
        return
    entrant = next(c for c in pool if c["id"] == newcomer)
    assert len(cohort) + 1 <= data["max_size"]
    if keeps_all:
        assert entrant in keeps_all
        assert entrant["score"] == max(c["score"] for c in keeps_all)
    upper = [
        i for i, r in enumerate(data["rules"]) if r["rule"] in ("country_cap", "organisation_cap", "dimension_max")
    ]
    assert not set(brute.broken(data, [*cohort, entrant], soft=False)) & set(upper)


def test_a_declined_german_is_replaced_by_the_best_applicant_the_cap_allows():
    rows = [(f"de{i}", 9.0 - i, "DE", None, {}, None) for i in range(5)]
    rows += [("fr", 3.0, "FR", None, {}, None), ("it", 2.0, "IT", None, {}, None)]
    data = {"min_size": 1, "max_size": 4, "rules": [{"rule": "country_cap", "limit": 3}], "candidates": people(*rows)}
    instance = Instance.from_json(data)
    result = solve(instance)
    assert result.selected == ["de0", "de1", "de2", "fr"]
    assert promote(instance, ["de0", "de2", "fr"], ["de1"]) == "de3"  # a German seat freed: the next German
    assert promote(instance, ["de0", "de1", "de2"], ["fr"]) == "it"  # the cap is full: the best non-German
    assert promote(instance, ["de0", "de1", "fr"], [], ["de2"]) is None  # no seat free


def test_promotion_restores_a_minimum_that_the_decline_broke():
    rows = [
        ("j1", 1.0, "DE", None, {"experience": "junior"}, None),
        ("j2", 0.5, "FR", None, {"experience": "junior"}, None),
    ]
    rows += [(f"s{i}", 5.0 - i, "IT", None, {"experience": "senior"}, None) for i in range(4)]
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "junior", "count": 1}]
    instance = Instance.from_json({"min_size": 3, "max_size": 3, "rules": rules, "candidates": people(*rows)})
    assert solve(instance).selected == ["j1", "s0", "s1"]
    assert promote(instance, ["s0", "s1"], ["j1"]) == "j2"
