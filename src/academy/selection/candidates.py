"""An edition's selection instance from the database, in the JSON format of `selection.instance`.

The candidates are the edition's eligible, submitted (not withdrawn) applications that have at least
one submitted review: `score` is their normalised review score (`reviews.board.aggregate`), `country`
and `organisation` come from the registry organisation, `dimensions` from the answers (the latest
submitted version) to the questions of the form tagged with a diversity dimension, and `lock` from
the organisers' locks. An applicant who declined an offer, or let it expire, is locked out: they
said no. Every function here takes a constant number of queries, however many applications there are.
"""

from dataclasses import dataclass, field

from academy.applications.models import Dimension, Question, QuestionType, Status
from academy.applications.queries import current_answers
from academy.reviews.board import aggregate
from academy.reviews.conflicts import in_scope

from .models import SelectionLock, SelectionRules

# The instance's dimension names for the questions' tags (a multiple choice gives a list of values).
DIMENSIONS = {Dimension.EXPERIENCE: "experience", Dimension.BACKGROUND: "background", Dimension.ECOSYSTEM: "ecosystems"}
DIMENSION_LABELS = {name: Dimension(tag).label for tag, name in DIMENSIONS.items()}
DEFAULT_RULES = [{"rule": "country_cap", "limit": 3}, {"rule": "organisation_cap", "limit": 1}]
SAID_NO = {Status.DECLINED, Status.EXPIRED}
SCORE_DIGITS = 6


@dataclass
class TaggedQuestion:
    name: str  # the dimension's name in the instance
    key: str  # the question's key in the answers
    label: str
    choices: list
    multiple: bool


@dataclass
class Pool:
    """The candidates (instance JSON), their applications by id, and what was left out."""

    candidates: list = field(default_factory=list)
    applications: dict = field(default_factory=dict)
    unreviewed: int = 0
    locks: dict = field(default_factory=dict)  # application id -> the organisers' lock ("in" or "out")
    dimensions: dict = field(default_factory=dict)  # name -> TaggedQuestion


def tagged_questions(edition):
    """{dimension name: TaggedQuestion} for the first question of the form carrying each tag: one query."""
    found = {}
    for question in Question.objects.filter(edition=edition).exclude(dimension="").order_by("position", "pk"):
        name = DIMENSIONS.get(question.dimension)
        if name and name not in found:
            found[name] = TaggedQuestion(
                name,
                question.key,
                question.label,
                [str(choice) for choice in question.choices or []],
                question.type == QuestionType.MULTIPLE_CHOICE,
            )
    return found


def rules_of(edition):
    """The edition's SelectionRules row, or unsaved defaults (country cap 3, organisation cap 1)."""
    saved = SelectionRules.objects.filter(edition=edition).first()
    return saved or SelectionRules(edition=edition, rules=[dict(rule) for rule in DEFAULT_RULES])


def pool(edition):
    """The edition's candidates: five queries (questions, applications, locks, review setup, reviews)."""
    questions = tagged_questions(edition)
    applications = list(
        in_scope(edition)
        .select_related("applicant", "organisation")
        .defer("answers", "eligibility_reasons", "field_revisions")
        .annotate(current=current_answers())
        .order_by("pk")
    )
    locks = dict(SelectionLock.objects.filter(application__edition=edition).values_list("application_id", "lock"))
    scores = aggregate(edition).applications
    result = Pool(dimensions=questions, locks=locks)
    for application in applications:
        stats = scores.get(application.pk)
        if stats is None:
            result.unreviewed += 1
            continue
        organisation = application.organisation
        lock = "out" if application.status in SAID_NO else locks.get(application.pk)
        result.candidates.append(
            {
                "id": application.pk,
                "score": round(stats.normalised, SCORE_DIGITS),
                "country": organisation.country.code if organisation else None,
                "organisation": application.organisation_id,
                "dimensions": _dimensions(application.current or {}, questions),
                "lock": lock,
            }
        )
        result.applications[application.pk] = application
    return result


def _dimensions(answers, questions):
    dimensions = {}
    for name, question in questions.items():
        value = answers.get(question.key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            dimensions[name] = [str(v) for v in value]
        else:
            dimensions[name] = str(value)
    return dimensions


def instance_json(edition, rules, candidates=None):
    """The instance JSON of an edition with the given rules (a list of rule objects); not yet validated."""
    if candidates is None:
        candidates = pool(edition).candidates
    return {
        "min_size": edition.min_participants,
        "max_size": edition.max_participants,
        "rules": list(rules),
        "candidates": candidates,
    }
