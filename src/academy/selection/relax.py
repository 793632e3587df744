"""When the hard rules cannot all hold: which ones clash, and the smallest change that makes them hold.

A program with the same cohort columns as the selection, where every hard rule, both size bounds and
every lock may give way: each gets a slack column (how many people past the bound, how many values
short, whether a lock is lifted), weighted one per unit. Minimising the total slack finds the
smallest relaxation; the rules with a nonzero slack are the clashing ones, and each change is said in
words ("lower the minimum of 12 with experience = under-3 to 9"). Soft rules never make an instance
infeasible, so they are left out. A share's slack is counted in people, and the new share is the one
the relaxed cohort has (rounded towards looser by a ten-thousandth).
"""

import math
import time
from dataclasses import dataclass, field, replace

import highspy
import numpy as np

from .program import INF, build_lp, can_bind, new_solver, row_terms
from .rules import compile_rules, covered, name, row_values, share_text

WEIGHT = 1.0  # per person past a bound, per value short, per lock lifted, per seat of size
# Finding a small slack fast is the hard part here: the feasibility-jump heuristic pays.
RELAX_OPTIONS = {"mip_heuristic_run_feasibility_jump": True}
DEFAULT_TIME_LIMIT = 60.0


@dataclass
class Change:
    rule: str  # a rule kind, or "min_size", "max_size", "lock"
    index: int | None  # the rule's index in the instance (None for sizes and locks)
    subject: object  # country, organisation, dimension value, or the locked candidate's id
    before: object
    after: object
    name: str  # the rule in words, without its bound
    raise_: bool = False  # True when the bound goes up (an "at most" rule or the maximum size)

    @property
    def message(self):
        if self.rule == "lock":
            return f"lift {self.name}"
        shown = [share_text(v) if isinstance(v, float) else v for v in (self.before, self.after)]
        return f"{'raise' if self.raise_ else 'lower'} {self.name} from {shown[0]} to {shown[1]}"

    def to_json(self):
        return {
            "rule": self.rule,
            "index": self.index,
            "subject": self.subject,
            "from": self.before,
            "to": self.after,
            "message": self.message,
        }


@dataclass
class Relaxation:
    changes: list = field(default_factory=list)
    total: float = 0.0  # the minimised total slack
    instance: object = None  # the instance with every change applied (solvable)
    proven: bool = True  # False when the time limit stopped the search before proving it smallest

    @property
    def clashing(self):
        """The rules in words whose bounds have to move (sizes and locks included)."""
        return [change.name for change in self.changes]

    def to_json(self):
        return {
            "clashing": self.clashing,
            "changes": [change.to_json() for change in self.changes],
            "total": round(self.total, 6),
            "proven": self.proven,
        }


@dataclass
class _Program:
    """The relaxed program as it is built: n candidate columns, then one slack column per `slack()` call."""

    n: int
    rows: list = field(default_factory=list)  # (columns, coefficients, lower, upper)
    costs: list = field(default_factory=list)  # per slack column
    integral: list = field(default_factory=list)  # per slack column
    groups: dict = field(default_factory=dict)  # a rule (or size) -> its slack columns
    binary: list = field(default_factory=list)  # slack columns that are 0 or 1
    moved: list = field(default_factory=list)  # second stage: per group, 1 when its rule changes
    links: list = field(default_factory=list)  # the rows that tie a group's slack to its `moved` column

    def slack(self, group=None, weight=WEIGHT, whole=True):
        self.costs.append(weight)
        self.integral.append(whole)
        column = self.n + len(self.costs) - 1
        if group is not None:
            self.groups.setdefault(group, []).append(column)
        return column

    @property
    def columns(self):
        return self.n + len(self.costs)


