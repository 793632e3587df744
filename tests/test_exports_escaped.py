"""Every CSV/XLSX download of the project, found from the URL resolver, keeps formulas out of spreadsheets.

A new export view is found by its address (ending in .csv, .xlsx or .<fmt>) or its name (ending in _csv, _xlsx),
so it cannot escape this test: the data below fills every text a person can type with a formula, each export is
downloaded as an organiser of the edition (who also reviews, for the reviewer's own export), and no cell may begin
with =, +, -, @, tab or carriage return unless it is a number."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.community.models import FollowUpAnswer
from academy.participation import homework, surveys
from academy.programme.models import Attendance
from academy.reviews.models import Assignment, Review
from academy.selection.models import Offer
from tests import factories
from tests.http import body
from tests.participation import helpers
from tests.programme import factories as pf
from tests.reviews import builders

pytestmark = pytest.mark.django_db
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")
EVIL = ["=cmd|' /C calc'!A0", "+1+cmd", "-1+cmd", "@SUM(1+1)*cmd", '=HYPERLINK("http://evil.example","x")']


def exports():
    """(namespaced name, route) of every tabular download in the project."""

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                by_route = route.endswith((".csv", ".xlsx", ".<str:fmt>", ".<slug:fmt>"))
                if by_route or entry.name.endswith(("_csv", "_xlsx")):
                    yield f"{namespace}:{entry.name}" if namespace else entry.name, route

    return sorted(set(walk(get_resolver(), "", "")))


@pytest.fixture
def poisoned():
    """One edition in which every typed text starts like a formula: people, organisations, answers, review
    comments, sessions, assignments, hand-ins, survey answers."""
    edition = builders.edition()
    organiser = factories.with_role(Role.ORGANISER, edition)
    organiser.full_name = EVIL[0]
    organiser.save()
    grant_role(organiser, edition, Role.REVIEWER)
    org = factories.organisation(name=EVIL[1])
    applicant = builders.application(edition, name=EVIL[2], organisation=org)
    applicant.answers = applicant.answers | {"motivation": EVIL[3]}
    applicant.save()
    review = Review.objects.create(
        assignment=Assignment.objects.create(edition=edition, reviewer=organiser, application=applicant),
        scores={},
        total=-1.5,
        recommendation="select",
        comment=EVIL[4],
        submitted_at=builders.DURING_REVIEW,
    )
    participant = pf.participant(edition, full_name=EVIL[0])
    participant.organisation = factories.organisation(name=EVIL[3])
    participant.save()
    session = pf.session(edition, title=EVIL[1])
    Attendance.objects.create(session=session, application=participant, present=True, minutes=90)
    work = helpers.assignment(edition, title=EVIL[2], due=dt.date(2030, 1, 31))
    homework.hand_in(work, participant, text=EVIL[4])
    survey = helpers.survey(edition, title=EVIL[3], opens_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC))
    keys = [q.key for q in survey.questions.all()]
    surveys.answer(survey, participant, {keys[0]: 4, keys[1]: "Yes", keys[3]: EVIL[0]})
    now = timezone.now()
    Offer.objects.create(application=participant, offered_at=now, respond_by=now, response="confirmed")
    FollowUpAnswer.objects.create(
        application=participant, trainings_given=1, people_reached=2, services_launched=0, story=EVIL[4]
    )
    return {"edition": edition, "organiser": organiser, "review": review, "survey": survey}


def url_kwargs(name, route, world):
    """The URL's arguments for the poisoned edition; a new export with other arguments says what to add here."""
    known = {"slug": [world["edition"].slug], "fmt": ["csv", "xlsx"], "pk": [world["survey"].pk]}
    wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
    unknown = [w for w in wanted if w not in known]
    assert not unknown, f"{name}: teach this test how to fill {unknown} (url_kwargs) so its download is checked"
    combos = [{}]
    for key in wanted:
        combos = [c | {key: value} for c in combos for value in known[key]]
    return combos


def cells(response):
    kind = response["Content-Type"]
    data = body(response)
    if kind.startswith("text/csv"):
        return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    assert kind.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"), kind
    book = load_workbook(io.BytesIO(data))
    return [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]


def test_the_walk_finds_the_known_exports():
    found = {name for name, _route in exports()}
    assert {
        "screening:export_csv",
        "screening:export_xlsx",
        "reviews:reviewer_export",
        "reviews:export",
        "programme:attendance_csv",
        "programme:attendance_xlsx",
        "participation:homework_csv",
        "participation:homework_xlsx",
        "participation:survey_export",
    } <= found


@pytest.mark.parametrize(("name", "route"), exports(), ids=[name for name, _route in exports()])
def test_no_export_hands_a_spreadsheet_a_formula(client, poisoned, name, route):
    client.force_login(poisoned["organiser"])
    for kwargs in url_kwargs(name, route, poisoned):
        with time_machine.travel(builders.DURING_REVIEW + dt.timedelta(days=60), tick=False):
            response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, (name, kwargs)
        values = cells(response)
        texts = [v for v in values if isinstance(v, str)]
        live = [v for v in texts if v.startswith(DANGEROUS) and not NUMBER.match(v)]
        assert live == [], f"{name} {kwargs}: cells a spreadsheet would run as formulas"
        assert any(v.startswith("'") and v[1:] in EVIL for v in texts), f"{name}: the poisoned data reached it"
