"""Selection: 40 of 5,000 with every rule type, proven optimal (budget: under 5 s on 2 cores).

Prints the solve time and status, then compares the optimum with the spreadsheet way (the 40 best
scores, no rules): total score and the rules each breaks. Also times the explanations (with the ten
nearest re-solved), a promotion and the relaxation of an infeasible variant.
Run: `python -m bench selection_solve` (add a seed as `SEED=7` in the environment to vary it).
"""

import os
import random
import time

from academy.registry.reference import COSME_ASSOCIATED_2022, EU_MEMBER_STATES
from academy.selection.explain import explain
from academy.selection.instance import Instance
from academy.selection.rules import compile_rules, report
from academy.selection.solver import promote, solve
from bench._timing import scale

ECOSYSTEMS = [
    "aerospace-defence",
    "agri-food",
    "construction",
    "cultural-creative",
    "digital",
    "electronics",
    "energy-intensive",
    "health",
    "mobility-transport-automotive",
    "proximity-social-economy",
    "renewable-energy",
    "retail",
    "textile",
    "tourism",
]
COUNTRIES = EU_MEMBER_STATES + COSME_ASSOCIATED_2022  # the 38 eligible in 2022
EXPERIENCE = ["under-3", "3-10", "over-10"]
BACKGROUNDS = ["engineering", "business", "policy", "research"]


def candidates(count, rng):
    weights = [1 / (k + 1) for k in range(len(COUNTRIES))]  # a few countries send most applicants
    eco_weights = [1 / (k + 1) ** 2 for k in range(len(ECOSYSTEMS))]  # a few ecosystems are rare: coverage bites
    people = []
    for i in range(count):
        experience = rng.choices(EXPERIENCE, weights=[0.2, 0.5, 0.3])[0]
        people.append(
            {
                "id": i + 1,
                "score": round(rng.gauss(0, 1) - (0.4 if experience == "under-3" else 0), 4),
                "country": rng.choices(COUNTRIES, weights=weights)[0],
                "organisation": f"org-{rng.randrange(count // 4)}",
                "dimensions": {
                    "experience": experience,
                    "background": rng.choices(BACKGROUNDS, weights=[0.5, 0.3, 0.05, 0.15])[0],
                    "ecosystems": sorted(set(rng.choices(ECOSYSTEMS, weights=eco_weights, k=rng.randint(1, 3)))),
                },
                "lock": None,
            }
        )
    return people


CANDIDATES = scale(5000, 400)


