"""Offers tests build their own run: factory applications, an instance made from them, solved here."""

import itertools

from django.utils import timezone

from academy.applications.models import Application, Question, QuestionType, Status
from academy.selection.explain import explain
from academy.selection.instance import Instance
from academy.selection.models import SelectionRun
from academy.selection.offers import adopt
from academy.selection.solver import solve
from tests import factories

_numbers = itertools.count(1)
COMMITMENTS = [
    ("commit_attend", "I commit to attend all 4 training days (2 online, 2 in person)."),
    ("commit_camera", "I commit to turn on my camera during the online days."),
]


def edition(*, seats=(1, 3), **fields):
    created = factories.edition(min_participants=seats[0], max_participants=seats[1], **fields)
    for position, (key, label) in enumerate(COMMITMENTS):
        Question.objects.create(edition=created, key=key, label=label, type=QuestionType.COMMITMENT, position=position)
    return created


def applicant(edition_, name, country="DE", **fields):
    person = factories.user(full_name=name)
    defaults = {"status": Status.SUBMITTED, "is_eligible": True, "submitted_at": timezone.now()}
    organisation = factories.organisation(country=country)
    return Application.objects.create(
        edition=edition_, applicant=person, organisation=organisation, **defaults | fields
    )


def pool(edition_, rows):
    """rows: (name, country, score[, dimensions]) → {name: application}, with each one's score kept."""
    made = {}
    for row in rows:
        name, country, score, *dims = row
        application = applicant(edition_, name, country)
        application.score, application.dims = score, (dims[0] if dims else {})
        made[name] = application
    return made


def run(edition_, applications, rules=(), *, seed=0, number=None):
    """A finished SelectionRun of these applications (a dict or list) solved with `rules`."""
    apps = list(applications.values()) if isinstance(applications, dict) else list(applications)
    data = {
        "min_size": edition_.min_participants,
        "max_size": edition_.max_participants,
        "rules": list(rules),
        "candidates": [
            {
                "id": a.pk,
                "score": a.score,
                "country": a.organisation.country.code,
                "organisation": a.organisation_id,
                "dimensions": a.dims,
                "lock": None,
            }
            for a in apps
        ],
    }
    instance = Instance.from_json(data)
    result = solve(instance, seed=seed)
    reasons = {str(k): v.to_json() for k, v in explain(instance, result).items()}
    return SelectionRun.objects.create(
        edition=edition_,
        number=number or next(_numbers),
        seed=seed,
        rules=list(rules),
        instance=data,
        result=result.to_json(),
        explanations=reasons,
        state=SelectionRun.State.DONE,
        status=result.status,
        objective=result.objective,
        finished_at=timezone.now(),
    )


def adopted(edition_, applications, rules=(), *, by=None, now=None, seed=0):
    selection_run = run(edition_, applications, rules, seed=seed)
    adopt(selection_run, by=by or factories.with_role("organiser", edition_), now=now)
    selection_run.refresh_from_db()
    return selection_run


def two_seats_three_applicants():
    """Ada (DE) and Bo (SE) offered the two seats of a fresh edition, Cy (IT) first on the waitlist."""
    edition_ = edition(seats=(1, 2))
    people = pool(edition_, [("Ada Lovelace", "DE", 3.0), ("Bo Berg", "SE", 2.0), ("Cy Conte", "IT", 1.0)])
    adopted(edition_, people)
    return edition_, people


def status(application):
    application.refresh_from_db()
    return application.status
