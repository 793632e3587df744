"""Automatic reviewer assignment: pure functions over plain data, no database.

Data format (ids are any hashable values that sort among themselves, e.g. primary keys)::

    Application(id, organisation=None, country=None)
    Reviewer(id, organisation=None, country=None, capacity=None)   # capacity overrides max_load
    Conflicts(pairs={(reviewer_id, application_id), ...},
              organisations={reviewer_id: {organisation_id, ...}},  # declared: never their applications
              countries={reviewer_id: {"FR", ...}})                  # declared: never this country
    AssignmentOptions(max_load, per_application=2, avoid_same_country=False, seed=0)

``assign(applications, reviewers, options, conflicts=, keep=, exclude=, preference=, preference_default=)``
returns an :class:`AssignmentPlan` with every (reviewer_id, application_id) pair, the pairs it added,
each reviewer's load and the :class:`Objective`, or raises :class:`AssignmentInfeasible`.

* ``keep``: pairs that stay whatever happens (already scored, or added by an organiser). They
  count towards the N reviews of their application and the load of their reviewer; a kept pair
  with a conflict or above a limit stays and is reported in ``notes``.
* ``exclude``: pairs an organiser removed; they are never added again.
* ``preference``: optional ``{(reviewer_id, application_id): cost in [0, 1]}``, lower is better;
  pairs not listed cost ``preference_default`` (0). To prefer matching expertise, list the matching
  pairs with cost 0 and pass ``preference_default=1``.

Rules: every application gets exactly N reviewers (more only if more are kept), no reviewer gets
more than their limit, no pair has a conflict. Among all such assignments it takes one with the
smallest maximum load, then the smallest Σ load² (loads as even as possible), then the smallest
preference cost, then a seeded random tie-break (so that each reviewer sees a random sample of
applications, which the per-reviewer normalisation assumes). The loads are exact; the tie-break
weighs ``TIE_BREAK_WEIGHT`` of a preference unit per pair, so it can cost at most
0.001 × (new pairs) of preference (``seed=None`` makes the preference exact, but the LP becomes
degenerate and slower). The same input and seed always give the same output. How it is solved,
and why that is exact, is in ``assignment_flow``.
"""

import time
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .assignment_checks import AssignmentInfeasible, check_capacity, check_reviewers_per_application, explain_shortage
from .assignment_flow import solve

__all__ = [
    "Application",
    "AssignmentPlan",
    "AssignmentInfeasible",
    "AssignmentOptions",
    "Conflicts",
    "Objective",
    "Reviewer",
    "assign",
    "conflict_matrix",
    "conflict_reason",
    "propose_third_reviewer",
]

TIE_BREAK_WEIGHT = 1e-3  # share of the pair cost given to the random tie-break when preferences are set


@dataclass(frozen=True)
class Application:
    id: Hashable
    organisation: Hashable | None = None
    country: str | None = None


@dataclass(frozen=True)
class Reviewer:
    id: Hashable
    organisation: Hashable | None = None
    country: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class Conflicts:
    pairs: frozenset = frozenset()
    organisations: Mapping = field(default_factory=dict)
    countries: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class AssignmentOptions:
    max_load: int
    per_application: int = 2
    avoid_same_country: bool = False
    seed: int | None = 0


@dataclass(frozen=True)
class Objective:
    max_load: int
    min_load: int
    sum_of_squares: int
    preference: float

    def key(self):
        """What ``assign`` minimises, in order."""
        return (self.max_load, self.sum_of_squares, self.preference)


@dataclass(frozen=True)
class AssignmentPlan:
    pairs: frozenset  # every (reviewer_id, application_id): kept and added
    added: frozenset  # the pairs to create
    loads: dict  # reviewer_id -> number of applications (every reviewer, 0 included)
    objective: Objective
    notes: tuple = ()  # kept pairs with a conflict or above a limit, in plain words
    rounds: int = 0  # LP solves (column generation rounds)
    columns: int = 0  # LP columns at the end
    seconds: dict = field(default_factory=dict)  # wall-clock "prepare", "solve"; "solve_cpu": for logs and bench/

    def reviewers_of(self, application_id) -> list:
        return sorted(r for r, a in self.pairs if a == application_id)


