"""Demo review: the rubric from the call's objectives, 12 reviewers of the 2022 edition (the demo reviewer
among them) with declared conflicts, the automatic assignment, and full reviews with one deliberately
harsh and one lenient reviewer, so the board shows what normalisation does. Works with no application
too (then it stops after the pool)."""

import datetime as dt
import secrets

from allauth.account.models import EmailAddress
from django.db.models import F

from academy.accounts.demo import DOMAIN
from academy.accounts.models import EditionRole, Role, User
from academy.registry.models import ClusterOrganisation

from .assigning import run_assignment
from .conflicts import in_scope
from .models import Assignment, Conflict, ConflictKind, Recommendation, Review, Reviewer, ReviewSetup
from .scoring import weighted_total
from .services import core_criteria, install_default_rubric

# (e-mail local part, name, bias on a 1–5 scale); the demo reviewer (reviewer@) comes first.
POOL = [
    ("reviewer", None, 0.0),
    ("reviewer2", "Hanna Strenge", -1.3),  # harsh
    ("reviewer3", "Luc Généreux", 1.2),  # lenient
    ("reviewer4", "Maja Kowalczyk", 0.1),
    ("reviewer5", "Tiago Ferreira", -0.2),
    ("reviewer6", "Ingrid Solberg", 0.2),
    ("reviewer7", "Dimitris Andreou", 0.0),
    ("reviewer8", "Aoife Byrne", -0.1),
    ("reviewer9", "Rasmus Lind", 0.3),
    ("reviewer10", "Petra Horváth", -0.3),
    ("reviewer11", "Giulia Moretti", 0.1),
    ("reviewer12", "Nils Vermeulen", 0.0),
]
COMMENTS = [
    "Clear motivation and a concrete plan to pass the knowledge on to the team.",
    "Good fit with the academy's topics; the expected benefits for SMEs could be more specific.",
    "Strong peer-learning potential: the cluster has experience worth sharing.",
    "Motivation is generic; little on how the cluster's members would benefit.",
    "",
]


def seed(ctx):
    y2022, current = ctx.editions["2022"], ctx.editions["open"]
    install_default_rubric(y2022)
    install_default_rubric(current)
    ReviewSetup.objects.create(edition=y2022, reviewers_per_application=2, max_load=100, disagreement_points=30)
    ReviewSetup.objects.create(edition=current, reviewers_per_application=2, max_load=60, blind=True)
    reviewers = _pool(ctx, y2022)
    _conflicts(ctx, y2022, reviewers)
    if not in_scope(y2022).exists():
        ctx.say(f"reviews: rubric and {len(reviewers)} reviewers for 2022; no applications to review yet")
        return
    summary = run_assignment(y2022)
    count = _reviews(ctx, y2022, {user.pk: bias for user, bias in reviewers})
    ctx.say(
        f"reviews: {len(reviewers)} reviewers for 2022 ({POOL[1][0]}@ harsh, {POOL[2][0]}@ lenient), "
        f"{summary.added} assignments, {count} submitted reviews; board at /orga/{y2022.slug}/reviews/"
    )


def _pool(ctx, edition):
    """The 12 reviewers with their invitations accepted; the others share the demo reviewer's password hash."""
    demo = ctx.users["reviewer"]
    new = [User(email=f"{local}@{DOMAIN}", full_name=name, password=demo.password) for local, name, _bias in POOL[1:]]
    User.objects.bulk_create(new)
    users = [demo, *User.objects.filter(email__in=[u.email for u in new]).order_by("pk")]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users[1:]]
    )
    EditionRole.objects.bulk_create(
        [EditionRole(user=u, edition=edition, role=Role.REVIEWER) for u in users[1:]], ignore_conflicts=True
    )
    organisations = _sample(ctx.rng, ClusterOrganisation.objects.all(), len(users))
    when = edition.start_of(edition.application_deadline - dt.timedelta(days=20))
    Reviewer.objects.bulk_create(
        [
            Reviewer(
                edition=edition,
                email=u.email,
                user=u,
                organisation=org,
                country=org.country.code if org else "",
                token_hash=Reviewer.hash(secrets.token_urlsafe(16)),
                invited_at=when,
                invited_by=ctx.users["organiser"],
                accepted_at=when + dt.timedelta(days=ctx.rng.randint(1, 5)),
            )
            for u, org in zip(users, organisations + [None] * (len(users) - len(organisations)), strict=True)
        ]
    )
    return [(u, bias) for u, (_l, _n, bias) in zip(users, POOL, strict=True)]


def _sample(rng, queryset, k):
    """Up to ``k`` rows drawn with the demo's seeded random generator (the same seed, the same rows)."""
    ids = sorted(queryset.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(k, len(ids)))
    by_id = queryset.model.objects.in_bulk(chosen)
    return [by_id[pk] for pk in chosen]


def _conflicts(ctx, edition, reviewers):
    """A few declared conflicts of each kind, with the reasons people give."""
    rng = ctx.rng
    organisations = _sample(rng, ClusterOrganisation.objects.exclude(registry_id__startswith="ECCP-DEMO"), 3)
    rows = [
        Conflict(edition=edition, reviewer=user, kind=ConflictKind.ORGANISATION, organisation=org, reason=reason)
        for (user, _), org, reason in zip(
            reviewers[3:6],
            organisations,
            ["I sit on its board.", "We run a joint project.", "My former employer."],
            strict=False,
        )
    ]
    rows.append(
        Conflict(
            edition=edition,
            reviewer=reviewers[6][0],
            kind=ConflictKind.COUNTRY,
            country="BE",
            reason="I advise the regional government on its cluster policy.",
        )
    )
    for app in _sample(rng, in_scope(edition), 3):
        user = rng.choice(reviewers[7:])[0]
        rows.append(
            Conflict(
                edition=edition,
                reviewer=user,
                kind=ConflictKind.APPLICATION,
                application=app,
                reason="I know the applicant personally.",
            )
        )
    Conflict.objects.bulk_create(rows)


def _reviews(ctx, edition, bias):
    """Submitted reviews for every assignment: a hidden quality per application, each reviewer's bias, noise."""
    rng = ctx.rng
    criteria = list(edition.criteria.all())
    rubric = core_criteria(criteria)
    quality = {pk: rng.gauss(0, 0.9) for pk in in_scope(edition).values_list("pk", flat=True)}
    start = edition.start_of(edition.application_deadline + dt.timedelta(days=1))
    reviews = []
    for assignment in Assignment.objects.filter(edition=edition, removed=False).order_by("pk"):
        level = 3.2 + quality.get(assignment.application_id, 0) + bias.get(assignment.reviewer_id, 0)
        scores = {str(c.pk): max(c.scale_min, min(c.scale_max, round(level + rng.gauss(0, 0.6)))) for c in criteria}
        total = weighted_total(scores, rubric)
        recommendation = (
            Recommendation.SELECT if total >= 70 else Recommendation.MAYBE if total >= 45 else Recommendation.REJECT
        )
        reviews.append(
            Review(
                assignment=assignment,
                scores=scores,
                comment=rng.choice(COMMENTS),
                recommendation=recommendation,
                total=total,
                submitted_at=start + dt.timedelta(minutes=rng.randint(0, 13 * 24 * 60)),
            )
        )
    Review.objects.bulk_create(reviews, batch_size=500)
    Review.objects.filter(assignment__edition=edition).update(updated_at=F("submitted_at"))  # as if done then
    return len(reviews)
