"""The selection as a HiGHS mixed-integer program, solved in stages (one objective after another).

Columns: x[i] = 1 when candidate i is selected; y = 1 when a value of a covered dimension is held by
someone selected (one per cover and value); v = 1 when a soft rule is broken (one per soft rule,
in "indicator" mode). Each stage maximises one linear objective, then holds it at its optimum with a
row, so the next stage only chooses among the optima of the previous ones. Integer objectives
(counts, scores in micro-units, priorities) make "at its optimum" exact: the row is `≥ best − ½`.
"""

import time

import highspy
import numpy as np

from academy.failures import SolverStopped

try:  # highspy.Highs() prints a banner before its output can be switched off; the bare solver does not
    from highspy.highs import _Highs as _Solver
except ImportError:  # pragma: no cover - other highspy layouts
    _Solver = highspy.Highs

INF = highspy.kHighsInf
MICRO = 1_000_000  # scores are compared at a precision of one millionth


# Proven optimal (no gap), quiet. The selection's LP relaxation is tight and its rows few: presolve and the
# feasibility-jump heuristic cost more than they save (5,000 candidates: 0.25 s instead of 1.4 s).
OPTIONS = {
    "output_flag": False,
    "mip_rel_gap": 0.0,
    "mip_abs_gap": 1e-9,
    "presolve": "off",
    "mip_heuristic_run_feasibility_jump": False,
}


def new_solver(options=None):
    solver = _Solver()
    for option, value in {**OPTIONS, **(options or {})}.items():
        solver.setOptionValue(option, value)
    return solver


def micro(value):
    return int(round(value * MICRO))


class Model:
    """A solvable program for a compiled instance.

    Soft rules may break, each with a v column. fixed: {position: 0 or 1}; size: (lowest, highest)
    cohort size (default: the instance's); time_limit: seconds for every stage together.
    """

    def __init__(self, compiled, *, fixed=None, size=None, time_limit=None):
        self.compiled = compiled
        self.n = n = len(compiled.candidates)
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        instance = compiled.instance
        lower, upper = np.zeros(n), np.ones(n)
        for i, candidate in enumerate(compiled.candidates):
            if candidate.lock == "in":
                lower[i] = 1
            elif candidate.lock == "out":
                upper[i] = 0
        for i, value in (fixed or {}).items():
            lower[i] = upper[i] = value
        rows = [(list(range(n)), [1.0] * n, *(size or (instance.min_size, instance.max_size)))]
        soft_rules = sorted({r.rule for r in compiled.rows if r.soft} | {c.rule for c in compiled.covers if c.soft})
        self.v = {rule: n + k for k, rule in enumerate(soft_rules)}
        columns = n + len(self.v)
        big = max(instance.max_size, 1)
        for row in compiled.rows:
            if not can_bind(row):
                continue
            index, coef = row_terms(row, n)
            if row.soft:  # v = 1 moves the bound out of reach: a minimum may ask for more than the cohort holds
                index, coef = [*index, self.v[row.rule]], [*coef, -big if row.upper else max(big, row.count or 0)]
            rows.append((index, coef, -INF, row.count or 0) if row.upper else (index, coef, row.count or 0, INF))
        for cover in compiled.covers:
            if cover.at_least <= 0:
                continue
            ys = list(range(columns, columns + len(cover.groups)))
            columns += len(ys)
            for y, members in zip(ys, cover.groups.values(), strict=True):  # y ≤ Σ x of the holders
                rows.append(([y, *members], [1.0] + [-1.0] * len(members), -INF, 0))
            index, coef = ys, [1.0] * len(ys)
            if cover.rule in self.v:
                index, coef = [*index, self.v[cover.rule]], [*coef, float(cover.at_least)]
            rows.append((index, coef, cover.at_least, INF))
        self.columns = columns
        lower = np.concatenate([lower, np.zeros(columns - n)])
        upper = np.concatenate([upper, np.ones(columns - n)])
        self.highs = new_solver()
        self.highs.passModel(build_lp(columns, lower, upper, rows))
        self.status = "optimal"
        self.solution = None

    def objective(self, costs):
        """A cost vector over every column from one over the candidates (the other columns cost 0)."""
        full = np.zeros(self.columns)
        full[: self.n] = costs
        return full

    def maximise(self, costs):
        """Maximise `costs` (a vector over all columns, integer-valued); hold the optimum after.

        Returns the optimum, or None when infeasible or out of time without a solution."""
        highs = self.highs
        highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), np.asarray(costs, dtype=float))
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        if self.deadline is not None:
            highs.setOptionValue("time_limit", max(self.deadline - time.monotonic(), 0.01))
        if self.solution is not None:
            start = highspy.HighsSolution()
            start.col_value = list(self.solution)
            highs.setSolution(start)
        highs.run()
        status = highs.getModelStatus()
        has_solution = highs.getInfo().primal_solution_status == 2
        if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            self.status = "infeasible"
            return None
        if status == highspy.HighsModelStatus.kTimeLimit:
            self.status = "time_limit"
            if not has_solution:
                return None
        elif status != highspy.HighsModelStatus.kOptimal:
            raise SolverStopped(highs.modelStatusToString(status))
        values = np.round(np.asarray(highs.getSolution().col_value[: self.columns]))
        best = float(np.dot(costs, values))
        if self.solution is not None and best < float(np.dot(costs, self.solution)):
            best = float(np.dot(costs, self.solution))  # numerical trouble: keep the earlier incumbent
        else:
            self.solution = values
        if self.status == "optimal":
            nonzero = np.flatnonzero(costs)
            highs.addRow(best - 0.5, INF, len(nonzero), nonzero.astype(np.int32), np.asarray(costs)[nonzero])
        return best

    def selected(self):
        return [] if self.solution is None else [i for i in range(self.n) if self.solution[i] > 0.5]

    def broken(self):
        return [rule for rule, column in self.v.items() if self.solution is not None and self.solution[column] > 0.5]


def can_bind(row):
    """False for a row no cohort can break (a cap above its group's size, a minimum of 0, a share of 1)."""
    if row.share is not None:
        return row.share < 1 if row.upper else row.share > 0
    return len(row.members) > row.count if row.upper else row.count > 0


def row_terms(row, n):
    """Columns and coefficients of Σ members − (share × Σ all) for a row."""
    if row.share is None:
        return list(row.members), [1.0] * len(row.members)
    coef = np.full(n, -row.share)
    coef[list(row.members)] += 1.0
    nonzero = np.flatnonzero(np.abs(coef) > 1e-12)
    return nonzero.tolist(), coef[nonzero].tolist()


def build_lp(columns, lower, upper, rows):
    """A HiGHS program of `columns` integer columns between `lower` and `upper` and `rows` given as
    (columns, coefficients, lower bound, upper bound), with no cost yet."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns, len(rows)
    lp.col_cost_ = np.zeros(columns)
    lp.col_lower_, lp.col_upper_ = lower, upper
    lp.row_lower_ = np.array([r[2] for r in rows], dtype=float)
    lp.row_upper_ = np.array([r[3] for r in rows], dtype=float)
    starts = np.cumsum([0] + [len(r[0]) for r in rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = np.array([i for r in rows for i in r[0]], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([v for r in rows for v in r[1]], dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * columns
    return lp
