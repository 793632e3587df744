"""Participation: hand-ins, feedback, needs and survey answers of a participant. Rates stay (a hand-in
keeps its time, version and lateness; a survey response keeps its ratings and choices); what the
person wrote or uploaded goes, and needs (which may tell of health or belief) are deleted."""

from academy.core.personal_data import REMOVED, iso, remove_files, scrub, section

from .models import (
    Feedback,
    HandIn,
    HomeworkAssignment,
    ParticipantNeeds,
    QuestionKind,
    SurveyQuestion,
    SurveyRespondent,
    SurveyResponse,
)

data = section(
    "participation",
    label="Homework, needs and surveys",
    order=40,
    # HomeworkAssignment.reviewer names the reviewing coach: it keeps pointing at the anonymised account.
    models=[HomeworkAssignment, HandIn, Feedback, ParticipantNeeds, SurveyResponse, SurveyRespondent],
)


@data.export
def export(user):
    hand_ins = HandIn.objects.filter(application__applicant=user).select_related("assignment__edition")
    feedback = Feedback.objects.filter(hand_in__application__applicant=user)
    by_hand_in = {}
    for f in feedback.order_by("created_at"):
        by_hand_in.setdefault(f.hand_in_id, []).append({"at": iso(f.created_at), "text": f.text})
    responses = SurveyResponse.objects.filter(application__applicant=user).select_related("survey__edition")
    labels = {str(q.pk): q.label for q in SurveyQuestion.objects.filter(survey__in=[r.survey_id for r in responses])}
    needs = ParticipantNeeds.objects.filter(application__applicant=user).select_related("application__edition")
    return {
        "hand_ins": [
            {
                "edition": h.assignment.edition.name,
                "assignment": h.assignment.title,
                "text": h.text,
                "file": h.original_name or None,
                "version": h.version,
                "submitted_at": iso(h.submitted_at),
                "feedback_received": by_hand_in.get(h.pk, []),
            }
            for h in hand_ins
        ],
        "feedback_written": [
            {"assignment": f.hand_in.assignment.title, "at": iso(f.created_at), "text": f.text}
            for f in Feedback.objects.filter(coach=user).select_related("hand_in__assignment")
        ],
        "needs": [
            {
                "edition": n.application.edition.name,
                "dietary": n.dietary,
                "dietary_details": n.dietary_notes,
                "accessibility": n.accessibility,
            }
            for n in needs
        ],
        "survey_answers": [
            {
                "edition": r.survey.edition.name,
                "survey": r.survey.title,
                "answers": [{"question": labels.get(k, k), "answer": v} for k, v in r.answers.items()],
            }
            for r in responses
        ],
        "surveys_answered": [
            {"survey": s.survey.title, "at": iso(s.answered_at)}
            for s in SurveyRespondent.objects.filter(application__applicant=user).select_related("survey")
        ],
    }


def _clear(hand_ins, responses, needs):
    remove_files([h.file.name for h in hand_ins if h.file])
    hand_ins.update(text=REMOVED, file="", original_name="", kind="", size=0)
    Feedback.objects.filter(hand_in__in=hand_ins).delete()
    needs.delete()
    text_questions = {
        str(pk) for pk in SurveyQuestion.objects.filter(kind=QuestionKind.TEXT).values_list("pk", flat=True)
    }
    for response in responses:
        kept = {k: v for k, v in response.answers.items() if k not in text_questions}
        if kept != response.answers:
            SurveyResponse.objects.filter(pk=response.pk).update(answers=kept)


@data.erase
def erase(subject):
    user = subject.user
    _clear(
        HandIn.objects.filter(application__applicant=user),
        SurveyResponse.objects.filter(application__applicant=user),
        ParticipantNeeds.objects.filter(application__applicant=user),
    )
    # Feedback the person wrote as a coach belongs to the participant too: it stays, without their name.
    if subject.needles:
        for f in Feedback.objects.filter(coach=user):
            cleaned = scrub(f.text, subject.needles)
            if cleaned != f.text:
                Feedback.objects.filter(pk=f.pk).update(text=cleaned)


@data.purge
def purge(applications):
    _clear(
        HandIn.objects.filter(application__in=applications),
        SurveyResponse.objects.filter(application__in=applications),
        ParticipantNeeds.objects.filter(application__in=applications),
    )