def conflict_reason(
    reviewer: Reviewer, application: Application, conflicts: Conflicts = Conflicts(), *, avoid_same_country=False
):
    """Why this reviewer may not review this application, or None. One of the codes
    ``organisation`` (same organisation), ``country`` (same country, when avoided), ``declared``
    (declared for this application), ``declared_organisation``, ``declared_country``."""
    if reviewer.organisation is not None and reviewer.organisation == application.organisation:
        return "organisation"
    if avoid_same_country and reviewer.country is not None and reviewer.country == application.country:
        return "country"
    if (reviewer.id, application.id) in conflicts.pairs:
        return "declared"
    if application.organisation is not None and application.organisation in conflicts.organisations.get(
        reviewer.id, ()
    ):
        return "declared_organisation"
    if application.country is not None and application.country in conflicts.countries.get(reviewer.id, ()):
        return "declared_country"
    return None


def conflict_matrix(reviewers, applications, conflicts: Conflicts = Conflicts(), *, avoid_same_country=False):
    """Bool matrix (reviewers × applications, in the given order): True where ``conflict_reason`` is not None."""
    rev_index = {r.id: i for i, r in enumerate(reviewers)}
    app_index = {a.id: j for j, a in enumerate(applications)}
    conflict = _same(reviewers, applications, "organisation")
    if avoid_same_country:
        conflict |= _same(reviewers, applications, "country")
    for attribute, declared in (("organisation", conflicts.organisations), ("country", conflicts.countries)):
        values = [getattr(a, attribute) for a in applications]
        for rid, banned in declared.items():
            if rid in rev_index and banned:
                banned = set(banned)
                conflict[rev_index[rid]] |= np.array([v is not None and v in banned for v in values], dtype=bool)
    for rid, aid in conflicts.pairs:
        if rid in rev_index and aid in app_index:
            conflict[rev_index[rid], app_index[aid]] = True
    return conflict


def _same(reviewers, applications, attribute):
    codes: dict = {}
    rev = np.array(
        [codes.setdefault(v, len(codes)) if (v := getattr(r, attribute)) is not None else -1 for r in reviewers]
    )
    app = np.array([codes.get(v, -2) if (v := getattr(a, attribute)) is not None else -2 for a in applications])
    return rev.reshape(-1, 1) == app.reshape(1, -1)


def assign(
    applications: Iterable[Application],
    reviewers: Iterable[Reviewer],
    options: AssignmentOptions,
    *,
    conflicts: Conflicts = Conflicts(),
    keep: Iterable[tuple] = (),
    exclude: Iterable[tuple] = (),
    preference: Mapping | None = None,
    preference_default: float = 0.0,
) -> AssignmentPlan:
    """Assign ``options.per_application`` reviewers to every application (see the module docstring)."""
    started = time.perf_counter()
    apps = _sorted_unique(applications, "application")
    revs = _sorted_unique(reviewers, "reviewer")
    _validate(options, revs, preference, preference_default)
    app_ids, rev_ids = [a.id for a in apps], [r.id for r in revs]
    n = options.per_application
    kept = _pairs(keep, rev_ids, app_ids, strict=True)
    excluded = _pairs(exclude, rev_ids, app_ids, strict=False)
    if (kept & excluded).any():
        r, a = np.argwhere(kept & excluded)[0]
        raise ValueError(f"Reviewer {rev_ids[r]} and application {app_ids[a]} are both kept and excluded.")
    conflict = conflict_matrix(revs, apps, conflicts, avoid_same_country=options.avoid_same_country)
    overridden = np.array([r.capacity is not None for r in revs], dtype=bool)
    capacity = np.array([options.max_load if r.capacity is None else r.capacity for r in revs], dtype=np.int64)
    kept_load, kept_count = kept.sum(axis=1), kept.sum(axis=0)
    allowed = ~conflict & ~excluded & ~kept

    check_reviewers_per_application(app_ids, allowed | kept, n)
    check_capacity(capacity, kept_load, kept_count, n, options.max_load, overridden)
    need = np.maximum(n - kept_count, 0)
    prefs = _preference_matrix(preference, preference_default, rev_ids, app_ids)
    costs = _costs(prefs, options.seed)
    prepared, cpu = time.perf_counter(), time.process_time()
    result = solve(allowed, costs, need, kept_load, capacity)
    solved = time.perf_counter()
    seconds = {"prepare": prepared - started, "solve": solved - prepared, "solve_cpu": time.process_time() - cpu}
    if result.unmet.any():
        remaining = np.maximum(capacity - kept_load, 0)
        raise explain_shortage(app_ids, rev_ids, allowed, result.chosen, result.unmet, need, remaining)

    final = kept | result.chosen
    loads = final.sum(axis=1)
    objective = Objective(
        max_load=int(loads.max(initial=0)),
        min_load=int(loads.min()) if loads.size else 0,
        sum_of_squares=int((loads**2).sum()),
        preference=float(prefs[final].sum()),
    )
    return AssignmentPlan(
        pairs=_as_pairs(final, rev_ids, app_ids),
        added=_as_pairs(result.chosen, rev_ids, app_ids),
        loads={rid: int(load) for rid, load in zip(rev_ids, loads, strict=True)},
        objective=objective,
        notes=_notes(kept & conflict, kept_load, capacity, rev_ids, app_ids),
        rounds=result.rounds,
        columns=result.columns,
        seconds=seconds,
    )


