"""Why an assignment is impossible, said in plain words.

Three checks, from the cheapest to the most general:

1. ``check_reviewers_per_application``: an application with fewer reviewers free of conflict
   than it needs reviews;
2. ``check_capacity``: fewer places (Σ reviewer limits) than reviews (applications × N);
3. ``explain_shortage``: after the flow, a group of applications whose reviewers cannot give them
   enough reviews (Hall's condition for b-matchings, found as the source side of a minimum cut).

Each raises :class:`AssignmentInfeasible` with a message for the organiser and ``details`` (a dict
with a ``constraint`` key) for the program.
"""

import math

import numpy as np

from academy.core.errors import Refused


class AssignmentInfeasible(Refused):
    """No assignment satisfies the constraints. ``message`` says which one, ``details`` gives the figures."""

    def __init__(self, message: str, details: dict):
        super().__init__(message)
        self.message = message
        self.details = details


def names(ids, limit: int = 10) -> str:
    """'3', '3 and 5', '3, 5 and 9', '1, 2, …, 10 and 190 more'."""
    ids = [str(i) for i in ids]
    if len(ids) > limit:
        return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def check_reviewers_per_application(app_ids, possible: np.ndarray, per_application: int) -> None:
    """``possible`` (bool R × A): pairs that are allowed or kept."""
    counts = possible.sum(axis=0)
    short = np.flatnonzero(counts < per_application)
    if not short.size:
        return
    first = short[0]
    have = int(counts[first])
    has = "has no reviewer" if have == 0 else f"has only {_plural(have, 'reviewer')}"
    message = f"Application {app_ids[first]} {has} without a conflict; it needs {per_application}."
    if short.size > 1:
        others = [app_ids[a] for a in short[1:]]
        message += f" {_plural(len(others), 'other application')} also have too few: {names(others)}."
    raise AssignmentInfeasible(
        message,
        {
            "constraint": "reviewers_per_application",
            "needed": per_application,
            "applications": {app_ids[a]: int(counts[a]) for a in short},
        },
    )


def check_capacity(capacity, kept_load, kept_count, per_application: int, max_load: int, overridden) -> None:
    """Enough places for all reviews? Kept pairs above a limit still take their places."""
    places = int(np.maximum(capacity, kept_load).sum())
    reviews = int(np.maximum(per_application, kept_count).sum())
    if places >= reviews:
        return
    n_rev, n_app = len(capacity), len(kept_count)
    missing = reviews - places
    invite = math.ceil(missing / max_load) if max_load > 0 else None
    raise_to = _limit_needed(capacity, kept_load, overridden, reviews, max_load)
    if overridden.any():
        supply = f"{_plural(n_rev, 'reviewer')} have {places} places in all"
    else:
        supply = f"{_plural(n_rev, 'reviewer')} × {max_load} = {places} places"
    remedies = []
    if invite:
        remedies.append(f"invite {invite} more {'reviewer' if invite == 1 else 'reviewers'}")
    if raise_to is not None:
        remedies.append(f"raise the limit to {raise_to}")
    remedy = " or ".join(remedies) if remedies else "raise the reviewers' limits"
    raise AssignmentInfeasible(
        f"{supply} for {_plural(n_app, 'application')} × {per_application} = {reviews} reviews: {remedy}.",
        {
            "constraint": "capacity",
            "places": places,
            "reviews": reviews,
            "invite": invite,
            "raise_limit_to": raise_to,
        },
    )


def _limit_needed(capacity, kept_load, overridden, reviews: int, max_load: int):
    """Smallest common limit (reviewers without an override) that gives enough places, or None."""
    default = ~overridden
    if not default.any():
        return None
    fixed = int(np.maximum(capacity[overridden], kept_load[overridden]).sum())
    limit = max(max_load, math.ceil((reviews - fixed) / int(default.sum())))
    while fixed + int(np.maximum(limit, kept_load[default]).sum()) < reviews:
        limit += 1
    return limit


def explain_shortage(app_ids, rev_ids, allowed, chosen, unmet, need, remaining) -> AssignmentInfeasible:
    """Find a group of applications that asks more of its reviewers than they can give.

    ``allowed`` (bool R × A) are the pairs that could be added, ``chosen`` those in a maximum flow,
    ``unmet`` the reviews it left missing. The applications reachable in the residual network from
    one with unmet reviews (through an unused allowed pair to a reviewer, back through a used pair to
    another application) form the source side X of a minimum cut; the cut shows that
    Σ_{a ∈ X} need[a] > Σ_r min(remaining[r], |allowed pairs of r in X|), which is what the message says.
    """
    group = unmet > 0
    reached = np.zeros(len(rev_ids), dtype=bool)
    free = allowed & ~chosen
    while True:
        more_reviewers = free[:, group].any(axis=1) & ~reached
        reached |= more_reviewers
        more_apps = chosen[more_reviewers].any(axis=0) & ~group
        if not more_apps.any():
            break
        group |= more_apps
    apps = np.flatnonzero(group)
    serving = allowed[:, apps].sum(axis=1)
    reviewers = np.flatnonzero(serving > 0)
    needed = int(need[apps].sum())
    available = int(np.minimum(remaining, serving).sum())
    app_names = [app_ids[a] for a in apps]
    rev_names = [rev_ids[r] for r in reviewers]
    one = len(apps) == 1
    subject = f"Application {app_names[0]}" if one else f"Applications {names(app_names)}"
    them = "it" if one else "them"
    if reviewers.size:
        offer = f"the only reviewers without a conflict with {them} ({names(rev_names)}) have "
        offer += f"{_plural(available, 'place')} left for {them}"
    else:
        offer = f"no reviewer without a conflict with {them} has a place left"
    message = (
        f"{subject} need{'s' if one else ''} {_plural(needed, 'more review')}, but {offer}. "
        "Raise these reviewers' limit, invite more reviewers, or lift a conflict."
    )
    return AssignmentInfeasible(
        message,
        {
            "constraint": "group",
            "applications": app_names,
            "reviewers": rev_names,
            "needed": needed,
            "available": available,
        },
    )
