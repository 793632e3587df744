"""Reviewer assignment on random instances (hypothesis): the rules always hold, every refusal
carries a certificate that checks out, and on tiny instances the objective is the brute-force optimum."""

from collections import Counter
from itertools import combinations
from unittest.mock import patch

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from academy.reviews import assignment_flow
from academy.reviews.assignment import (
    Application,
    AssignmentInfeasible,
    AssignmentOptions,
    Conflicts,
    Reviewer,
    assign,
    conflict_matrix,
    conflict_reason,
)

SETTINGS = settings()  # the suite's Hypothesis profile (tests/conftest.py): Hypothesis's 100 examples


ORGANISATIONS = st.one_of(st.none(), st.sampled_from("abcde"))


@st.composite
def instances(draw, max_apps, max_reviewers, organisations=ORGANISATIONS):
    countries = st.one_of(st.none(), st.sampled_from(["FR", "DE"]))
    applications = [
        Application(i, draw(organisations), draw(countries)) for i in range(1, draw(st.integers(1, max_apps)) + 1)
    ]
    pool = [
        Reviewer(100 + j, draw(organisations), draw(countries), draw(st.sampled_from([None, None, None, 0, 1, 2, 4])))
        for j in range(1, draw(st.integers(1, max_reviewers)) + 1)
    ]
    pairs = st.sampled_from([(r.id, a.id) for r in pool for a in applications])
    reviewer_ids = st.sampled_from([r.id for r in pool])
    conflicts = Conflicts(
        pairs=frozenset(draw(st.sets(pairs, max_size=3))),
        organisations=draw(st.dictionaries(reviewer_ids, st.sets(st.sampled_from("abc"), max_size=1), max_size=2)),
        countries=draw(st.dictionaries(reviewer_ids, st.sets(st.sampled_from(["FR", "DE"]), max_size=1), max_size=1)),
    )
    keep = draw(st.sets(pairs, max_size=3))
    exclude = draw(st.sets(pairs, max_size=3)) - keep
    options = AssignmentOptions(
        max_load=draw(st.integers(1, 8)),
        per_application=draw(st.integers(1, 3)),
        avoid_same_country=draw(st.booleans()),
        seed=draw(st.sampled_from([0, 1, None])),
    )
    preference = None
    if draw(st.booleans()):
        preference = {(r.id, a.id): float(draw(st.integers(0, 1))) for r in pool for a in applications}
    return applications, pool, options, conflicts, keep, exclude, preference


SETTINGS_TINY = settings(SETTINGS, max_examples=300)
# Few organisations: applications compete for the same few reviewers without a conflict.
CROWDED = instances(max_apps=6, max_reviewers=5, organisations=st.sampled_from([None, "a", "b"]))


def limit(reviewer, options):
    return options.max_load if reviewer.capacity is None else reviewer.capacity


def check_rules(applications, pool, options, conflicts, keep, exclude, result):
    by_id = {r.id: r for r in pool}
    apps = {a.id: a for a in applications}
    kept_count = Counter(a for _, a in keep)
    kept_load = Counter(r for r, _ in keep)
    assert keep <= result.pairs
    assert result.added == result.pairs - keep
    assert not result.pairs & exclude
    for rid, aid in result.added:
        assert conflict_reason(by_id[rid], apps[aid], conflicts, avoid_same_country=options.avoid_same_country) is None
    counts = Counter(a for _, a in result.pairs)
    for a in applications:
        assert counts[a.id] == max(options.per_application, kept_count[a.id])
    loads = Counter(r for r, _ in result.pairs)
    for r in pool:
        assert result.loads[r.id] == loads[r.id] <= max(limit(r, options), kept_load[r.id])
    assert result.objective.max_load == max(result.loads.values())
    assert result.objective.sum_of_squares == sum(v * v for v in result.loads.values())


def check_certificate(applications, pool, options, conflicts, keep, exclude, details):
    """The refusal must prove that no assignment exists, recomputed here from the raw data."""
    n = options.per_application
    kept_count = Counter(a for _, a in keep)
    kept_load = Counter(r for r, _ in keep)

    def allowed(r, a):
        return (r.id, a.id) not in exclude and not conflict_reason(
            r, a, conflicts, avoid_same_country=options.avoid_same_country
        )

    if details["constraint"] == "reviewers_per_application":
        for a in applications:
            possible = sum(1 for r in pool if (r.id, a.id) in keep or allowed(r, a))
            assert (possible < n) == (a.id in details["applications"])
    elif details["constraint"] == "capacity":
        places = sum(max(limit(r, options), kept_load[r.id]) for r in pool)
        reviews = sum(max(n, kept_count[a.id]) for a in applications)
        assert places == details["places"] < reviews == details["reviews"]
    else:
        group = [a for a in applications if a.id in details["applications"]]
        needed = sum(max(0, n - kept_count[a.id]) for a in group)
        available = sum(
            min(
                max(0, limit(r, options) - kept_load[r.id]),
                sum(1 for a in group if (r.id, a.id) not in keep and allowed(r, a)),
            )
            for r in pool
        )
        assert available < needed == details["needed"]
        assert available == details["available"]


