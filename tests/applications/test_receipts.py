"""The receipt: a mail with the summary and a PDF copy of every answer, the submission time in the
edition's zone; the same PDF downloadable from the application page, made on demand when missing."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from academy.applications import services
from academy.applications.models import SubmittedVersion
from academy.mail.models import OutboxMessage
from tests import factories

from .helpers import COMPLETE, fill, post_data

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def submit_through_the_form(client, application, django_capture_on_commit_callbacks, answers=None):
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/editions/{application.edition.slug}/apply/",
            post_data(answers, application=application, action="submit"),
        )
    assert response.status_code == 302
    return application.versions.order_by("-number").first()


def test_submitting_mails_a_receipt_with_the_pdf_of_all_answers(
    client, application, django_capture_on_commit_callbacks
):
    answers = dict(COMPLETE, motivation="We run <b>48</b> SME services & want more.")
    version = submit_through_the_form(client, application, django_capture_on_commit_callbacks, answers)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ana Silva <ana@example.org>"]
    assert message.subject == f"We received your application to {application.edition.name}"
    assert "We received version 1 of your application on 20 October 2022, 10:30 CEST" in message.body
    assert "We run <b>48</b> SME services & want more." in message.body, "the mail summarises the answers"
    assert f"/editions/{application.edition.slug}/apply/" in message.body
    (name, data, mimetype) = message.attachments[0]
    assert name == f"application-{application.edition.slug}-v1.pdf" and mimetype == "application/pdf"
    text = pdf_text(data)
    assert "We run <b>48</b> SME services & want more." in text
    assert "Version 1, submitted on 20 October 2022, 10:30" in text and "CEST" in text
    assert "6–10 years" in text and "Digital; Health" in text and "privacy notice version 2022-1" in text
    version.refresh_from_db()
    assert version.receipt_pdf
    assert OutboxMessage.objects.get(dedupe_key=f"receipt:{version.pk}").related_id == str(application.pk)


def test_the_receipt_task_run_twice_mails_once(application):
    fill(application)
    version = services.submit(application, by=application.applicant).version
    from academy.applications.tasks import make_receipt

    make_receipt.call(version.pk)
    make_receipt.call(version.pk)
    assert len(mail.outbox) == 1


def test_the_receipt_downloads_as_an_attachment(client, application, django_capture_on_commit_callbacks):
    submit_through_the_form(client, application, django_capture_on_commit_callbacks)
    response = client.get(f"/applications/{application.pk}/receipt/1/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Why do you want to take part" in pdf_text(b"".join(response.streaming_content))


def test_a_missing_receipt_is_made_on_the_first_download(client, application):
    fill(application)
    services.submit(application, by=application.applicant)  # no on-commit here: no PDF was made
    version = SubmittedVersion.objects.get()
    assert version.receipt_pdf == ""
    client.force_login(application.applicant)
    response = client.get(f"/applications/{application.pk}/receipt/1/")
    assert "Peer learning with other cluster managers." in pdf_text(b"".join(response.streaming_content))
    version.refresh_from_db()
    assert version.receipt_pdf.startswith(f"receipts/{application.edition.slug}/")


def test_nobody_else_gets_the_receipt_but_an_organiser_of_the_edition_does(client, application):
    fill(application)
    services.submit(application, by=application.applicant)
    url = f"/applications/{application.pk}/receipt/1/"
    client.force_login(factories.user())
    assert client.get(url).status_code == 404
    client.force_login(factories.with_role("reviewer", application.edition))
    assert client.get(url).status_code == 404
    client.force_login(factories.with_role("organiser", factories.edition()))
    assert client.get(url).status_code == 404
    client.force_login(factories.with_role("organiser", application.edition))
    assert client.get(url).status_code == 200
