"""The standard application form from the 2022 call: what the demo editions use, and what an organiser
can start from with one button. The organisation is not a question: it comes from the registry."""

from django.db import transaction

from academy.accounts.services import record
from academy.registry.models import Ecosystem

from .models import Dimension, Question, QuestionType

T = QuestionType
EXPERIENCE_BANDS = ["Under 3 years", "3–5 years", "6–10 years", "Over 10 years"]
# How long answers are kept is not typed here: the form adds it from the edition's retention setting.
CONSENT_HELP = "Your answers are seen by the organisers and the reviewers of this edition only."
BACKGROUNDS = [
    "Business / management",
    "Engineering / science",
    "Economics / policy",
    "Communication / marketing",
    "Other",
]


def questions(ecosystem_names):
    """The standard questions as dicts of Question fields, in order."""
    return [
        dict(
            key="experience",
            label="How many years of experience do you have in cluster management?",
            type=T.SINGLE_CHOICE,
            choices=EXPERIENCE_BANDS,
            dimension=Dimension.EXPERIENCE,
        ),
        dict(
            key="background",
            label="What is your professional background?",
            type=T.SINGLE_CHOICE,
            choices=BACKGROUNDS,
            dimension=Dimension.BACKGROUND,
        ),
        dict(
            key="ecosystems",
            label="Which industrial ecosystems does your cluster serve?",
            help_text="Tick every ecosystem your cluster's members work in.",
            type=T.MULTIPLE_CHOICE,
            choices=ecosystem_names,
            dimension=Dimension.ECOSYSTEM,
        ),
        dict(
            key="motivation",
            label="Why do you want to take part in the Cluster Booster Academy?",
            help_text="What would you like to learn, and how will your cluster and its SMEs benefit?",
            type=T.LONG_TEXT,
            max_length=2000,
        ),
        dict(
            key="expectations",
            label="What do you expect from the trainers and the other participants?",
            help_text="Topics you hope to cover, and what you can share with your peers.",
            type=T.LONG_TEXT,
            max_length=1500,
        ),
        dict(
            key="commit_attend",
            label="I commit to attend all 4 training days (2 online, 2 in person).",
            type=T.COMMITMENT,
        ),
        dict(
            key="commit_camera",
            label="I commit to turn on my camera during the online days.",
            type=T.COMMITMENT,
        ),
        dict(
            key="commit_homework",
            label="I commit to do the homework assigned between the online and the in-person days.",
            type=T.COMMITMENT,
        ),
        dict(
            key="privacy",
            label="I have read the privacy notice and agree that my data is processed to run the academy.",
            help_text=CONSENT_HELP,
            type=T.CONSENT,
        ),
    ]


@transaction.atomic
def install(edition, *, by=None):
    """Add the standard questions the edition does not have yet (by key); return how many were added."""
    names = list(Ecosystem.objects.order_by("name").values_list("name", flat=True))
    have = set(Question.objects.filter(edition=edition).values_list("key", flat=True))
    start = (
        Question.objects.filter(edition=edition).order_by("-position").values_list("position", flat=True).first()
    ) or 0
    rows = [
        Question(edition=edition, position=start + n, required=True, **spec)
        for n, spec in enumerate(questions(names), 1)
        if spec["key"] not in have
    ]
    Question.objects.bulk_create(rows)
    if rows and by is not None:
        record("form.standard_installed", actor=by, edition=edition, added=[q.key for q in rows])
    return len(rows)
