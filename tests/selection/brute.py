"""Random small selection instances, and a brute force that reads the rules from their JSON afresh.

The checks here do not use the solver's rule code: they restate the documented format, so a
misreading in `academy.selection.rules` shows up as a disagreement."""

import itertools

from hypothesis import strategies as st

COUNTRIES = ["DE", "FR", "IT"]
ORGANISATIONS = ["o1", "o2", "o3", "o4", None]
EXPERIENCE = ["junior", "senior"]
ECOSYSTEMS = ["a", "b", "c", "d"]


@st.composite
def candidates(draw, n):
    people = []
    for i in range(n):
        people.append(
            {
                "id": f"c{i}",
                "score": draw(st.integers(-6, 6)) / 2,  # halves: many exact ties
                "country": draw(st.sampled_from(COUNTRIES)),
                "organisation": draw(st.sampled_from(ORGANISATIONS)),
                "dimensions": {
                    "experience": draw(st.sampled_from(EXPERIENCE)),
                    "ecosystems": draw(st.lists(st.sampled_from(ECOSYSTEMS), min_size=1, max_size=2, unique=True)),
                },
                "lock": draw(st.sampled_from([None] * 8 + ["in", "out"])),
            }
        )
    return people


@st.composite
def rules(draw, soft=True):
    def bound():
        return draw(
            st.one_of(
                st.fixed_dictionaries({"count": st.integers(0, 3)}),
                st.fixed_dictionaries({"share": st.sampled_from([0.25, 0.5, 0.75])}),
            )
        )

    pool = [
        lambda: {
            "rule": "country_cap",
            "limit": draw(st.integers(1, 3)),
            **draw(st.sampled_from([{}, {"per_value": {"DE": 1}}])),
        },
        lambda: {"rule": "organisation_cap", "limit": draw(st.integers(1, 2))},
        lambda: {
            "rule": "dimension_min",
            "dimension": "experience",
            "value": draw(st.sampled_from(EXPERIENCE)),
            **bound(),
        },
        lambda: {
            "rule": "dimension_max",
            "dimension": "experience",
            "value": draw(st.sampled_from(EXPERIENCE)),
            **bound(),
        },
        lambda: {"rule": "coverage", "dimension": "ecosystems", "at_least": draw(st.integers(1, 4))},
    ]
    chosen = draw(st.lists(st.integers(0, len(pool) - 1), max_size=4))
    made = [pool[k]() for k in chosen]
    if soft:
        for rule in made:
            if draw(st.booleans()) and draw(st.booleans()):
                rule.update(soft=True, penalty=draw(st.sampled_from([0.5, 1.0, 3.0])))
    return made


@st.composite
def instances(draw, max_candidates=9, soft=True):
    n = draw(st.integers(1, max_candidates))
    low = draw(st.integers(0, 4))
    high = draw(st.integers(max(low, 1), 6))
    return {"min_size": low, "max_size": high, "rules": draw(rules(soft)), "candidates": draw(candidates(n))}


def values(candidate, dimension):
    value = candidate["dimensions"].get(dimension)
    return [] if value is None else value if isinstance(value, list) else [value]


def shortfall(rule, chosen):
    """How far the cohort `chosen` (candidate dicts) is from meeting the rule (0 when met)."""
    size = len(chosen)
    kind = rule["rule"]
    if kind in ("country_cap", "organisation_cap"):
        key = "country" if kind == "country_cap" else "organisation"
        counts = {}
        for c in chosen:
            if c[key] is not None:
                counts[c[key]] = counts.get(c[key], 0) + 1
        return sum(max(0, k - rule.get("per_value", {}).get(str(v), rule["limit"])) for v, k in counts.items())
    if kind == "coverage":
        held = {v for c in chosen for v in values(c, rule["dimension"])}
        return max(0, rule["at_least"] - len(held))
    k = sum(1 for c in chosen if rule["value"] in values(c, rule["dimension"]))
    limit = rule["count"] if "count" in rule else rule["share"] * size
    gap = limit - k if kind == "dimension_min" else k - limit
    return max(0.0, gap) if gap > 1e-9 else 0


def broken(instance, chosen, *, soft=None):
    """Indexes of the rules the cohort breaks; soft=True/False keeps only soft/hard rules."""
    return [
        i
        for i, rule in enumerate(instance["rules"])
        if shortfall(rule, chosen) and (soft is None or bool(rule.get("soft")) == soft)
    ]


def locks_kept(instance, chosen):
    ids = {c["id"] for c in chosen}
    return all(
        (c["lock"] != "in" or c["id"] in ids) and (c["lock"] != "out" or c["id"] not in ids)
        for c in instance["candidates"]
    )


def feasible(instance, chosen):
    size_ok = instance["min_size"] <= len(chosen) <= instance["max_size"]
    return size_ok and locks_kept(instance, chosen) and not broken(instance, chosen, soft=False)


def cohorts(instance):
    people = instance["candidates"]
    for size in range(len(people) + 1):
        yield from itertools.combinations(people, size)


def penalty(instance, chosen):
    return sum(instance["rules"][i].get("penalty", 1.0) for i in broken(instance, chosen, soft=True))


def best_value(instance, lexicographic=False):
    """The best (seats, -penalty, score) or (seats, score - penalty) over every feasible cohort, or None."""
    best = None
    for chosen in cohorts(instance):
        if not feasible(instance, chosen):
            continue
        score = sum(c["score"] for c in chosen)
        value = (
            (len(chosen), -penalty(instance, chosen), score)
            if lexicographic
            else (len(chosen), score - penalty(instance, chosen))
        )
        if best is None or value > best:
            best = value
    return best


def value_of(instance, ids, lexicographic=False):
    chosen = [c for c in instance["candidates"] if c["id"] in set(ids)]
    score = sum(c["score"] for c in chosen)
    if lexicographic:
        return (len(chosen), -penalty(instance, chosen), score)
    return (len(chosen), score - penalty(instance, chosen))


def smallest_slack(instance):
    """The least total slack (people past bounds, values short, seats, locks lifted) over every cohort."""
    best = None
    for chosen in cohorts(instance):
        size = len(chosen)
        total = max(0, instance["min_size"] - size) + max(0, size - instance["max_size"])
        ids = {c["id"] for c in chosen}
        total += sum(
            1
            for c in instance["candidates"]
            if (c["lock"] == "in" and c["id"] not in ids) or (c["lock"] == "out" and c["id"] in ids)
        )
        total += sum(shortfall(rule, chosen) for rule in instance["rules"] if not rule.get("soft"))
        best = total if best is None else min(best, total)
    return best
