"""Certificates: the PDF read back, the verification page, bulk issue with progress, revoking, the mail."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from academy.accounts.models import AuditEntry
from academy.completion import certificates, services
from academy.completion.models import Certificate, IssueRun
from academy.completion.rule import evaluate_one
from academy.mail.models import OutboxMessage
from tests import factories
from tests.completion import helpers
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db


def text_of(pdf):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def issued(application):
    return certificates.issue(evaluate_one(application, now=helpers.NOW))[0]


@pytest.fixture
def organiser(edition):
    return factories.with_role("organiser", edition)


def test_the_pdf_holds_the_name_edition_hours_and_code(done, edition):
    certificate = issued(done)
    text = " ".join(text_of(certificates.render(certificate)).split())
    assert "Inês Costa" in text and edition.name in text
    assert certificate.code in text.replace(" ", "")
    assert "9.0 hours of sessions attended" in text
    assert "1 December 2022 – 2 December 2022" in text
    assert f"/verify/{certificate.code}/" in text.replace(" ", "")


def test_the_code_is_long_random_and_stored_and_the_qr_code_is_inline(done, days, work):
    certificate = issued(done)
    assert len(certificate.code) >= 24 and Certificate.objects.get(code=certificate.code) == certificate
    assert certificates.qr_data_uri(certificates.verification_url(certificate)).startswith("data:image/svg+xml")
    assert certificate.code != issued(helpers.complete(programme.participant(certificate.edition), days, [work])).code


def test_issuing_queues_one_mail_with_the_pdf_attached(done):
    certificate = issued(done)
    certificates.issue(evaluate_one(done, now=helpers.NOW))
    mail = OutboxMessage.objects.get(purpose="certificate")
    assert mail.to_email == done.applicant.email and certificate.code in mail.body
    ((name, path, kind),) = mail.attachments
    assert (name, kind) == (f"certificate-{done.edition.slug}.pdf", "application/pdf")
    with default_storage.open(path, "rb") as handle:
        assert "Inês Costa" in text_of(handle.read())


def test_someone_who_does_not_complete_gets_no_certificate(edition, days, work):
    person = programme.participant(edition)
    with pytest.raises(ValueError):
        certificates.issue(evaluate_one(person, now=helpers.NOW))
    assert not Certificate.objects.exists()


def test_an_exception_is_issued_and_marked_as_such(edition, days, work, organiser):
    person = programme.participant(edition)
    services.grant_exception(person, reason="Family emergency on day 2.", by=organiser)
    assert issued(person).by_exception


def test_bulk_issue_covers_whoever_completes_shows_progress_and_never_duplicates(
    client, edition, days, work, done, organiser, django_capture_on_commit_callbacks
):
    excused = programme.participant(edition, full_name="Excused Person")
    services.grant_exception(excused, reason="Came to the in-person days only, agreed in advance.", by=organiser)
    programme.participant(edition, full_name="Absent Person")
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("completion:issue", kwargs={"slug": edition.slug}))
    run = IssueRun.objects.get()
    assert response.url == reverse("completion:run", kwargs={"slug": edition.slug, "pk": run.pk})
    assert (run.total, run.done, run.issued, run.failed, run.is_done) == (2, 2, 2, 0, True)
    progress = client.get(reverse("completion:run_progress", kwargs={"slug": edition.slug, "pk": run.pk}))
    assert progress.status_code == 286 and "2 of 2 done" in progress.text and "2 certificates issued" in progress.text
    assert set(Certificate.objects.values_list("name", flat=True)) == {"Inês Costa", "Excused Person"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("completion:issue", kwargs={"slug": edition.slug}))
    assert IssueRun.objects.first().total == 0
    certificates.run_issue(run.pk)  # a repeated task run
    run.finished_at = None
    run.save()
    certificates.run_issue(run.pk)  # even one that had not finished
    assert Certificate.objects.count() == 2 and OutboxMessage.objects.filter(purpose="certificate").count() == 2


def test_a_run_in_progress_keeps_polling(client, edition, organiser):
    run = IssueRun.objects.create(edition=edition, total=5, done=2)
    client.force_login(organiser)
    page = client.get(reverse("completion:run", kwargs={"slug": edition.slug, "pk": run.pk}))
    assert 'hx-trigger="every 1s"' in page.text
    progress = client.get(reverse("completion:run_progress", kwargs={"slug": edition.slug, "pk": run.pk}))
    assert progress.status_code == 200 and "2 of 5 done" in progress.text


def test_the_verification_page_confirms_name_edition_and_date_and_nothing_else(client, done, edition):
    certificate = issued(done)
    response = client.get(reverse("completion:verify", kwargs={"code": certificate.code}))
    assert response.status_code == 200 and "This certificate is valid" in response.text
    assert "Inês Costa" in response.text and edition.name in response.text
    assert certificate.issued_at.astimezone(edition.zone).strftime("%-d %B %Y") in response.text
    assert done.applicant.email not in response.text and "hours" not in response.text


def test_a_forged_code_is_not_found(client, done):
    certificate = issued(done)
    for code in ("forged-code-1234567890abcd", certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")):
        assert client.get(reverse("completion:verify", kwargs={"code": code})).status_code == 404


def test_a_revoked_certificate_says_it_is_revoked_and_cannot_be_downloaded(client, done, edition, organiser):
    certificate = issued(done)
    client.force_login(organiser)
    url = reverse("completion:certificate_revoke", kwargs={"slug": edition.slug, "pk": certificate.pk})
    assert client.post(url, {"reason": ""}).status_code == 302
    certificate.refresh_from_db()
    assert not certificate.revoked
    client.post(url, {"reason": "Attendance was entered for the wrong person."})
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_by == organiser
    page = client.get(reverse("completion:verify", kwargs={"code": certificate.code}))
    assert "This certificate is revoked" in page.text and "This certificate is valid" not in page.text
    assert AuditEntry.objects.filter(action="certificate.revoked", data__reason__startswith="Attendance").exists()
    client.force_login(done.applicant)
    mine = reverse("completion:my_certificate_pdf", kwargs={"slug": edition.slug})
    assert client.get(mine).status_code == 404
    assert "revoked" in client.get(reverse("completion:my_certificate", kwargs={"slug": edition.slug})).text
    certificates.issue(evaluate_one(done, now=helpers.NOW))
    assert Certificate.objects.get().revoked  # issuing again does not bring it back


def test_a_certificate_that_cannot_be_made_is_told_in_words_and_issuing_again_makes_it(
    client, edition, done, organiser, django_capture_on_commit_callbacks, monkeypatch
):
    real_issue = certificates.issue

    def broken(*args, **kwargs):
        raise OSError("cairo: out of font handles")

    monkeypatch.setattr(certificates, "issue", broken)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("completion:issue", kwargs={"slug": edition.slug}))
    run = IssueRun.objects.get()
    assert (run.failed, run.is_done) == (1, True)
    progress = client.get(reverse("completion:run_progress", kwargs={"slug": edition.slug, "pk": run.pk})).text
    assert "Something went wrong on our side while making a certificate" in progress
    assert "Issuing again makes only the certificates still missing" in progress
    assert "cairo" not in progress and "OSError" not in progress
    monkeypatch.setattr(certificates, "issue", real_issue)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("completion:issue", kwargs={"slug": edition.slug}))
    assert Certificate.objects.count() == 1 and IssueRun.objects.first().error == ""


def test_a_run_that_breaks_as_a_whole_ends_with_its_reason_instead_of_polling_forever(edition, organiser, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    run = IssueRun.objects.create(edition=edition, total=1, application_ids=[1])
    monkeypatch.setattr(certificates, "evaluate", locked)
    run = certificates.run_issue(run.pk)
    assert run.is_done and run.error.startswith("The database was busy with other work")
