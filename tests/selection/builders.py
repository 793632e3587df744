"""Real rows for the selection tests: an edition whose form tags experience, background and ecosystems,
submitted eligible applications, and one reviewer's submitted reviews (so normalised scores exist)."""

import datetime as dt
import itertools

from academy.accounts.models import Role
from academy.applications.models import Application, Dimension, Question, QuestionType, Status, SubmittedVersion
from academy.reviews.models import Assignment, Review
from tests import factories

EXPERIENCE = ["Under 3 years", "3–5 years", "6–10 years", "Over 10 years"]
BACKGROUNDS = ["Business / management", "Engineering / science"]
SUBMITTED = dt.datetime(2022, 10, 30, 12, tzinfo=dt.UTC)
# Six applicants, three of them German: a cohort of 2–4 under a country cap shows who the cap keeps out.
ROWS = [
    (95, "DE", "Over 10 years"),
    (90, "DE", "6–10 years"),
    (85, "DE", "3–5 years"),
    (70, "FR", "Under 3 years"),
    (60, "IT", "Under 3 years"),
    (40, "PT", "3–5 years"),
]
_n = itertools.count(1)


def edition(*, min_participants=2, max_participants=4, **fields):
    made = factories.edition(min_participants=min_participants, max_participants=max_participants, **fields)
    Question.objects.bulk_create(
        [
            Question(edition=made, key="years", label="Years of experience?", type=QuestionType.SINGLE_CHOICE,
                     choices=EXPERIENCE, dimension=Dimension.EXPERIENCE, position=1),
            Question(edition=made, key="background", label="Your background?", type=QuestionType.SINGLE_CHOICE,
                     choices=BACKGROUNDS, dimension=Dimension.BACKGROUND, position=2),
            Question(edition=made, key="ecosystems", label="Which ecosystems?", type=QuestionType.MULTIPLE_CHOICE,
                     choices=["Digital", "Health", "Tourism"], dimension=Dimension.ECOSYSTEM, position=3),
            Question(edition=made, key="motivation", label="Why?", type=QuestionType.LONG_TEXT, position=4),
        ]
    )  # fmt: skip
    made.selection_reviewer = factories.with_role(Role.REVIEWER, made)
    return made


def application(
    edition,
    *,
    total=None,
    country="DE",
    organisation=None,
    experience="3–5 years",
    background="Business / management",
    ecosystems=("Digital",),
    status=Status.SUBMITTED,
    eligible=True,
    name=None,
):
    """A submitted application; with `total`, the edition's reviewer has submitted a review of it."""
    n = next(_n)
    person = factories.user(f"selection-applicant{n}@example.org", full_name=name or f"Candidate Number{n}")
    org = organisation or factories.organisation(country=country, name=f"Selection Cluster {n}")
    answers = {"years": experience, "background": background, "ecosystems": list(ecosystems), "motivation": "Yes."}
    app = Application.objects.create(
        edition=edition,
        applicant=person,
        organisation=org,
        status=status,
        is_eligible=eligible,
        answers={**answers, "years": "draft answer, never submitted"},
        submitted_at=SUBMITTED,
    )
    SubmittedVersion.objects.create(application=app, number=1, answers=answers, submitted_at=SUBMITTED)
    if total is not None:
        review(edition, app, total)
    return app


def review(edition, app, total):
    assignment = Assignment.objects.create(edition=edition, reviewer=edition.selection_reviewer, application=app)
    return Review.objects.create(assignment=assignment, total=total, submitted_at=SUBMITTED + dt.timedelta(days=3))


def pool(edition, rows):
    """Applications from (total, country, experience) rows, in order."""
    return [application(edition, total=total, country=country, experience=exp) for total, country, exp in rows]


def small_edition():
    """An edition for a cohort of 2 to 4 with the six applicants of ROWS (as `edition.apps`, in order)."""
    made = edition(min_participants=2, max_participants=4)
    made.apps = pool(made, ROWS)
    return made
