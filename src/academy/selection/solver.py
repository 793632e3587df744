"""Solving a selection instance: the cohort, its waitlist, and promotion after a decline.

`solve` decides in this order, each step choosing only among the best answers of the steps before:

1. fill as many seats as the hard rules allow (between min_size and max_size): scores are
   normalised and may be negative, and an empty seat is never better than a filled one;
2. in the lexicographic mode, break as little soft-rule penalty as possible;
3. maximise the total score (in the default mode minus the penalties of the soft rules broken);
4. break exact ties (scores equal to a millionth) by a random order drawn from the seed: the cohort
   whose members come first in that order (largest total of seeded priorities) wins.

Every step is solved to proven optimality (HiGHS, relative gap 0), so the same instance and seed give
the same cohort, and a different seed can change the cohort only among exact ties.
"""

import random
import time

import numpy as np

from .instance import Result
from .program import Model, micro
from .relax import relax
from .rules import Counter, broken_rules, compile_rules, report, row_values

DEFAULT_TIME_LIMIT = 60.0


def seeded_rank(instance, seed):
    """Position -> its place in the random order drawn from the seed (0 first)."""
    order = list(range(len(instance.candidates)))
    random.Random(seed).shuffle(order)
    rank = [0] * len(order)
    for place, i in enumerate(order):
        rank[i] = place
    return rank


def solve(instance, *, seed=0, lexicographic=False, time_limit=DEFAULT_TIME_LIMIT):
    """Solve an Instance; return a Result (with a relaxation when the hard rules cannot all hold)."""
    started = time.monotonic()
    compiled = compile_rules(instance)
    model = Model(compiled, time_limit=time_limit)
    rank = seeded_rank(instance, seed)
    for costs in stages(model, lexicographic, rank):
        if model.maximise(costs) is None or model.status != "optimal":
            break

    outcome = dict(seed=seed, lexicographic=lexicographic)
    if model.solution is None:
        relaxation = relax(instance, time_limit=time_limit).to_json() if model.status == "infeasible" else None
        seconds = round(time.monotonic() - started, 3)
        return Result(model.status, None, [], [], [], relaxation=relaxation, seconds=seconds, **outcome)
    chosen = model.selected()
    return Result(
        status=model.status,
        objective=round(sum(instance.candidates[i].score for i in chosen), 6),
        selected=[instance.candidates[i].id for i in chosen],
        waitlist=[instance.candidates[i].id for i in waitlist_order(compiled, chosen, rank)],
        rules=report(compiled, chosen),
        broken=broken_rules(compiled, chosen),
        seconds=round(time.monotonic() - started, 3),
        **outcome,
    )


def stages(model, lexicographic, rank=None):
    """The objectives solved one after another (see the module's docstring); no tie-break without a rank."""
    instance, n = model.compiled.instance, model.n
    scores = np.array([micro(c.score) for c in instance.candidates], dtype=float)
    penalties = {rule: micro(instance.rules[rule].penalty) for rule in model.v}

    def with_penalties(x_costs, penalised):
        costs = model.objective(x_costs)
        for rule, penalty in penalised.items():
            costs[model.v[rule]] = -penalty
        return costs

    objectives = [model.objective(np.ones(n))]
    if lexicographic and penalties:
        objectives.append(with_penalties(np.zeros(n), penalties))
    objectives.append(with_penalties(scores, {} if lexicographic else penalties))
    if rank is not None:
        objectives.append(model.objective(np.array([n - r for r in rank], dtype=float)))
    return objectives


def waitlist_order(compiled, chosen, rank):
    """The non-selected, not locked-out candidates in the order they would enter the cohort.

    Repeatedly, the best-scoring candidate (seeded order among equal scores) whose entry keeps every
    hard "at most" rule and every minimum share of the growing cohort enters next; the cohort may grow
    past max_size here, as if seats kept opening. Those who never fit (a cap is full) follow, by score.
    """
    candidates = compiled.candidates
    chosen_set = set(chosen)
    pending = [i for i in range(len(candidates)) if i not in chosen_set and candidates[i].lock != "out"]
    pending.sort(key=lambda i: (-micro(candidates[i].score), rank[i]))
    counter, order, never = Counter(compiled, chosen), [], []
    while pending:
        still, entered = [], None
        for k, i in enumerate(pending):
            blocking = counter.blocking(i)
            if not blocking:
                entered = i
                still.extend(pending[k + 1 :])
                break
            (never if any(permanent for _, permanent in blocking) else still).append(i)
        if entered is None:
            never.extend(still)
            break
        counter.add(entered)
        order.append(entered)
        pending = still
    never.sort(key=lambda i: (-micro(candidates[i].score), rank[i]))
    return order + never


def promote(instance, confirmed_ids, declined_ids, offered_ids=(), *, seed=0):
    """The candidate to offer the freed seat to after a decline or an expiry, or None.

    The cohort is the confirmed seats plus the offers still open; the newcomer is the best-scoring
    candidate (seeded order among equal scores), not in it, not declined and not locked out, whose
    entry keeps every hard rule with the cohort at most max_size. When nobody keeps every rule
    (a minimum the decline left unmet that no single entrant restores), the newcomer is one who keeps
    every "at most" rule and leaves the fewest minimum rules unmet, best score first.
    """
    compiled = compile_rules(instance)
    position = {c.id: i for i, c in enumerate(instance.candidates)}
    unknown = [i for i in [*confirmed_ids, *declined_ids, *offered_ids] if i not in position]
    if unknown:
        raise ValueError(f"unknown candidate ids: {', '.join(map(repr, unknown))}")
    cohort = {position[i] for i in [*confirmed_ids, *offered_ids]} - {position[i] for i in declined_ids}
    if len(cohort) >= instance.max_size:
        return None
    excluded = cohort | {position[i] for i in declined_ids}
    rank = seeded_rank(instance, seed)
    size, base = len(cohort) + 1, row_values(compiled, cohort)
    # Rows the newcomer is not counted in keep the cohort's value: count their failures once.
    fails = [not row.soft and not row.holds(value, size) for row, value in zip(compiled.rows, base, strict=True)]
    unmet_max = sum(f and row.upper for f, row in zip(fails, compiled.rows, strict=True))
    unmet_min = sum(f and not row.upper for f, row in zip(fails, compiled.rows, strict=True))
    held = [{v for v, members in cover.groups.items() if cohort.intersection(members)} for cover in compiled.covers]
    best = None
    for i, candidate in enumerate(instance.candidates):
        if i in excluded or candidate.lock == "out":
            continue
        more_max, more_min = unmet_max, unmet_min
        for r in compiled.member_rows[i]:
            row = compiled.rows[r]
            now = not row.soft and not row.holds(base[r] + 1, size)
            more_max += row.upper and (now - fails[r])
            more_min += (not row.upper) and (now - fails[r])
        if more_max:
            continue
        for cover, values_held in zip(compiled.covers, held, strict=True):
            now = values_held | set(candidate.values(instance.rules[cover.rule].dimension))
            more_min += not cover.soft and len(now) < cover.at_least
        key = (more_min, -micro(candidate.score), rank[i])
        if best is None or key < best[0]:
            best = (key, candidate.id)
    return None if best is None else best[1]
