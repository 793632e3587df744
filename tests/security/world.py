"""A realistic world for the authorisation matrix: two editions, each with every kind of object a URL can
name, and one person per role. Edition A is the one every URL is asked about; edition B has the same
objects, so that a URL filled with B's objects under A's slug shows whether a view checks the edition.

Private text carries markers (``MARKERS``): a response to someone outside a marker's audience that
contains it is a leak, whatever its status code."""

import dataclasses
import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from academy.accounts.models import Role
from academy.accounts.services import create_api_token, grant_role
from academy.applications.models import (
    Application,
    EligibilityOverride,
    EligibilityRule,
    Question,
    QuestionType,
    Status,
    SubmittedVersion,
)
from academy.applications.status import change_status
from academy.community.models import CommunitySettings, DirectoryEntry, FollowUpAnswer, GroupMember, PeerGroup
from academy.completion.models import Certificate, CompletionException, IssueRun
from academy.mail.models import OutboxMessage, SendBatch, State
from academy.mail.purposes import EDITABLE
from academy.participation.models import (
    AssignmentAttachment,
    HandIn,
    HomeworkAssignment,
    InfoPack,
    ParticipantNeeds,
    QuestionKind,
    Survey,
    SurveyQuestion,
    SurveyRespondent,
    SurveyResponse,
)
from academy.programme.models import Attendance, CalendarToken, Coach, Part, Session
from academy.registry.models import EligibleCountry
from academy.reviews.models import Assignment as ReviewAssignment
from academy.reviews.models import Conflict, ConflictKind, Review, Reviewer
from academy.reviews.services import install_default_rubric
from academy.selection.models import Offer, SelectionRun
from tests import factories
from tests.selection import offer_builders

ANON = "anonymous"
APPLICANT = "applicant"
OTHER_APPLICANT = "other-applicant"
REVIEWER = "reviewer"
CONFLICTED = "conflicted-reviewer"
COACH = "coach"
PARTICIPANT = "participant"
ORGANISER = "organiser"
OTHER_ORGANISER = "organiser-of-B"
ADMIN = "admin"
ROLES = (ANON, APPLICANT, OTHER_APPLICANT, REVIEWER, CONFLICTED, COACH, PARTICIPANT, ORGANISER, OTHER_ORGANISER, ADMIN)

