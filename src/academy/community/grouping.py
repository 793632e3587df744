"""Peer-learning groups as a small HiGHS integer program: pure Python, no database.

The cohort is split into G = ⌈n / size⌉ groups whose sizes differ by at most one (so no group is larger
than the chosen size). Columns: x[i, g] = 1 when person i is in group g. Every person is in exactly one
group; every group holds ⌊n/G⌋ to ⌈n/G⌉ people.

The objective is a penalty, lowest best, and `penalty()` computes the same number for any grouping:
- pairs from one country in one group: C(k, 2) for k people of a country in a group, weighted so that
  one pair more always costs more than everything below together (countries come first);
- experience bands: per group and band, how far the count lies outside [⌊n_b/G⌋, ⌈n_b/G⌉];
- ecosystems: the same per ecosystem (a person may count in several).

Pairs are linear through pieces: p[c, g, t] ∈ [0, 1] costing t, with Σ x of country c in g ≤ 1 + Σ_t p,
so k people pay 1 + 2 + … + (k−1) = C(k, 2). Groups are interchangeable, so person i may only join groups
0..i (any grouping can be numbered so), and the solver starts from a dealt grouping: people sorted by
how common their country is, dealt round the groups, which already has no same-country pair whenever the
countries allow it, so a run stopped by the time limit still keeps countries apart. The seed shuffles the
order people are dealt in and seeds HiGHS: the same cohort, size and seed give the same groups (when the
program is solved within the time limit, as a cohort of 40 is in well under a second).
"""

import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import highspy
import numpy as np

from academy.failures import SolverStopped

try:  # the bare solver does not print HiGHS's banner
    from highspy.highs import _Highs as _Solver
except ImportError:  # pragma: no cover - other highspy layouts
    _Solver = highspy.Highs

INF = highspy.kHighsInf
EXPERIENCE_WEIGHT = 3
ECOSYSTEM_WEIGHT = 1


@dataclass(frozen=True)
class Member:
    id: int
    country: str | None = None
    experience: str | None = None
    ecosystems: frozenset = frozenset()


@dataclass(frozen=True)
class Penalty:
    country_pairs: int = 0
    experience: int = 0
    ecosystems: int = 0

    def total(self, country_weight):
        return (
            country_weight * self.country_pairs
            + EXPERIENCE_WEIGHT * self.experience
            + ECOSYSTEM_WEIGHT * self.ecosystems
        )


@dataclass
class Grouping:
    groups: list  # [[member id, ...], ...]
    status: str  # "optimal", "time_limit" (the best found in time) or "empty"
    penalty: Penalty = field(default_factory=Penalty)
    seconds: float = 0.0


def group_count(n, size):
    if size < 2:
        raise ValueError("A group needs at least 2 people.")
    return math.ceil(n / size) if n else 0


