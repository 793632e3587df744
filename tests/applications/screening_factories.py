"""Applications for the screening tests: one at a time with every detail, or thousands with bulk_create."""

import datetime as dt
import itertools

from django.utils import timezone

from academy.accounts.models import User
from academy.applications.models import Application, Dimension, Question, QuestionType, Status, SubmittedVersion
from academy.registry.models import ClusterOrganisation, Ecosystem
from tests import factories

EXPERIENCE = ["Less than 2 years", "2 to 5 years", "More than 5 years"]
COUNTRIES = ["DE", "FR", "PT", "PL", "SE", "IT", "ES", "RO"]
_n = itertools.count(1)


def questions(edition):
    """A small form: motivation, an experience band, ecosystems, a CV upload; in that order."""
    rows = [
        ("motivation", "Why do you want to take part?", QuestionType.LONG_TEXT, "", []),
        (
            "experience",
            "How long have you managed a cluster?",
            QuestionType.SINGLE_CHOICE,
            Dimension.EXPERIENCE,
            EXPERIENCE,
        ),
        (
            "ecosystems",
            "Your industrial ecosystems",
            QuestionType.MULTIPLE_CHOICE,
            Dimension.ECOSYSTEM,
            ["Digital", "Health"],
        ),
        ("cv", "Your CV", QuestionType.FILE, "", []),
    ]
    return [
        Question.objects.create(
            edition=edition, key=key, label=label, type=kind, dimension=dim, choices=choices, position=i
        )
        for i, (key, label, kind, dim, choices) in enumerate(rows)
    ]


def application(
    edition,
    *,
    status=Status.SUBMITTED,
    answers=None,
    country="DE",
    name="Ana Silva",
    email=None,
    org_name=None,
    ecosystems=(),
    eligible=True,
    submitted_at=None,
):
    """One application by a new person of a new organisation; a submitted one has its version 1."""
    n = next(_n)
    person = factories.user(email or f"applicant{n}@example.org", full_name=name)
    org = factories.organisation(country=country, **({"name": org_name} if org_name else {}))
    org.ecosystems.set(Ecosystem.objects.filter(slug__in=ecosystems))
    answers = {"motivation": "To learn.", "experience": EXPERIENCE[0]} if answers is None else answers
    submitted = status != Status.DRAFT
    when = submitted_at or (timezone.now() - dt.timedelta(days=1) if submitted else None)
    app = Application.objects.create(
        edition=edition,
        applicant=person,
        organisation=org,
        status=status,
        answers=answers,
        is_eligible=eligible,
        submitted_at=when,
    )
    if submitted:
        SubmittedVersion.objects.create(application=app, number=1, answers=answers, submitted_at=when)
    return app


def bulk_answers(i):
    return {"motivation": f"Reason {i}", "experience": EXPERIENCE[i % 3], "ecosystems": ["Digital"]}


def many_applications(
    edition, n, *, statuses=(Status.SUBMITTED, Status.SUBMITTED, Status.DRAFT, Status.WITHDRAWN), answers=bulk_answers
):
    """`n` applications with people, organisations (one ecosystem each) and submitted versions, in bulk;
    `answers(i)` gives the i-th application's answers."""
    start = next(_n) * 100_000
    ecosystems = list(Ecosystem.objects.order_by("slug"))
    people = User.objects.bulk_create(
        [User(email=f"bulk{start + i}@example.org", full_name=f"Person {start + i}") for i in range(n)]
    )
    orgs = ClusterOrganisation.objects.bulk_create(
        [
            ClusterOrganisation(registry_id=f"BULK-{start + i}", name=f"Cluster {start + i}", country=COUNTRIES[i % 8])
            for i in range(n)
        ]
    )
    Through = ClusterOrganisation.ecosystems.through
    Through.objects.bulk_create(
        [Through(clusterorganisation=org, ecosystem=ecosystems[i % len(ecosystems)]) for i, org in enumerate(orgs)]
    )
    now = timezone.now()
    apps = Application.objects.bulk_create(
        [
            Application(
                edition=edition,
                applicant=person,
                organisation=org,
                status=statuses[i % len(statuses)],
                answers=answers(i),
                is_eligible=(True, False, None)[i % 3],
                submitted_at=None if statuses[i % len(statuses)] == Status.DRAFT else now - dt.timedelta(minutes=i),
            )
            for i, (person, org) in enumerate(zip(people, orgs, strict=True))
        ]
    )
    SubmittedVersion.objects.bulk_create(
        [
            SubmittedVersion(application=app, number=1, answers=app.answers, submitted_at=app.submitted_at)
            for app in apps
            if app.submitted_at
        ]
    )
    return apps