# marker → who may ever read it (besides nobody)
MARKERS = {
    "MARKER-APPLICATION-ANSWER": {APPLICANT, REVIEWER, ORGANISER, ADMIN},
    "MARKER-REVIEW-COMMENT": {REVIEWER, ORGANISER, ADMIN},
    "MARKER-HAND-IN-TEXT": {PARTICIPANT, COACH, ORGANISER, ADMIN},
    "MARKER-ACCESSIBILITY-NEED": {PARTICIPANT, ORGANISER, ADMIN},
    "marker-video-link": {PARTICIPANT, COACH, ORGANISER, ADMIN},
    "MARKER-MAIL-BODY": {APPLICANT, ORGANISER, ADMIN},
    "MARKER-DIRECTORY-PHONE": {PARTICIPANT, COACH, ORGANISER, ADMIN},  # shared with the cohort and its team
    "MARKER-ALUMNI-STORY": {PARTICIPANT, ORGANISER, ADMIN},
    "MARKER-EXCEPTION-REASON": {PARTICIPANT, ORGANISER, ADMIN},  # in the participant's own data download
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@dataclasses.dataclass
class World:
    users: dict  # role → User (no entry for anonymous)
    tokens: dict  # role → raw API token
    objects: dict  # "A" / "B" → {object name → URL argument value}
    editions: dict  # "A" / "B" → Edition


def _marked(text, edition_key):
    """Markers in edition A only: B's objects hold the same text without them."""
    return text if edition_key == "A" else text.replace("MARKER-", "b-").replace("marker-", "b-")


def build_edition(key, people):
    """Every object of one edition, owned by `people` (role → user); returns (edition, objects)."""
    edition = factories.edition()
    organiser, applicant, participant = people[ORGANISER], people[APPLICANT], people[PARTICIPANT]
    reviewer, conflicted, coach_user = people[REVIEWER], people[CONFLICTED], people[COACH]
    grant_role(organiser, edition, Role.ORGANISER)
    for person in (reviewer, conflicted):
        grant_role(person, edition, Role.REVIEWER)
    grant_role(coach_user, edition, Role.COACH)

    # the application form and the applicant's submitted application, with a file and a receipt
    questions = [
        Question.objects.create(edition=edition, key="motivation", label="Why?", type=QuestionType.LONG_TEXT),
        Question.objects.create(edition=edition, key="cv", label="CV", type=QuestionType.FILE, required=False),
    ]
    cv_path = default_storage.save(f"applications/{edition.slug}/cv.pdf", ContentFile(PDF))
    answers = {
        "motivation": _marked("MARKER-APPLICATION-ANSWER: our members need services.", key),
        "cv": {"path": cv_path, "name": "cv.pdf", "size": len(PDF)},
    }
    org = factories.organisation(country="PT")
    factories.registered(applicant.email, organisation_=org)
    # inside the call, as a real submission is (dated now, the dashboard's chart of submissions per day would run
    # from the edition's call to today)
    submitted_at = dt.datetime.combine(edition.application_deadline, dt.time(12), tzinfo=edition.zone)
    application = Application.objects.create(
        edition=edition,
        applicant=applicant,
        organisation=org,
        status=Status.SUBMITTED,
        is_eligible=True,
        answers=answers,
        submitted_at=submitted_at,
    )
    receipt = default_storage.save(
        f"receipts/{edition.slug}/receipt.pdf", ContentFile(PDF)
    )  # rendering is tested elsewhere
    version = SubmittedVersion.objects.create(
        application=application, number=1, answers=answers, submitted_at=submitted_at, receipt_pdf=receipt
    )
    Application.objects.create(edition=edition, applicant=people[OTHER_APPLICANT], answers={"motivation": "mine"})
    override = EligibilityOverride.objects.create(
        edition=edition, person=people[OTHER_APPLICANT], rule=EligibilityRule.COUNTRY, reason="Association pending."
    )

    # review: rubric, an assigned reviewer with a review, an assigned reviewer who declared a conflict
    install_default_rubric(edition)
    assigned = ReviewAssignment.objects.create(edition=edition, reviewer=reviewer, application=application)
    Review.objects.create(assignment=assigned, scores={}, comment=_marked("MARKER-REVIEW-COMMENT", key))
    ReviewAssignment.objects.create(edition=edition, reviewer=conflicted, application=application)
    conflict = Conflict.objects.create(
        edition=edition, reviewer=conflicted, kind=ConflictKind.APPLICATION, application=application, reason="Friend."
    )
    invitation_token = f"invitation-{key}-{reviewer.pk}"
    Reviewer.objects.create(
        edition=edition, email=reviewer.email, token_hash=Reviewer.hash(invitation_token), invited_at=timezone.now()
    )

    # the confirmed participant, the programme, attendance and the calendar address
    cohort = Application.objects.create(
        edition=edition, applicant=participant, status=Status.CONFIRMED, answers={}, is_eligible=True
    )
    coach = Coach.objects.create(edition=edition, user=coach_user, name="Carla Coach", email=coach_user.email)
    coach.photo.save("photo.png", ContentFile(_png()))
    day = edition.online_start
    session = Session.objects.create(
        edition=edition,
        title="Strategy",
        part=Part.ONLINE,
        starts_at=dt.datetime.combine(day, dt.time(9), tzinfo=edition.zone),
        ends_at=dt.datetime.combine(day, dt.time(10), tzinfo=edition.zone),
        video_link=f"https://meet.example/{_marked('marker-video-link', key)}",
    )
    session.coaches.add(coach)
    Attendance.objects.create(session=session, application=cohort, present=True)
    calendar = CalendarToken.objects.create(user=participant, edition=edition, token=f"calendar-{key}-{participant.pk}")

    # homework, its attachment, the participant's hand-in; the info pack and needs; a survey
    homework = HomeworkAssignment.objects.create(
        edition=edition,
        title="Map",
        brief="List.",
        due_date=timezone.localdate() + dt.timedelta(days=30),
        reviewer=coach_user,
    )
    attachment = AssignmentAttachment.objects.create(
        assignment=homework,
        file=default_storage.save(f"participation/{edition.slug}/brief.pdf", ContentFile(PDF)),
        original_name="brief.pdf",
        kind="pdf",
        size=len(PDF),
    )
    now = timezone.now()
    hand_in = HandIn.objects.create(
        assignment=homework,
        application=cohort,
        text=_marked("MARKER-HAND-IN-TEXT", key),
        file=default_storage.save(f"participation/{edition.slug}/hand-in.pdf", ContentFile(PDF)),
        original_name="hand-in.pdf",
        kind="pdf",
        size=len(PDF),
        submitted_at=now,
        first_submitted_at=now,
    )
    InfoPack.objects.create(edition=edition, venue="Venue", address="1 Street")
    ParticipantNeeds.objects.create(application=cohort, accessibility=_marked("MARKER-ACCESSIBILITY-NEED", key))
    survey = Survey.objects.create(edition=edition, title="Online days", opens_at=now - dt.timedelta(days=1))
    survey_question = SurveyQuestion.objects.create(survey=survey, kind=QuestionKind.RATING, label="Useful?")
    SurveyResponse.objects.create(survey=survey, application=cohort, answers={str(survey_question.pk): 4})
    SurveyRespondent.objects.create(survey=survey, application=cohort)

    # mail: a draft decision to the applicant, sent in a batch
    batch = SendBatch.objects.create(edition=edition, created_by=organiser, size=1)
    message = OutboxMessage.objects.create(
        edition=edition,
        purpose="message",
        to_email=applicant.email,
        to_user=applicant,
        subject="News",
        body=_marked("MARKER-MAIL-BODY", key),
        message_id=f"<matrix-{key}@academy.test>",
        state=State.SENT,
        sent_at=now,
        batch=batch,
    )
    objects = {
        **_later_stages(key, edition, people, application, cohort),
        "edition": edition.slug,
        "application": application.pk,
        "version": version.number,
        "question": questions[0].pk,
        "question_key": "motivation",
        "file_key": "cv",
        "override": override.pk,
        "country": EligibleCountry.objects.filter(edition=edition).first().pk,
        "criterion": edition.criteria.first().pk,
        "review_assignment": assigned.pk,
        "conflict": conflict.pk,
        "invitation": invitation_token,
        "session": session.pk,
        "coach": coach.pk,
        "calendar": calendar.token,
        "homework": homework.pk,
        "attachment": attachment.pk,
        "hand_in": hand_in.pk,
        "survey": survey.pk,
        "survey_question": survey_question.pk,
        "message": message.pk,
        "batch": batch.pk,
        "purpose": EDITABLE[0].key,
        "export_format": "csv",
    }
    return edition, objects


def _later_stages(key, edition, people, application, cohort):
    """Selection (a finished run, an offer to the applicant), community (a published peer group, a directory
    entry, an alumni answer) and completion (an exception, a certificate, a bulk-issue run)."""
    now = timezone.now()
    application.score, application.dims = 3.0, {}
    # a different run number in B, so that B's run under A's slug is a different address
    run = offer_builders.run(edition, [application], number=1 if key == "A" else 2)
    # adopted by someone whose account is since deleted (no adopter, as after privacy:delete)
    SelectionRun.objects.filter(pk=run.pk).update(adopted_at=now)
    change_status(application, Status.OFFERED, by=people[ORGANISER], reason="matrix")
    Offer.objects.create(
        application=application,
        run=run,
        offered_at=now,
        respond_by=now + dt.timedelta(days=7),
    )
    CommunitySettings.objects.create(edition=edition, groups_formed_at=now, groups_published_at=now)
    group = PeerGroup.objects.create(edition=edition, number=1)
    GroupMember.objects.create(group=group, application=cohort)
    DirectoryEntry.objects.create(
        application=cohort, consented_at=now, bio="Clusters.", phone=_marked("MARKER-DIRECTORY-PHONE", key)
    )
    FollowUpAnswer.objects.create(
        application=cohort,
        trainings_given=2,
        people_reached=40,
        services_launched=1,
        story=_marked("MARKER-ALUMNI-STORY", key),
    )
    CompletionException.objects.create(
        application=cohort, reason=_marked("MARKER-EXCEPTION-REASON", key), granted_by=people[ORGANISER]
    )
    certificate = Certificate.objects.create(
        edition=edition,
        application=cohort,
        code=f"verify-{key}-{cohort.pk}",
        name="Participant",
        hours=12,
        by_exception=True,
        pdf=default_storage.save(f"certificates/{edition.slug}/certificate.pdf", ContentFile(PDF)),
    )
    issue_run = IssueRun.objects.create(
        edition=edition,
        created_by=people[ORGANISER],
        application_ids=[cohort.pk],
        total=1,
        done=1,
        issued=1,
        finished_at=now,
    )
    return {
        "selection_run": run.number,
        "participant_application": cohort.pk,
        "certificate": certificate.pk,
        "certificate_code": certificate.code,
        "issue_run": issue_run.pk,
    }


def build():
    """Edition A with its people, edition B with its own, a platform admin; API tokens for everyone."""
    names = {role: f"{role}@matrix.example" for role in ROLES if role not in (ANON, OTHER_ORGANISER)}
    users = {role: factories.user(email, full_name=role.title()) for role, email in names.items()}
    edition_a, objects_a = build_edition("A", users)
    people_b = {role: factories.user(f"b-{role}@matrix.example", full_name=f"B {role}") for role in names}
    users[OTHER_ORGANISER] = people_b[ORGANISER]
    edition_b, objects_b = build_edition("B", people_b)
    users[ADMIN].is_staff = users[ADMIN].is_superuser = True
    users[ADMIN].save()
    tokens = {role: create_api_token(user) for role, user in users.items()}
    return World(
        users=users,
        tokens=tokens,
        objects={"A": objects_a, "B": objects_b},
        editions={"A": edition_a, "B": edition_b},
    )