def _spread_targets(counts, groups):
    return {key: (count // groups, -(-count // groups)) for key, count in counts.items()}


def _counts(members):
    countries = Counter(m.country for m in members if m.country)
    bands = Counter(m.experience for m in members if m.experience)
    ecosystems = Counter(e for m in members for e in m.ecosystems)
    return countries, bands, ecosystems


def country_weight(members):
    """More than the largest possible experience and ecosystem penalty together."""
    _countries, bands, ecosystems = _counts(members)
    return 2 * EXPERIENCE_WEIGHT * sum(bands.values()) + 2 * ECOSYSTEM_WEIGHT * sum(ecosystems.values()) + 1


def penalty(members, groups):
    """The penalty of a grouping (lists of member ids), as the program counts it."""
    by_id = {m.id: m for m in members}
    _countries, bands, ecosystems = _counts(members)
    band_targets = _spread_targets(bands, len(groups))
    eco_targets = _spread_targets(ecosystems, len(groups))
    pairs = experience = spread = 0
    for group in groups:
        people = [by_id[i] for i in group]
        pairs += sum(k * (k - 1) // 2 for k in Counter(p.country for p in people if p.country).values())
        here = Counter(p.experience for p in people if p.experience)
        experience += sum(_outside(here[b], *band_targets[b]) for b in bands)
        here = Counter(e for p in people for e in p.ecosystems)
        spread += sum(_outside(here[e], *eco_targets[e]) for e in ecosystems)
    return Penalty(pairs, experience, spread)


def _outside(value, low, high):
    return max(0, low - value) + max(0, value - high)


def dealt(members, groups):
    """The starting grouping: member i (in the program's order) to group i mod G."""
    out = [[] for _ in range(groups)]
    for i, member in enumerate(members):
        out[i % groups].append(member.id)
    return out


def order(members, seed):
    """Shuffled by the seed, then the most common countries first (dealing spreads them best)."""
    people = list(members)
    random.Random(seed).shuffle(people)
    common = Counter(m.country for m in people)
    return sorted(people, key=lambda m: (-common[m.country], m.country or "", m.experience or ""))


def form_groups(members, size, *, seed=0, time_limit=5.0):
    """Split `members` into mixed groups of at most `size`; see the module's docstring."""
    started = time.monotonic()
    members = order(members, seed)
    n, groups = len(members), group_count(len(members), size)
    if groups <= 1:
        ids = [[m.id for m in members]] if members else []
        return Grouping(ids, "optimal" if members else "empty", penalty(members, ids))
    program = _Program(members, groups)
    solution, status = program.solve(seed=seed, time_limit=time_limit)
    result = [[] for _ in range(groups)]
    for i, member in enumerate(members):
        result[int(np.argmax(solution[i * groups : (i + 1) * groups]))].append(member.id)
    assert all(n // groups <= len(g) <= -(-n // groups) for g in result)
    return Grouping(result, status, penalty(members, result), round(time.monotonic() - started, 3))


class _Program:
    def __init__(self, members, groups):
        self.members, self.groups = members, groups
        n, G = len(members), groups
        self.columns = n * G
        lower, upper, cost = [0.0] * self.columns, [1.0] * self.columns, [0.0] * self.columns
        for i in range(n):  # person i may only join groups 0..i
            for g in range(i + 1, G):
                upper[i * G + g] = 0.0
        rows = [([i * G + g for g in range(G)], [1.0] * G, 1.0, 1.0) for i in range(n)]
        rows += [([i * G + g for i in range(n)], [1.0] * n, n // G, -(-n // G)) for g in range(G)]
        countries, bands, ecosystems = _counts(members)
        weight = country_weight(members)

        self.fills = []  # (column, function of the group counts) for the start's auxiliary columns

        def add(lo, hi, c):
            self.columns += 1
            lower.append(lo)
            upper.append(hi)
            cost.append(c)
            return self.columns - 1

        for country, k in countries.items():
            holders = [i for i, m in enumerate(members) if m.country == country]
            pieces = min(k, -(-n // G)) - 1
            for g in range(G):
                if pieces <= 0:
                    continue
                ps = [add(0.0, 1.0, float(weight * t)) for t in range(1, pieces + 1)]
                self.fills += [(p, holders, g, lambda k, t=t: 1.0 if k - 1 >= t else 0.0) for t, p in enumerate(ps, 1)]
                rows.append(([i * G + g for i in holders] + ps, [1.0] * len(holders) + [-1.0] * len(ps), -INF, 1.0))
        spreads = [
            (bands, lambda m, b: m.experience == b, EXPERIENCE_WEIGHT),
            (ecosystems, lambda m, e: e in m.ecosystems, ECOSYSTEM_WEIGHT),
        ]
        for counts, holds, w in spreads:
            for key, (low, high) in _spread_targets(counts, G).items():
                holders = [i for i, m in enumerate(members) if holds(m, key)]
                for g in range(G):
                    xs = [i * G + g for i in holders]
                    over, under = add(0.0, INF, float(w)), add(0.0, INF, float(w))
                    self.fills.append((over, holders, g, lambda k, high=high: max(0.0, k - high)))
                    self.fills.append((under, holders, g, lambda k, low=low: max(0.0, low - k)))
                    rows.append((xs + [over], [1.0] * len(xs) + [-1.0], -INF, float(high)))
                    rows.append((xs + [under], [1.0] * len(xs) + [1.0], float(low), INF))
        self.lp = _lp(self.columns, n * G, lower, upper, cost, rows)

    def start(self):
        """The dealt grouping, with each auxiliary column at the value its row needs for it."""
        n, G = len(self.members), self.groups
        x = np.zeros(n * G)
        for i in range(n):
            x[i * G + i % G] = 1.0
        values = np.zeros(self.columns)
        values[: n * G] = x
        for column, holders, g, fill in self.fills:
            values[column] = fill(sum(x[i * G + g] for i in holders))
        return values

    def solve(self, *, seed, time_limit):
        solver = _Solver()
        for option, value in {
            "output_flag": False,
            "mip_rel_gap": 0.0,
            "random_seed": int(seed) % 2_147_483_647,
            "time_limit": float(time_limit),
        }.items():
            solver.setOptionValue(option, value)
        solver.passModel(self.lp)
        start = highspy.HighsSolution()
        start.col_value = list(self.start())
        solver.setSolution(start)
        solver.run()
        status = solver.getModelStatus()
        n, G = len(self.members), self.groups
        has_solution = solver.getInfo().primal_solution_status == 2
        if status == highspy.HighsModelStatus.kTimeLimit:
            if not has_solution:  # nothing better in time: keep the dealt grouping
                return self.start()[: n * G], "time_limit"
        elif status != highspy.HighsModelStatus.kOptimal:
            raise SolverStopped(solver.modelStatusToString(status))
        values = np.round(np.asarray(solver.getSolution().col_value[: n * G]))
        return values, "optimal" if status == highspy.HighsModelStatus.kOptimal else "time_limit"


def _lp(columns, integers, lower, upper, cost, rows):
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, len(rows)
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_, lp.col_upper_ = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    lp.row_lower_ = np.array([r[2] for r in rows], dtype=float)
    lp.row_upper_ = np.array([r[3] for r in rows], dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.cumsum([0] + [len(r[0]) for r in rows]).astype(np.int32)
    lp.a_matrix_.index_ = np.array([i for r in rows for i in r[0]], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([v for r in rows for v in r[1]], dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * integers + [highspy.HighsVarType.kContinuous] * (
        columns - integers
    )
    return lp