def brute_force(applications, pool, options, conflicts, keep, exclude, preference):
    """Least (max load, Σ load², preference) over every assignment, by enumeration; None if there is none."""
    n = options.per_application
    kept_count = Counter(a for _, a in keep)
    load = Counter(r for r, _ in keep)
    preference = preference or {}
    choices = []
    for a in applications:
        allowed = [
            r.id
            for r in pool
            if (r.id, a.id) not in keep
            and (r.id, a.id) not in exclude
            and not conflict_reason(r, a, conflicts, avoid_same_country=options.avoid_same_country)
        ]
        choices.append((a.id, allowed, max(0, n - kept_count[a.id])))
    limits = {r.id: limit(r, options) for r in pool}
    best = [None]

    def walk(i, cost):
        if i == len(choices):
            loads = [load[r.id] for r in pool]
            key = (max(loads), sum(x * x for x in loads), cost)
            if best[0] is None or key < best[0]:
                best[0] = key
            return
        aid, allowed, need = choices[i]
        for chosen in combinations(allowed, need):
            if all(load[r] < limits[r] for r in chosen):
                for r in chosen:
                    load[r] += 1
                walk(i + 1, cost + sum(preference.get((r, aid), 0.0) for r in chosen))
                for r in chosen:
                    load[r] -= 1

    walk(0, sum(preference.get(pair, 0.0) for pair in keep))
    return best[0]


def run(instance):
    applications, pool, options, conflicts, keep, exclude, preference = instance
    return assign(applications, pool, options, conflicts=conflicts, keep=keep, exclude=exclude, preference=preference)


@settings(SETTINGS, max_examples=200)
@given(st.one_of(instances(max_apps=12, max_reviewers=8), CROWDED))
def test_rules_always_hold_or_the_refusal_is_proven(instance):
    applications, pool, options, conflicts, keep, exclude, _ = instance
    try:
        result = run(instance)
    except AssignmentInfeasible as refusal:
        event(f"refused: {refusal.details['constraint']}")
        check_certificate(applications, pool, options, conflicts, keep, exclude, refusal.details)
    else:
        event("assigned")
        check_rules(applications, pool, options, conflicts, keep, exclude, result)


@SETTINGS_TINY
@given(st.one_of(instances(max_apps=6, max_reviewers=4), CROWDED))
def test_objective_matches_brute_force_on_tiny_instances(instance):
    """Both with every allowed pair in the first LP and with one candidate per application, so that
    the pricing rounds (column generation) have to find the rest."""
    best = brute_force(*instance)
    for candidates in (assignment_flow.CANDIDATES, 1):
        with patch.object(assignment_flow, "CANDIDATES", candidates):
            try:
                result = run(instance)
            except AssignmentInfeasible as refusal:
                event(f"refused: {refusal.details['constraint']}")
                assert best is None
                continue
        event("assigned")
        assert best is not None
        max_load, squares, preference = result.objective.key()
        assert (max_load, squares) == best[:2]
        assert preference == pytest.approx(best[2])


@SETTINGS
@given(instances(max_apps=8, max_reviewers=5))
def test_conflict_matrix_agrees_with_conflict_reason(instance):
    applications, pool, options, conflicts, *_ = instance
    matrix = conflict_matrix(pool, applications, conflicts, avoid_same_country=options.avoid_same_country)
    for i, r in enumerate(pool):
        for j, a in enumerate(applications):
            expected = conflict_reason(r, a, conflicts, avoid_same_country=options.avoid_same_country) is not None
            assert matrix[i, j] == expected


@SETTINGS
@given(instances(max_apps=10, max_reviewers=6))
def test_same_input_gives_the_same_output(instance):
    try:
        first = run(instance)
    except AssignmentInfeasible as refusal:
        with pytest.raises(AssignmentInfeasible) as again:
            run(instance)
        assert again.value.message == refusal.message
        return
    assert run(instance).pairs == first.pairs
