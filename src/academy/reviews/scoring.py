"""Scores of reviews: weighted totals, normalisation per reviewer, disagreement flags. Pure functions.

**Totals.** ``weighted_total(scores, criteria)`` puts every criterion on 0–1 by its own scale, weighs
it, and returns a total on 0–100, so criteria scored 1–5 and 0–10 combine.

**Normalisation.** ``normalise(reviews)`` takes ``[(reviewer_id, application_id, total), ...]``.
Each reviewer's totals become z-scores over that reviewer's own reviews, ``z = (total − mean) / sd``
with the sample standard deviation, so every reviewer's z-scores have mean 0 and sd 1: a harsh and
a lenient reviewer count alike. A reviewer with a single review, or with all totals equal, tells us
nothing about their scale: their z-scores are 0 (they neither raise nor lower an application).
The *normalised score* of an application is the mean z of its reviews.

**Worked example.** A harsh reviewer H gives applications a1, a2, a3 the totals 40, 50, 60; a
lenient reviewer L gives the same three 70, 80, 90.

    ======  ======  ======  ===========  ===========  =========  ======================
    app     H       L       mean total   z (H, L)     normalised  spread (points, z)
    ======  ======  ======  ===========  ===========  =========  ======================
    a1      40      70      55           −1, −1       −1         30, 0
    a2      50      80      65            0,  0        0         30, 0
    a3      60      90      75            1,  1        1         30, 0
    ======  ======  ======  ===========  ===========  =========  ======================

H's mean is 50 and sd 10, L's mean 80 and sd 10, so both give z = −1, 0, 1: after normalisation
they agree exactly, and the ranking a3 > a2 > a1 is the same for both. The raw totals still differ
by 30 points, so with the default ``points=25`` each application is flagged with reason
``points`` but not ``normalised``; pass ``points=None`` to flag only disagreements that survive
normalisation. Had L scored 90, 80, 70 (the reverse order), a1 and a3 would get z = −1 and 1 from
the two reviewers, a z-spread of 2 > ``normalised=1.5``: flagged ``normalised`` for a third review.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float
    scale_min: float
    scale_max: float


@dataclass(frozen=True)
class ReviewerScale:
    count: int
    mean: float
    sd: float  # sample standard deviation; 0 with a single review


@dataclass(frozen=True)
class ApplicationScore:
    reviews: int
    mean: float  # mean raw total, 0–100
    normalised: float  # mean z-score
    spread: float  # max − min of the raw totals, in points
    z_spread: float  # max − min of the z-scores
    flagged: bool  # reviewers disagree: propose a third review
    reasons: tuple  # "points" (spread > points), "normalised" (z_spread > normalised)


@dataclass(frozen=True)
class Normalisation:
    z: dict  # (reviewer_id, application_id) -> z-score
    reviewers: dict  # reviewer_id -> ReviewerScale
    applications: dict  # application_id -> ApplicationScore

    def ranking(self) -> list:
        """Application ids, best first: normalised score, then mean total, then id."""
        return sorted(
            self.applications, key=lambda a: (-self.applications[a].normalised, -self.applications[a].mean, a)
        )

    def flagged(self) -> list:
        return sorted(a for a, score in self.applications.items() if score.flagged)


def weighted_total(scores: Mapping[str, float], criteria: Iterable) -> float:
    """Total on 0–100 of one review. ``criteria``: Criterion or (name, weight, scale_min, scale_max).

    Each score is mapped to 0–1 on its criterion's scale, then averaged with the weights:
    ``100 · Σ w·(s − min)/(max − min) / Σ w``. Raises ValueError, in the reviewer's words, for a
    missing, unknown or out-of-range score."""
    criteria = [c if isinstance(c, Criterion) else Criterion(*c) for c in criteria]
    if not criteria:
        raise ValueError("The rubric has no criteria.")
    known = {c.name for c in criteria}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValueError(f"There is no criterion {unknown[0]!r} in the rubric.")
    weighted = weights = 0.0
    for c in criteria:
        if c.weight < 0 or c.scale_max <= c.scale_min:
            raise ValueError(f"The criterion {c.name!r} needs a positive weight and a scale from low to high.")
        if scores.get(c.name) is None:
            raise ValueError(f"Give a score for {c.name!r}.")
        value = scores[c.name]
        if not c.scale_min <= value <= c.scale_max:
            raise ValueError(f"The score for {c.name!r} must lie between {c.scale_min:g} and {c.scale_max:g}.")
        weighted += c.weight * (value - c.scale_min) / (c.scale_max - c.scale_min)
        weights += c.weight
    if weights == 0:
        raise ValueError("At least one criterion needs a weight above 0.")
    return 100.0 * weighted / weights


def normalise(
    reviews: Iterable[tuple[Hashable, Hashable, float]],
    *,
    points: float | None = 25.0,
    normalised: float | None = 1.5,
) -> Normalisation:
    """z-scores per reviewer and scores per application (see the module docstring).

    An application is flagged when it has at least two reviews and its raw totals differ by more
    than ``points`` or its z-scores by more than ``normalised`` (None switches a test off)."""
    totals: dict = {}
    for reviewer, application, total in reviews:
        if (reviewer, application) in totals:
            raise ValueError(f"Reviewer {reviewer} reviewed application {application} twice.")
        totals[reviewer, application] = float(total)

    by_reviewer = defaultdict(list)
    for (reviewer, _), total in totals.items():
        by_reviewer[reviewer].append(total)
    scales = {reviewer: _scale(values) for reviewer, values in by_reviewer.items()}
    z = {}
    for (reviewer, application), total in totals.items():
        scale = scales[reviewer]
        z[reviewer, application] = (total - scale.mean) / scale.sd if scale.sd > 0 else 0.0

    by_application = defaultdict(list)
    for (reviewer, application), total in totals.items():
        by_application[application].append((total, z[reviewer, application]))
    applications = {a: _application(pairs, points, normalised) for a, pairs in by_application.items()}
    return Normalisation(z=z, reviewers=scales, applications=applications)


def _scale(values) -> ReviewerScale:
    mean = math.fsum(values) / len(values)
    if len(values) < 2:
        return ReviewerScale(count=len(values), mean=mean, sd=0.0)
    variance = math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)
    sd = math.sqrt(variance)
    return ReviewerScale(count=len(values), mean=mean, sd=sd if sd > 1e-9 else 0.0)


def _application(pairs, points, normalised) -> ApplicationScore:
    totals = [t for t, _ in pairs]
    zs = [z for _, z in pairs]
    spread = max(totals) - min(totals)
    z_spread = max(zs) - min(zs)
    reasons = []
    if len(pairs) >= 2 and points is not None and spread > points:
        reasons.append("points")
    if len(pairs) >= 2 and normalised is not None and z_spread > normalised:
        reasons.append("normalised")
    return ApplicationScore(
        reviews=len(pairs),
        mean=math.fsum(totals) / len(totals),
        normalised=math.fsum(zs) / len(zs),
        spread=spread,
        z_spread=z_spread,
        flagged=bool(reasons),
        reasons=tuple(reasons),
    )
