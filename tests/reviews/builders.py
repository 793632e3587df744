"""Real rows for the review tests: an edition in its review phase, submitted eligible applications,
reviewers with their organisation, and the rubric from the call."""

import datetime as dt
import itertools

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.applications.models import Application, Question, QuestionType, Status, SubmittedVersion
from academy.reviews.models import Reviewer
from academy.reviews.services import install_default_rubric
from tests import factories

DEADLINE = dt.date(2022, 10, 31)  # review closes on 14 November 2022 (factories.edition)
DURING_REVIEW = dt.datetime(2022, 11, 7, 10, tzinfo=dt.UTC)
AFTER_REVIEW = dt.datetime(2022, 11, 15, 9, tzinfo=dt.UTC)  # 10:00 in Brussels, the day after review closed
_n = itertools.count(1)


def edition(deadline=DEADLINE, **fields):
    made = factories.edition(deadline=deadline, **fields)
    Question.objects.bulk_create(
        [
            Question(edition=made, key="motivation", label="Why do you want to take part?", type=QuestionType.LONG_TEXT, position=1),
            Question(edition=made, key="ecosystems", label="Which ecosystems?", type=QuestionType.MULTIPLE_CHOICE, position=2),
            Question(edition=made, key="full_name", label="Your full name", type=QuestionType.SHORT_TEXT, position=3),
            Question(edition=made, key="commit_attend", label="I commit to attend", type=QuestionType.COMMITMENT, position=4),
        ]
    )  # fmt: skip
    install_default_rubric(made)
    return made


def application(
    edition, *, name=None, email=None, organisation=None, country="DE", status=Status.SUBMITTED, eligible=True
):
    n = next(_n)
    name = name or f"Applicant Number{n}"
    person = factories.user(email or f"applicant{n}@example.org", full_name=name)
    org = organisation or factories.organisation(country=country, name=f"Cluster Org {n}")
    answers = {
        "motivation": f"Motivation text {n}: our members need new services.",
        "ecosystems": ["Digital", "Health"],
        "full_name": name,
        "commit_attend": True,
    }
    app = Application.objects.create(
        edition=edition,
        applicant=person,
        organisation=org,
        status=status,
        is_eligible=eligible,
        answers=answers,
        submitted_at=dt.datetime(2022, 10, 30, 12, tzinfo=dt.UTC),
    )
    SubmittedVersion.objects.create(application=app, number=1, answers=answers, submitted_at=app.submitted_at)
    return app


def reviewer(edition, email=None, *, organisation=None, country="", capacity=None, full_name="Rita Reviewer"):
    person = factories.user(email, full_name=full_name)
    grant_role(person, edition, Role.REVIEWER)
    if organisation is not None or country or capacity is not None:
        Reviewer.objects.create(
            edition=edition,
            email=person.email,
            user=person,
            organisation=organisation,
            country=country or (organisation.country.code if organisation else ""),
            capacity=capacity,
            token_hash=Reviewer.hash(f"token-{person.pk}"),
            invited_at=DURING_REVIEW,
        )
    return person


def scores_for(edition, value):
    """Form data scoring every criterion ``value`` (clipped to its scale), with a recommendation."""
    data = {f"score-{c.pk}": str(max(c.scale_min, min(c.scale_max, value))) for c in edition.criteria.all()}
    return data | {"recommendation": "select", "comment": "Clear and convincing."}
