"""Demo participation for the 2022 edition: the Strasbourg info pack, two homework assignments reviewed by
the demo coach, and a feedback survey for each part. Hand-ins, feedback, needs and survey answers need a
confirmed cohort, which the selection demo makes: they are seeded only when there is one."""

import datetime as dt

from academy.applications.queries import participants

from .models import (
    Dietary,
    Feedback,
    HandIn,
    HomeworkAssignment,
    InfoPack,
    ParticipantNeeds,
    QuestionKind,
    Survey,
    SurveyPart,
    SurveyQuestion,
    SurveyRespondent,
    SurveyResponse,
)

TOPICS = ["Cluster strategy", "Services for SMEs", "Digital transition", "Green transition", "Internationalisation"]
SURVEYS = [
    (
        "How did the online days go?",
        SurveyPart.ONLINE,
        False,
        [
            (QuestionKind.RATING, "How useful were the online days for your work?", []),
            (QuestionKind.MULTIPLE, "Which topics helped you most?", TOPICS),
            (QuestionKind.SINGLE, "Did the cameras-on format work for you?", ["Yes", "Mostly", "No"]),
            (QuestionKind.TEXT, "What should we change for the in-person days?", []),
        ],
    ),
    (
        "Your feedback on Strasbourg",
        SurveyPart.IN_PERSON,
        True,
        [
            (QuestionKind.RATING, "How would you rate the in-person days overall?", []),
            (QuestionKind.RATING, "How would you rate the venue and the catering?", []),
            (QuestionKind.TEXT, "What will you pass on to your team first?", []),
        ],
    ),
]
COMMENTS = [
    "We mapped our members against the ecosystems and found two gaps in our service offer.",
    "Our board has agreed to pilot a matchmaking service for SMEs next quarter.",
    "I ran the exercise with my team; the results are in the attached slides.",
]


def _info_pack(edition):
    return InfoPack.objects.create(
        edition=edition,
        venue="University of Strasbourg, Collège Doctoral Européen",
        address="46 boulevard de la Victoire\n67000 Strasbourg\nFrance",
        map_link="https://www.openstreetmap.org/?mlat=48.5803&mlon=7.7633#map=17/48.5803/7.7633",
        hotels=(
            "Rooms are held until 1 February 2023 at three hotels within a ten-minute walk of the campus: "
            "Hôtel Esplanade (about €95 a night), Hôtel du Campus (about €80) and Hôtel Victoire (about €110). "
            "Mention “Cluster Booster Academy” when you book."
        ),
        transport=(
            "From Strasbourg railway station take tram C towards Neuhof and get off at Universités (about 15 "
            "minutes); trams run every 5 minutes. From Strasbourg-Entzheim airport, the shuttle train reaches the "
            "station in 9 minutes. Travel and accommodation are at your own cost."
        ),
        catering=(
            "Lunch, coffee breaks and drinks on both days are covered by the organisers. Tell us your dietary "
            "needs on your page so the caterer can plan."
        ),
        what_to_bring="A laptop with a charger, your homework, business cards, and an ID card or passport.",
    )


def _assignments(edition, coach):
    return [
        HomeworkAssignment.objects.create(
            edition=edition,
            title="Map your cluster's services",
            brief=(
                "List the services your cluster offers its SME members and place each against the customer "
                "journey discussed on day 1. Mark the two gaps you most want to close, and why."
            ),
            due_date=dt.date(2023, 1, 31),
            reviewer=coach,
        ),
        HomeworkAssignment.objects.create(
            edition=edition,
            title="A pilot with your members",
            brief=(
                "Choose one new service idea from the online days, test it with at least three members, and "
                "write one page on what you learned. Bring it to Strasbourg: we start day 3 from your pilots."
            ),
            due_date=dt.date(2023, 2, 20),
            late_until=dt.date(2023, 2, 27),
            reviewer=coach,
        ),
    ]


def _surveys(edition):
    made = []
    for (title, part, anonymous, questions), opens in zip(
        SURVEYS, [edition.online_end, edition.in_person_end], strict=True
    ):
        survey = Survey.objects.create(
            edition=edition,
            title=title,
            part=part,
            anonymous=anonymous,
            opens_at=edition.start_of(opens) + dt.timedelta(hours=17),
            closes_at=edition.end_of(opens + dt.timedelta(days=14)),
        )
        for position, (kind, label, choices) in enumerate(questions, start=1):
            SurveyQuestion.objects.create(survey=survey, kind=kind, label=label, choices=choices, position=position)
        made.append(survey)
    return made


def seed_cohort(ctx, edition, assignments, surveys):
    """Hand-ins, feedback, needs and survey answers for the confirmed participants of `edition`."""
    rng, coach = ctx.rng, assignments[0].reviewer
    cohort = list(participants(edition))
    diets = [Dietary.NONE] * 6 + [Dietary.VEGETARIAN] * 2 + [Dietary.VEGAN, Dietary.GLUTEN_FREE, Dietary.OTHER]
    for application in cohort:
        diet = rng.choice(diets)
        ParticipantNeeds.objects.create(
            application=application,
            dietary=diet,
            dietary_notes="No nuts, please." if diet == Dietary.OTHER else "",
            accessibility="Step-free access to the rooms." if rng.random() < 0.08 else "",
        )
        for assignment in assignments:
            if rng.random() < 0.15:
                continue  # some have not handed in: the matrix shows them missing
            when = assignment.due_at - dt.timedelta(days=rng.randint(0, 12), hours=rng.randint(1, 20))
            hand_in = HandIn.objects.create(
                assignment=assignment,
                application=application,
                text=rng.choice(COMMENTS),
                submitted_at=when,
                first_submitted_at=when,
                version=rng.randint(1, 3),
            )
            if assignment is assignments[0] and rng.random() < 0.7:
                Feedback.objects.create(
                    hand_in=hand_in,
                    coach=coach,
                    text="A clear map. For the gap you chose, who among your members could co-design the service?",
                    on_version=hand_in.version,
                    created_at=when + dt.timedelta(days=3),
                )
        for survey in surveys:
            if rng.random() < 0.25:
                continue
            SurveyRespondent.objects.create(survey=survey, application=application, answered_at=survey.opens_at)
            SurveyResponse.objects.create(
                survey=survey,
                application=None if survey.anonymous else application,
                answers=_answers(rng, survey),
                updated_at=None if survey.anonymous else survey.opens_at,
            )
    return len(cohort)


def _answers(rng, survey):
    answers = {}
    for q in survey.questions.all():
        if q.kind == QuestionKind.RATING:
            answers[q.key] = rng.choice([3, 4, 4, 5, 5])
        elif q.kind == QuestionKind.SINGLE:
            answers[q.key] = rng.choice(q.choices)
        elif q.kind == QuestionKind.MULTIPLE:
            answers[q.key] = [c for c in q.choices if rng.random() < 0.4] or [q.choices[0]]
        elif rng.random() < 0.6:
            answers[q.key] = rng.choice(["More time for peer exchange.", "Shorter sessions after lunch.", "All good."])
    return answers


def seed(ctx):
    edition = ctx.editions["2022"]
    _info_pack(edition)
    assignments = _assignments(edition, ctx.users["coach"])
    surveys = _surveys(edition)
    done = seed_cohort(ctx, edition, assignments, surveys)
    cohort = f"hand-ins and answers for {done} participants" if done else "no confirmed cohort yet"
    ctx.say(f"participation: info pack, {len(assignments)} assignments, {len(surveys)} surveys for cba-2022 ({cohort})")
