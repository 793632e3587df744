"""Reviewer assignment at full scale: 5,000 applications × 3 reviewers, 150 reviewers of capacity 110.

Organisations and countries are drawn so that about 3 % of the pairs conflict (same organisation,
same country avoided, 300 declared conflicts, a few declared organisations). Prints the time to
prepare and to solve, the loads and the objective, and checks the result against the rules.

    .venv/bin/python -m bench review_assignment
"""

import random
from collections import Counter

from academy.reviews.assignment import (
    Application,
    AssignmentOptions,
    Conflicts,
    Reviewer,
    assign,
    conflict_matrix,
    conflict_reason,
)
from bench._timing import scale

APPLICATIONS, REVIEWERS, PER_APPLICATION, CAPACITY = scale(5_000, 60), scale(150, 12), 3, scale(110, 30)
DECLARED, DECLARING, REMOVED = scale(300, 5), scale(20, 3), scale(500, 5)
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
    declaring = rng.sample(reviewers, DECLARING)
    declared_organisations = {r.id: {rng.choice(organisations)[0] for _ in range(3)} for r in declaring}
    conflicts = Conflicts(pairs=frozenset(pairs), organisations=declared_organisations)
    return applications, reviewers, conflicts


def check(result, applications, reviewers, conflicts, keep=frozenset(), exclude=frozenset()):
    """The rules, checked pair by pair with the slow, obvious code."""
    by_id = {r.id: r for r in reviewers}
    apps = {a.id: a for a in applications}
    bad = [p for p in result.pairs if conflict_reason(by_id[p[0]], apps[p[1]], conflicts, avoid_same_country=True)]
    counts = Counter(a for _, a in result.pairs)
    assert not bad, f"{len(bad)} pairs with a conflict"
    assert set(counts.values()) == {PER_APPLICATION}, "an application without exactly 3 reviewers"
    assert max(result.loads.values()) <= CAPACITY
    assert keep <= result.pairs and not exclude & result.pairs


def report(label, result):
    objective, seconds = result.objective, result.seconds
    print(
        f"{label}: prepare {seconds['prepare']:.2f} s, solve {seconds['solve']:.2f} s "
        f"(CPU {seconds['solve_cpu']:.2f} s; {result.rounds} LP rounds, {result.columns} columns); "
        f"loads {objective.min_load}–{objective.max_load}, "
        f"Σ load² = {objective.sum_of_squares}, preference {objective.preference:g}"
    )


def main():
    applications, reviewers, conflicts = instance()
    options = AssignmentOptions(max_load=CAPACITY, per_application=PER_APPLICATION, avoid_same_country=True, seed=0)
    share = conflict_matrix(reviewers, applications, conflicts, avoid_same_country=True).mean()
    print(f"{APPLICATIONS} applications × {PER_APPLICATION}, {REVIEWERS} reviewers × {CAPACITY}", end=", ")
    print(f"{share:.1%} of the pairs conflict (same organisation, same country, {DECLARED} declared)")

    first = assign(applications, reviewers, options, conflicts=conflicts)
    check(first, applications, reviewers, conflicts)
    report("assign", first)
    again = assign(applications, reviewers, options, conflicts=conflicts)
    report(f"same input again ({'the same' if again.pairs == first.pairs else 'a DIFFERENT'} assignment)", again)

    rng = random.Random(7)
    keep = frozenset(rng.sample(sorted(first.pairs), len(first.pairs) // 2))
    exclude = frozenset(rng.sample(sorted(first.pairs - keep), REMOVED))
    rerun = assign(applications, reviewers, options, conflicts=conflicts, keep=keep, exclude=exclude)
    check(rerun, applications, reviewers, conflicts, keep, exclude)
    report(f"re-run keeping {len(keep)} pairs, {len(exclude)} removed", rerun)

    ecosystem = {a.id: rng.randrange(14) for a in applications}
    expertise = {r.id: set(rng.sample(range(14), 3)) for r in reviewers}
    matching = {(r.id, a.id): 0.0 for r in reviewers for a in applications if ecosystem[a.id] in expertise[r.id]}
    preferred = assign(applications, reviewers, options, conflicts=conflicts, preference=matching, preference_default=1)
    check(preferred, applications, reviewers, conflicts)
    report(f"expertise preferred ({len(matching)} matching pairs)", preferred)
    print("checked: no conflict, exactly 3 reviewers each, loads ≤ capacity, kept pairs kept, removed ones absent")


if __name__ == "__main__":
    main()
