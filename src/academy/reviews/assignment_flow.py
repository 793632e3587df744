"""The min-cost flow behind reviewer assignment, solved as a linear program with HiGHS.

Pure arrays in, pure arrays out: reviewers are rows ``r`` and applications columns ``a`` of
R × A matrices, in the caller's sorted order. Nothing here knows about ids or the database.

The network::

    source ──(unit arcs, convex cost)──▶ reviewer r ──(capacity 1, cost c[r, a])──▶ application a ──(need[a])──▶ sink

* one pair column ``x[r, a] ∈ [0, 1]`` for every allowed new pair;
* one unit column ``u[r, k] ∈ [0, 1]`` for the k-th application of reviewer r (counting the pairs
  already kept), with cost ``K · (2k − 1)``, the increase of k² over (k − 1)²: the costs rise with k,
  so the flow fills the cheap units first and the load costs add up to ``K · Σ load²``;
* one slack column per application, ``s[a] ∈ [0, need[a]]``, with a cost M larger than any path
  through the network: the model is always feasible, and a slack left in the optimum means no
  assignment exists (the caller then explains why from the flow, see ``assignment_checks``).

Rows: ``Σ_a x[r, a] − Σ_k u[r, k] = 0`` for each reviewer and ``Σ_r x[r, a] + s[a] = need[a]``
for each application.

**Why the LP gives whole numbers.** Every column has a +1 in at most one reviewer row and at most
one application row (or a single ±1): the matrix is the incidence matrix of a bipartite graph with
unit columns added, which is totally unimodular. With whole-number bounds and right-hand sides
every vertex of the polyhedron is integral, and the simplex method returns a vertex (HiGHS'
postsolve keeps it basic). The solution is checked to be integral anyway.

**Why the loads come first.** Σ load² is a whole number with the parity of the total, so two
different load vectors differ by at least 2 in it, i.e. by at least 2K in cost. The pair costs are
in [0, 1] and there are fewer than K new pairs, so they can never outweigh a better balance: the
optimum has the least Σ load², and among those the least pair cost. The loads of a flow with fixed
demands form an M-convex set, on which the least Σ load² is also the least maximum load
(Frank & Murota, *Discrete decreasing minimization*, 2022): the solution minimises the maximum load,
then Σ load², then the pair costs.

**Why it is fast.** Pricing every allowed pair (≈ 750,000 for 5,000 × 150) into one LP takes HiGHS
≈ 11 s. Instead the LP starts with the ``CANDIDATES`` cheapest allowed reviewers of each application
and adds, round after round, every allowed pair whose reduced cost ``c − y_r − y_a`` is negative
(column generation, priced with numpy over the whole matrix). When no pair prices out the restricted
optimum is the optimum of the full model, so nothing is lost: it is exact, only faster (1.5–2 s of CPU,
see bench/review_assignment.py).
"""

from dataclasses import dataclass

import highspy
import numpy as np

CANDIDATES = 12
PRICING_TOLERANCE = 1e-6


@dataclass(frozen=True)
class FlowResult:
    chosen: np.ndarray  # bool R × A: new pairs in the optimum
    unmet: np.ndarray  # int A: reviews an application could not get (all zero when feasible)
    rounds: int
    columns: int


