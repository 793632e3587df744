"""Next edition: surveys (their questions, unopened and without answers), homework briefs with their due
dates a year later (no reviewing coach, no attachments: those files belong to one edition) and the info
pack's texts (not marked as sent). Hand-ins, feedback, needs and survey answers never carry over."""

from academy.editions.cloning import part

from .models import HomeworkAssignment, InfoPack, Survey, SurveyQuestion

SURVEY_FIELDS = ["title", "intro", "part", "session_label", "anonymous"]
QUESTION_FIELDS = ["kind", "label", "help_text", "choices", "required", "position"]
INFO_FIELDS = ["venue", "address", "map_link", "hotels", "transport", "catering", "what_to_bring"]


@part("participation.surveys", after=["programme.sessions"])
def surveys(source, target, clone):
    questions = []
    originals = list(Survey.objects.filter(edition=source).prefetch_related("questions").order_by("created_at", "pk"))
    for original in originals:
        survey = Survey.objects.create(edition=target, **{name: getattr(original, name) for name in SURVEY_FIELDS})
        questions += [
            SurveyQuestion(survey=survey, **{name: getattr(q, name) for name in QUESTION_FIELDS})
            for q in original.questions.all()
        ]
    SurveyQuestion.objects.bulk_create(questions)
    return len(originals)


@part("participation.homework", after=["programme.sessions"])
def homework(source, target, clone):
    rows = [
        HomeworkAssignment(
            edition=target,
            title=a.title,
            brief=a.brief,
            due_date=clone.date(a.due_date),
            late_until=clone.date(a.late_until),
        )
        for a in HomeworkAssignment.objects.filter(edition=source)
    ]
    return len(HomeworkAssignment.objects.bulk_create(rows))


@part("participation.info_pack")
def info_pack(source, target, clone):
    pack = InfoPack.objects.filter(edition=source).first()
    if pack is None:
        return 0
    InfoPack.objects.create(edition=target, **{name: getattr(pack, name) for name in INFO_FIELDS})
    return 1