def propose_third_reviewer(
    application: Application,
    reviewers: Iterable[Reviewer],
    loads: Mapping,
    *,
    assigned: Iterable = (),
    conflicts: Conflicts = Conflicts(),
    excluded: Iterable = (),
    max_load: int | None = None,
    avoid_same_country: bool = False,
):
    """The least-loaded reviewer (ties: smallest id) who may take one more review of ``application``:
    not already on it, not excluded from it, no conflict, below their limit (``capacity`` or
    ``max_load``; no limit if both are None). Returns the reviewer id, or None if nobody can."""
    taken = set(assigned) | set(excluded)
    best = None
    for reviewer in reviewers:
        load = loads.get(reviewer.id, 0)
        limit = reviewer.capacity if reviewer.capacity is not None else max_load
        if reviewer.id in taken or (limit is not None and load >= limit):
            continue
        if conflict_reason(reviewer, application, conflicts, avoid_same_country=avoid_same_country):
            continue
        if best is None or (load, reviewer.id) < best:
            best = (load, reviewer.id)
    return None if best is None else best[1]


def _sorted_unique(items, kind):
    items = sorted(items, key=lambda item: item.id)
    for first, second in zip(items, items[1:], strict=False):
        if first.id == second.id:
            raise ValueError(f"The {kind} {first.id} appears twice.")
    return items


def _validate(options, revs, preference, preference_default):
    if options.per_application < 1:
        raise ValueError("Each application needs at least one reviewer.")
    if options.max_load < 0 or any(r.capacity is not None and r.capacity < 0 for r in revs):
        raise ValueError("A reviewer's limit cannot be negative.")
    if not 0 <= preference_default <= 1 or (preference and not all(0 <= c <= 1 for c in preference.values())):
        raise ValueError("Preference costs must lie between 0 and 1.")


def _pairs(pairs, rev_ids, app_ids, *, strict):
    matrix = np.zeros((len(rev_ids), len(app_ids)), dtype=bool)
    rev_index = {rid: i for i, rid in enumerate(rev_ids)}
    app_index = {aid: j for j, aid in enumerate(app_ids)}
    for rid, aid in pairs:
        if rid in rev_index and aid in app_index:
            matrix[rev_index[rid], app_index[aid]] = True
        elif strict:
            raise ValueError(
                f"The kept pair (reviewer {rid}, application {aid}) names an unknown reviewer or application."
            )
    return matrix


def _preference_matrix(preference, default, rev_ids, app_ids):
    matrix = np.full((len(rev_ids), len(app_ids)), float(default))
    if preference:
        rev_index = {rid: i for i, rid in enumerate(rev_ids)}
        app_index = {aid: j for j, aid in enumerate(app_ids)}
        for (rid, aid), cost in preference.items():
            if rid in rev_index and aid in app_index:
                matrix[rev_index[rid], app_index[aid]] = cost
    return matrix


def _costs(prefs, seed):
    """Pair costs in [0, 1]: the preferences, plus a seeded tie-break (all of it without preferences)."""
    if seed is None:
        return prefs
    jitter = np.random.default_rng(seed).random(prefs.shape)
    if prefs.size == 0 or np.ptp(prefs) == 0:  # no preference, or the same for every pair
        return jitter
    return (1 - TIE_BREAK_WEIGHT) * prefs + TIE_BREAK_WEIGHT * jitter


def _as_pairs(matrix, rev_ids, app_ids):
    return frozenset((rev_ids[r], app_ids[a]) for r, a in zip(*np.nonzero(matrix), strict=True))


def _notes(kept_conflicts, kept_load, capacity, rev_ids, app_ids):
    notes = [
        f"Reviewer {rev_ids[r]} keeps application {app_ids[a]} although they have a conflict."
        for r, a in zip(*np.nonzero(kept_conflicts), strict=True)
    ]
    notes += [
        f"Reviewer {rev_ids[r]} keeps {kept_load[r]} applications, above their limit of {capacity[r]}."
        for r in np.flatnonzero(kept_load > capacity)
    ]
    return tuple(notes)