def solve(allowed: np.ndarray, cost: np.ndarray, need: np.ndarray, kept_load: np.ndarray, capacity: np.ndarray):
    """Least-cost assignment of ``need[a]`` new reviewers to each application.

    ``allowed`` (bool R × A) are the pairs that may be added, ``cost`` (float R × A, in [0, 1]) their
    secondary costs, ``kept_load``/``capacity`` (int R) the load already kept and the limit of each
    reviewer. Returns a :class:`FlowResult`.
    """
    n_rev, n_app = allowed.shape
    remaining = np.maximum(capacity - kept_load, 0)
    allowed = allowed & (remaining > 0)[:, None] & (need > 0)[None, :]
    if not need.any():
        return FlowResult(chosen=np.zeros_like(allowed), unmet=np.zeros(n_app, dtype=np.int64), rounds=0, columns=0)
    scale = float(need.sum()) + 1.0
    units_r, units_k = _units(allowed, kept_load, remaining)
    big = scale * (2.0 * float(max(capacity.max(initial=0), kept_load.max(initial=0))) + 2.0) + 1.0
    slack_a = np.flatnonzero(need > 0)

    in_model = _candidates(allowed, cost)
    pair_r, pair_a = np.nonzero(in_model)
    n_first = len(pair_r)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("solver", "simplex")
    highs.passModel(_lp(n_rev, n_app, need, pair_r, pair_a, cost, units_r, units_k, scale, slack_a, big))

    rounds = 0
    while True:
        rounds += 1
        highs.run()
        status = highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS stopped with status {highs.modelStatusToString(status)}")
        duals = np.asarray(highs.getSolution().row_dual)
        reduced = cost - duals[:n_rev, None] - duals[None, n_rev:]
        entering = allowed & ~in_model & (reduced < -PRICING_TOLERANCE)
        if not entering.any():
            break
        new_r, new_a = np.nonzero(entering)
        in_model |= entering
        highs.addCols(len(new_r), cost[new_r, new_a], *_pair_columns(n_rev, new_r, new_a))
        pair_r, pair_a = np.concatenate([pair_r, new_r]), np.concatenate([pair_a, new_a])

    values = np.asarray(highs.getSolution().col_value)
    if values.size and np.abs(values - np.round(values)).max() > 1e-6:
        raise RuntimeError("HiGHS returned a fractional flow; the model is not a network any more")
    n_units, n_slack = len(units_r), len(slack_a)
    pair_values = np.concatenate([values[:n_first], values[n_first + n_units + n_slack :]])
    picked = pair_values > 0.5
    chosen = np.zeros_like(allowed)
    chosen[pair_r[picked], pair_a[picked]] = True
    unmet = np.zeros(n_app, dtype=np.int64)
    unmet[slack_a] = np.round(values[n_first + n_units : n_first + n_units + n_slack]).astype(np.int64)
    return FlowResult(chosen=chosen, unmet=unmet, rounds=rounds, columns=len(values))


def _candidates(allowed: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """The ``CANDIDATES`` cheapest allowed reviewers of each application (all of them if fewer)."""
    n_rev, n_app = allowed.shape
    if n_rev <= CANDIDATES:
        return allowed.copy()
    masked = np.where(allowed, cost, np.inf)
    best = np.argpartition(masked, CANDIDATES - 1, axis=0)[:CANDIDATES]
    chosen = np.zeros_like(allowed)
    chosen[best, np.arange(n_app)[None, :]] = True
    return chosen & allowed


def _units(allowed, kept_load, remaining):
    """Reviewer and load number of every unit column: k = kept + 1 … kept + min(remaining, allowed)."""
    counts = np.minimum(remaining, allowed.sum(axis=1))
    units_r = np.repeat(np.arange(len(counts)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return units_r, kept_load[units_r] + 1 + offsets


def _pair_columns(n_rev, pair_r, pair_a):
    """Bounds and sparse entries of pair columns: +1 in the reviewer row and in the application row."""
    n = len(pair_r)
    index = np.empty(2 * n, dtype=np.int32)
    index[0::2], index[1::2] = pair_r, n_rev + pair_a
    return np.zeros(n), np.ones(n), 2 * n, np.arange(0, 2 * n, 2, dtype=np.int32), index, np.ones(2 * n)


def _lp(n_rev, n_app, need, pair_r, pair_a, cost, units_r, units_k, scale, slack_a, big):
    n_pairs, n_units, n_slack = len(pair_r), len(units_r), len(slack_a)
    lp = highspy.HighsLp()
    lp.num_col_ = n_pairs + n_units + n_slack
    lp.num_row_ = n_rev + n_app
    lp.col_cost_ = np.concatenate([cost[pair_r, pair_a], scale * (2.0 * units_k - 1.0), np.full(n_slack, big)])
    lp.col_lower_ = np.zeros(lp.num_col_)
    lp.col_upper_ = np.concatenate([np.ones(n_pairs + n_units), need[slack_a].astype(float)])
    rhs = np.concatenate([np.zeros(n_rev), need.astype(float)])
    lp.row_lower_, lp.row_upper_ = rhs, rhs
    _, _, _, pair_start, pair_index, pair_value = _pair_columns(n_rev, pair_r, pair_a)
    single = 2 * n_pairs + np.arange(n_units + n_slack + 1, dtype=np.int32)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([pair_start, single]).astype(np.int32)
    lp.a_matrix_.index_ = np.concatenate([pair_index, units_r, n_rev + slack_a]).astype(np.int32)
    lp.a_matrix_.value_ = np.concatenate([pair_value, -np.ones(n_units), np.ones(n_slack)])
    return lp
