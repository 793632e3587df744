"""The completion demo: most of the 2022 cohort complete, one by exception, one not; certificates issued."""

import random

import pytest

from academy.completion import demo
from academy.completion.models import Certificate, CompletionException, IssueRun
from academy.completion.rule import evaluate
from academy.mail.models import OutboxMessage
from tests import factories
from tests.completion import helpers
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db


class Context:
    def __init__(self, edition, users):
        self.rng = random.Random(2022)
        self.editions = {"2022": edition}
        self.users = users
        self.said = []

    def say(self, text):
        self.said.append(text)


def test_the_demo_certifies_most_of_the_cohort_with_one_exception_and_one_who_does_not_complete(edition, days, work):
    applicant = factories.user("applicant@academy.example", full_name="Ana Applicant")
    organiser = factories.with_role("organiser", edition)
    mine = programme.application(edition, email=None)
    mine.applicant = applicant
    mine.save()
    cohort = [mine] + [programme.participant(edition) for _ in range(6)]
    helpers.attend(cohort[1], days[0], camera_on=False)  # partial attendance, as the programme demo leaves it
    demo.seed(Context(edition, {"organiser": organiser, "applicant": applicant}))
    outcomes = evaluate(edition)
    assert sum(o.met for o in outcomes) == 5
    assert len([o for o in outcomes if not o.completes]) == 1
    assert CompletionException.objects.count() == 1
    assert Certificate.objects.filter(edition=edition).count() == 6
    assert Certificate.objects.filter(application=mine, by_exception=False).exists()
    assert OutboxMessage.objects.filter(purpose="certificate", to_email="applicant@academy.example").count() == 1
    assert IssueRun.objects.get(edition=edition).issued == 6


def test_without_a_cohort_the_demo_certifies_nobody(edition):
    ctx = Context(edition, {"organiser": None, "applicant": factories.user()})
    demo.seed(ctx)
    assert not Certificate.objects.exists() and "nothing to certify" in ctx.said[0]


def test_the_demo_certificate_carries_one_issue_date_in_its_pdf_on_its_page_and_at_verify(client, edition, days, work):
    import io

    from django.core.files.storage import default_storage
    from django.utils import dateformat, timezone
    from pypdf import PdfReader

    applicant = factories.user("applicant@academy.example", full_name="Ana Applicant")
    mine = programme.application(edition, email=None)
    mine.applicant = applicant
    mine.save()
    for _ in range(3):
        programme.participant(edition)
    demo.seed(Context(edition, {"organiser": factories.with_role("organiser", edition), "applicant": applicant}))
    certificate = Certificate.objects.get(application=mine)
    day = dateformat.format(timezone.localtime(certificate.issued_at, edition.zone), "j F Y")
    assert certificate.issued_at < timezone.now() - timezone.timedelta(days=30), "a date of the past edition"
    with default_storage.open(certificate.pdf, "rb") as handle:
        pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())
    assert f"Issued on {day}" in pdf
    assert day in client.get(f"/verify/{certificate.code}/").content.decode()
    client.force_login(applicant)
    assert day in client.get(f"/me/editions/{edition.slug}/certificate/").content.decode()