def instance(seed=2022, count=CANDIDATES):
    rng = random.Random(seed)
    people = candidates(count, rng)
    for person in rng.sample(people, 3):
        person["lock"] = "out"
    for person in sorted(people, key=lambda p: p["score"])[count // 2 : count // 2 + 2]:
        person["lock"] = "in"  # two middling applicants the organiser wants in
    rules = [
        {"rule": "country_cap", "limit": 3, "per_value": {"DE": 4}},
        {"rule": "organisation_cap", "limit": 1},
        {"rule": "dimension_min", "dimension": "experience", "value": "under-3", "share": 0.3},
        {"rule": "dimension_max", "dimension": "background", "value": "engineering", "share": 0.5},
        {"rule": "dimension_min", "dimension": "background", "value": "policy", "count": 4},
        {"rule": "coverage", "dimension": "ecosystems", "at_least": 12},
    ]
    return Instance.from_json({"min_size": 25, "max_size": 40, "rules": rules, "candidates": people})


def greedy(inst):
    """The spreadsheet way: the 40 best scores."""
    ranked = sorted(range(len(inst.candidates)), key=lambda i: -inst.candidates[i].score)
    return ranked[: inst.max_size]


def breaks(compiled, positions):
    failed = [r for r in report(compiled, positions) if not r.met]
    return len({r.index for r in failed}), failed


def timed(function, *args, **kwargs):
    """(answer, wall seconds, CPU seconds of every thread): the machine may be shared, CPU says the work."""
    wall, cpu = time.monotonic(), time.process_time()
    answer = function(*args, **kwargs)
    return answer, time.monotonic() - wall, time.process_time() - cpu


def main():
    seed = int(os.environ.get("SEED", "2022"))
    inst = instance(seed)
    compiled = compile_rules(inst)
    print(f"{len(inst.candidates)} candidates, {len(inst.rules)} rules, seats {inst.min_size}-{inst.max_size}")
    result, wall, cpu = timed(solve, inst, seed=seed)
    print(
        f"optimum: status {result.status}, {len(result.selected)} selected, objective {result.objective:.4f}, "
        f"solved in {wall:.2f} s ({cpu:.2f} s CPU on up to 2 threads; budget 5 s)"
    )
    position = {c.id: i for i, c in enumerate(inst.candidates)}
    rules_broken, _ = breaks(compiled, [position[i] for i in result.selected])
    print(f"optimum breaks {rules_broken} rules")
    top = greedy(inst)
    score = sum(inst.candidates[i].score for i in top)
    rules_broken, failed = breaks(compiled, top)
    shown = ", ".join(f"{f.rule} {f.subject} {f.value}/{f.limit:g}" for f in failed[:8])
    print(
        f"greedy top {len(top)} by score: objective {score:.4f}, breaks {rules_broken} of {len(inst.rules)} rules "
        f"({len(failed)} bounds: {shown}{', ...' if len(failed) > 8 else ''})"
    )
    print(f"price of the rules: {score - result.objective:.4f} of total score")

    again, wall, cpu = timed(solve, inst, seed=seed)
    print(f"same seed, same cohort: {again.selected == result.selected} ({wall:.2f} s, {cpu:.2f} s CPU)")
    for other in (1, 2, 3):
        run, wall, cpu = timed(solve, instance(other), seed=other)
        print(f"another draw (seed {other}): status {run.status}, solved in {wall:.2f} s ({cpu:.2f} s CPU)")

    wishes = [
        {"rule": "dimension_min", "dimension": "background", "value": "policy", "count": 8, "soft": True, "penalty": 3},
        {"rule": "coverage", "dimension": "ecosystems", "at_least": 14, "soft": True, "penalty": 1},
    ]
    soft = Instance.from_json({**inst.to_json(), "rules": [*inst.to_json()["rules"], *wishes]})
    for lexicographic in (False, True):
        run, wall, cpu = timed(solve, soft, seed=seed, lexicographic=lexicographic)
        mode = "lexicographic" if lexicographic else "weighted"
        print(
            f"with two soft rules, {mode}: status {run.status}, objective {run.objective:.4f}, "
            f"soft rules broken {run.broken}, {wall:.2f} s ({cpu:.2f} s CPU)"
        )

    explanations, wall, cpu = timed(explain, inst, result)
    kinds = {}
    for e in explanations.values():
        kinds[e.status] = kinds.get(e.status, 0) + 1
    print(f"explanations for {len(explanations)} candidates (10 re-solved) in {wall:.2f} s ({cpu:.2f} s CPU): {kinds}")
    newcomer, wall, cpu = timed(promote, inst, result.selected[1:], result.selected[:1])
    print(f"promotion after one decline: candidate {newcomer} in {wall:.3f} s")

    extra = {"rule": "dimension_min", "dimension": "experience", "value": "over-10", "share": 0.75}
    tight = Instance.from_json({**inst.to_json(), "rules": [*inst.to_json()["rules"], extra]})
    infeasible, wall, cpu = timed(solve, tight, seed=seed)
    changes = "; ".join(c["message"] for c in infeasible.relaxation["changes"])
    print(
        f"infeasible variant (+ at least 75% over-10): status {infeasible.status}, relaxation "
        f"{'proven smallest' if infeasible.relaxation['proven'] else 'best found'} in {wall:.2f} s "
        f"({cpu:.2f} s CPU): {changes}"
    )
