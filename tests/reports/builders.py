"""An edition with everything in it, for the dashboard and the clone: the standard form, a rubric, review
settings, selection rules, a mail template, sessions with coaches, homework, a survey, an info pack, and
`n` applications that go through every stage (drafts, submitted, reviewed, offered, confirmed, attended,
handed in, answered), with the mails and overrides that come with people."""

import datetime as dt
import itertools

from academy.accounts.models import Role
from academy.applications import standard_form
from academy.applications.models import Application, EligibilityOverride, EligibilityRule, Status, SubmittedVersion
from academy.mail.models import MailTemplate, OutboxMessage
from academy.participation.models import HandIn, InfoPack, SurveyRespondent, SurveyResponse
from academy.programme.models import Attendance, Part
from academy.registry.models import Ecosystem
from academy.reviews.models import Assignment, Review, ReviewSetup
from academy.reviews.services import install_default_rubric
from academy.selection.models import Offer, SelectionRules
from tests import factories
from tests.participation import helpers as participation
from tests.programme import factories as programme

COUNTRIES = ["PT", "DE", "FR", "PL", "SE"]
EXPERIENCE = standard_form.EXPERIENCE_BANDS
BACKGROUNDS = standard_form.BACKGROUNDS
# Status of application i, in a cycle: drafts, a withdrawn one, submitted ones and a cohort.
CYCLE = [
    Status.DRAFT,
    Status.DRAFT,
    Status.WITHDRAWN,
    Status.SUBMITTED,
    Status.NOT_SELECTED,
    Status.WAITLISTED,
    Status.OFFERED,
    Status.DECLINED,
    Status.CONFIRMED,
    Status.CONFIRMED,
]
_n = itertools.count(1)


def structure(edition):
    """The set-up an organiser makes: everything a clone copies. Returns the coach."""
    standard_form.install(edition)
    install_default_rubric(edition)
    ReviewSetup.objects.create(edition=edition, reviewers_per_application=3, blind=True, max_load=25)
    SelectionRules.objects.create(
        edition=edition,
        rules=[{"rule": "country_cap", "limit": 3}, {"rule": "coverage", "dimension": "ecosystems", "at_least": 5}],
        respond_days=10,
    )
    MailTemplate.objects.create(edition=edition, purpose="receipt", subject="We have it", body="Thanks {{ name }}")
    coach = programme.coach(edition, email=f"coach{next(_n)}@example.org")
    for day, part, start in [
        (edition.online_start, Part.ONLINE, dt.time(9)),
        (edition.online_end, Part.ONLINE, dt.time(14)),
        (edition.in_person_start, Part.IN_PERSON, dt.time(9, 30)),
    ]:
        session = programme.session(edition, part=part, day=day, start=start, end=dt.time(17))
        session.coaches.add(coach)
    participation.assignment(edition, due=edition.online_end + dt.timedelta(days=30), reviewer=coach.user)
    participation.survey(edition, title="Online days", opens_at=factories_now(edition))
    InfoPack.objects.create(edition=edition, venue="Palais", address="1 Place", hotels="Hotel A", sent_at=None)
    return coach


def factories_now(edition):
    return edition.start_of(edition.online_end + dt.timedelta(days=1))


def people(edition, n, *, reviewer=None):
    """`n` applications through every stage, with reviews, offers, attendance, hand-ins, survey answers and mails."""
    reviewer = reviewer or factories.with_role(Role.REVIEWER, edition, email=f"reviewer{next(_n)}@example.org")
    ecosystems = list(Ecosystem.objects.order_by("slug")[:4])
    sessions = list(edition.sessions.all())
    homework = edition.assignments.first()
    survey = edition.surveys.first()
    rating = survey.questions.get(kind="rating") if survey else None
    apps = []
    for i in range(n):
        status = CYCLE[i % len(CYCLE)]
        k = next(_n)
        person = factories.user(f"applicant{k}@example.org", full_name=f"Applicant {k}")
        org = factories.organisation(country=COUNTRIES[i % len(COUNTRIES)], name=f"Cluster {k}")
        org.ecosystems.set(ecosystems[i % 2 : i % 2 + 2])
        answers = {"experience": EXPERIENCE[i % len(EXPERIENCE)], "background": BACKGROUNDS[i % len(BACKGROUNDS)]}
        submitted = status != Status.DRAFT
        when = edition.start_of(edition.call_opens + dt.timedelta(days=i % 20)) + dt.timedelta(hours=10)
        app = Application.objects.create(
            edition=edition,
            applicant=person,
            organisation=org,
            status=status,
            answers=answers,
            revision=1 + i % 3 if status == Status.DRAFT and i % 2 else 0,
            is_eligible=i % 7 != 3,
            submitted_at=when if submitted else None,
        )
        apps.append(app)
        if submitted:
            SubmittedVersion.objects.create(application=app, number=1, answers=answers, submitted_at=when)
            assignment = Assignment.objects.create(edition=edition, reviewer=reviewer, application=app)
            if i % 4 != 0:
                Review.objects.create(assignment=assignment, total=50 + i % 40, submitted_at=when)
        if status in (Status.OFFERED, Status.DECLINED, Status.CONFIRMED):
            Offer.objects.create(application=app, offered_at=when, respond_by=when + dt.timedelta(days=7))
        if status == Status.CONFIRMED:
            for session in sessions[: 1 + i % len(sessions)]:
                Attendance.objects.create(session=session, application=app, present=True)
            if homework is not None and i % 3:
                HandIn.objects.create(
                    assignment=homework, application=app, text="Done", submitted_at=when, first_submitted_at=when
                )
            if survey is not None:
                SurveyResponse.objects.create(survey=survey, application=app, answers={rating.key: 1 + i % 5})
                SurveyRespondent.objects.create(survey=survey, application=app)
        OutboxMessage.objects.create(
            edition=edition, purpose="receipt", to_email=person.email, to_user=person, subject="S", body="B",
            message_id=f"<m{k}@test>",
        )  # fmt: skip
    EligibilityOverride.objects.create(
        edition=edition, person=apps[0].applicant, rule=EligibilityRule.COUNTRY, reason="Moved to Portugal"
    )
    return apps