def _add_sizes_and_locks(program, instance):
    n = program.n
    everyone, ones = list(range(n)), [1.0] * n
    program.rows.append(([*everyone, program.slack("min_size")], [*ones, 1.0], instance.min_size, INF))
    program.rows.append(([*everyone, program.slack("max_size")], [*ones, -1.0], -INF, instance.max_size))
    for i, candidate in enumerate(instance.candidates):
        if candidate.lock:
            lifted = program.slack()  # lifting a lock: 0 or 1, its own count of bounds moved
            program.binary.append(lifted)
            inward = candidate.lock == "in"
            program.rows.append(
                ([i, lifted], [1.0, 1.0 if inward else -1.0], 1 if inward else -INF, INF if inward else 0)
            )


def _add_rules(program, compiled):
    for row in compiled.rows:
        if row.soft or not can_bind(row):
            continue
        index, coef = row_terms(row, program.n)
        s = program.slack(("rule", row.rule), whole=row.share is None)
        bound = row.count or 0
        program.rows.append(
            ([*index, s], [*coef, -1.0], -INF, bound) if row.upper else ([*index, s], [*coef, 1.0], bound, INF)
        )


def _add_covers(program, compiled):
    for cover in compiled.covers:
        if cover.soft:
            continue
        ys = [program.slack(weight=0.0) for _ in cover.groups]
        program.binary += ys
        for y, members in zip(ys, cover.groups.values(), strict=True):
            program.rows.append(([y, *members], [1.0] + [-1.0] * len(members), -INF, 0))
        program.rows.append(([*ys, program.slack(("rule", cover.rule))], [1.0] * (len(ys) + 1), cover.at_least, INF))


def _add_change_counters(program, instance, compiled):
    """Second stage: among the smallest relaxations, one that changes the fewest rules (z = 1 when changed).
    z ≥ Σ slack of the group / bound: any bound at first (no group needs more than n people plus the
    largest minimum), then the total slack found by the first stage, which no group can exceed."""
    bounds = [instance.min_size] + [row.count or 0 for row in compiled.rows] + [c.at_least for c in compiled.covers]
    big = -float(program.n + max(bounds) + 1)
    for columns_of_group in list(program.groups.values()):
        program.moved.append(program.slack(weight=0.0))
        program.links.append(len(program.rows))
        program.rows.append(([*columns_of_group, program.moved[-1]], [1.0] * len(columns_of_group) + [big], -INF, 0))


def _build(program):
    n, columns = program.n, program.columns
    upper = np.concatenate([np.ones(n), np.full(len(program.costs), INF)])
    upper[program.binary + program.moved] = 1
    lp = build_lp(columns, np.zeros(columns), upper, program.rows)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [
        highspy.HighsVarType.kInteger if whole else highspy.HighsVarType.kContinuous for whole in program.integral
    ]
    return lp


def _smallest_total(solver, program):
    """First stage: minimise the total slack. Returns (total, proven)."""
    every = np.arange(program.columns, dtype=np.int32)
    solver.changeColsCost(program.columns, every, np.concatenate([np.zeros(program.n), program.costs]))
    solver.run()
    proven = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(solver.getInfo().objective_function_value), proven


def _fewest_changes(solver, program, total, deadline):
    """Second stage: keep the total slack at the smallest found, minimise the rules changed; from the first
    stage's answer. Returns (the column values, proven)."""
    n, columns = program.n, program.columns
    penalised = [n + k for k, weight in enumerate(program.costs) if weight > 0]
    solver.addRow(
        -INF,
        total + 1e-6,
        len(penalised),
        np.array(penalised, dtype=np.int32),
        np.array(program.costs)[np.array(penalised) - n],
    )
    for row, z in zip(program.links, program.moved, strict=True):
        solver.changeCoeff(row, z, -max(total, 1e-6))
    start = highspy.HighsSolution()
    start.col_value = list(solver.getSolution().col_value)
    solver.setSolution(start)
    changed = np.zeros(columns)
    changed[program.moved + [c for c in program.binary if program.costs[c - n] > 0]] = 1
    solver.changeColsCost(columns, np.arange(columns, dtype=np.int32), changed)
    solver.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
    solver.run()
    proven = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return np.asarray(solver.getSolution().col_value), proven


