"""Reviewer assignment at full scale: 5,000 applications × 3 reviewers, 150 reviewers of capacity 110.

Organisations and countries are drawn so that about 3 % of the pairs conflict (same organisation,
same country avoided, 300 declared conflicts, a few declared organisations). Prints the time to
prepare and to solve, the loads and the objective, and checks the result against the rules.

    .venv/bin/python -m bench review_assignment
"""

import random
import time

from academy.reviews.assignment import (
    Application,
    AssignmentOptions,
    Conflicts,
    Reviewer,
    assign,
    conflict_matrix,
    conflict_reason,
)

APPLICATIONS, REVIEWERS, PER_APPLICATION, CAPACITY = 5_000, 150, 3, 110
DECLARED = 300
COUNTRIES = [f"C{i:02}" for i in range(36)]


def instance(seed=2022):
    rng = random.Random(seed)
    weights = [1.0 / (1 + i / 6) for i in range(len(COUNTRIES))]  # some countries apply more
    organisations = [(f"org{i}", rng.choices(COUNTRIES, weights)[0]) for i in range(2_500)]
    applications = []
    for i in range(APPLICATIONS):
        organisation, country = rng.choice(organisations)
        applications.append(Application(id=i + 1, organisation=organisation, country=country))
    reviewers = []
    for j in range(REVIEWERS):
        organisation, country = rng.choice(organisations) if rng.random() < 0.6 else (None, rng.choice(COUNTRIES))
        reviewers.append(Reviewer(id=10_001 + j, organisation=organisation, country=country))
    pairs = set()
    while len(pairs) < DECLARED:
        pairs.add((rng.choice(reviewers).id, rng.choice(applications).id))
    declared_organisations = {r.id: {rng.choice(organisations)[0] for _ in range(3)} for r in rng.sample(reviewers, 20)}
    conflicts = Conflicts(pairs=frozenset(pairs), organisations=declared_organisations)
    return applications, reviewers, conflicts


def main():
    applications, reviewers, conflicts = instance()
    options = AssignmentOptions(max_load=CAPACITY, per_application=PER_APPLICATION, avoid_same_country=True, seed=0)
    share = conflict_matrix(reviewers, applications, conflicts, avoid_same_country=True).mean()
    print(f"{APPLICATIONS} applications × {PER_APPLICATION}, {REVIEWERS} reviewers × {CAPACITY}", end=", ")
    print(f"{share:.1%} of the pairs conflict")
    started = time.perf_counter()
    result = assign(applications, reviewers, options, conflicts=conflicts)
    total = time.perf_counter() - started
    objective = result.objective
    print(f"prepare {result.seconds['prepare']:.2f} s, solve {result.seconds['solve']:.2f} s, total {total:.2f} s")
    print(f"LP: {result.rounds} rounds, {result.columns} columns at the end")
    print(f"loads {objective.min_load}–{objective.max_load}, Σ load² = {objective.sum_of_squares}")

    by_id = {r.id: r for r in reviewers}
    apps = {a.id: a for a in applications}
    bad = [p for p in result.pairs if conflict_reason(by_id[p[0]], apps[p[1]], conflicts, avoid_same_country=True)]
    counts = {a: 0 for a in apps}
    for _, a in result.pairs:
        counts[a] += 1
    assert not bad, f"{len(bad)} pairs with a conflict"
    assert set(counts.values()) == {PER_APPLICATION}, "an application without exactly 3 reviewers"
    assert max(result.loads.values()) <= CAPACITY
    print(f"checked: {len(result.pairs)} pairs, no conflict, {PER_APPLICATION} per application, loads ≤ {CAPACITY}")

    again = assign(applications, reviewers, options, conflicts=conflicts)
    same = "the same" if again.pairs == result.pairs else "a DIFFERENT"
    print(f"same input again: {same} assignment, solve {again.seconds['solve']:.2f} s")


if __name__ == "__main__":
    main()