def relax(instance, *, time_limit=DEFAULT_TIME_LIMIT, options=None):
    """The smallest relaxation of an instance's hard rules, size bounds and locks (a Relaxation).

    Within the time limit (seconds, shared by both stages) the answer is proven smallest; past it, the
    smallest found so far, with `proven` false."""
    compiled = compile_rules(instance)
    program = _Program(n=len(instance.candidates))  # slack columns come after the n x columns
    _add_sizes_and_locks(program, instance)
    _add_rules(program, compiled)
    _add_covers(program, compiled)
    _add_change_counters(program, instance, compiled)
    deadline = time.monotonic() + time_limit
    solver = new_solver({**RELAX_OPTIONS, "time_limit": time_limit, **(options or {})})
    solver.passModel(_build(program))
    total, smallest = _smallest_total(solver, program)
    values, fewest = _fewest_changes(solver, program, total, deadline)
    chosen = [i for i in range(program.n) if values[i] > 0.5]
    return _changes(compiled, chosen, total, smallest and fewest)


def _changes(compiled, chosen, total, proven):
    """The changes that make `chosen` (the relaxed program's cohort) meet every hard rule."""
    instance = compiled.instance
    size, changes = len(chosen), []
    if size < instance.min_size:
        changes.append(Change("min_size", None, None, instance.min_size, size, "the minimum cohort size"))
    if size > instance.max_size:
        changes.append(Change("max_size", None, None, instance.max_size, size, "the maximum cohort size", True))
    chosen_set = set(chosen)
    for i, candidate in enumerate(instance.candidates):
        if (candidate.lock == "in" and i not in chosen_set) or (candidate.lock == "out" and i in chosen_set):
            what = f"the lock “{candidate.lock}” on candidate {candidate.id}"
            changes.append(Change("lock", None, candidate.id, candidate.lock, None, what))
    values = row_values(compiled, chosen)
    for row, value in zip(compiled.rows, values, strict=True):
        if row.soft or row.holds(value, size):
            continue
        rule = instance.rules[row.rule]
        what = name(compiled, row.rule, row.subject if rule.is_cap else None)
        if row.share is None:
            changes.append(Change(rule.rule, row.rule, row.subject, row.count, value, what, row.upper))
        else:
            exact = value / size if size else 0.0
            after = math.ceil(exact * 10_000) / 10_000 if row.upper else math.floor(exact * 10_000) / 10_000
            changes.append(Change(rule.rule, row.rule, row.subject, row.share, after, what, row.upper))
    for cover in compiled.covers:
        value = covered(cover, chosen)
        if not cover.soft and value < cover.at_least:
            what = name(compiled, cover.rule)
            changes.append(Change("coverage", cover.rule, None, cover.at_least, value, what))
    return Relaxation(changes, total, apply(instance, changes), proven)


def apply(instance, changes):
    """The instance with the changes of a relaxation made."""
    rules = list(instance.rules)
    candidates = {c.id: c for c in instance.candidates}
    sizes = {"min_size": instance.min_size, "max_size": instance.max_size}
    for change in changes:
        if change.rule in sizes:
            sizes[change.rule] = change.after
        elif change.rule == "lock":
            candidates[change.subject] = replace(candidates[change.subject], lock=None)
        else:
            rule = rules[change.index]
            if rule.is_cap:
                rule = replace(rule, per_value={**rule.per_value, str(change.subject): change.after})
            elif rule.rule == "coverage":
                rule = replace(rule, at_least=change.after)
            elif rule.share is not None:
                rule = replace(rule, share=change.after)
            else:
                rule = replace(rule, count=change.after)
            rules[change.index] = rule
    return replace(instance, rules=tuple(rules), candidates=tuple(candidates.values()), **sizes)
