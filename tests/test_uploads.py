"""Every upload field, through its page: the type is read from the content, never the name; the size is limited;
files are stored under random names in the upload folder (never under STATIC_ROOT, never reachable by address);
they come back only through a view that checks the person, as an attachment the browser may not sniff.

Fields: an application's PDF question (applications), a homework hand-in and an assignment's attachment
(participation)."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from academy.accounts.models import Role
from academy.applications import services, standard_form
from academy.applications.models import Application, QuestionType
from academy.participation import uploads
from academy.participation.models import AssignmentAttachment, HandIn
from tests import factories
from tests.applications.helpers import DURING_CALL, add_question
from tests.http import body
from tests.participation import helpers

pytestmark = pytest.mark.django_db
PDF = helpers.PDF
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
HTML = b"<!doctype html><html><body><script>fetch('/api/v1/editions/')</script></body></html>"


@dataclass
class Field:
    """One upload field: how its owner uploads, where the files land, who may download them."""

    name: str
    limit_mb: int
    wrong_type: str  # the refusal for a file that is not what its name says
    too_big: str
    owner: object
    upload: object  # (client, SimpleUploadedFile) -> response
    stored: object  # () -> stored names
    readers: object  # () -> [(person, download address)] that must be served
    others: list  # people who must get 404 on every one of those addresses


def application_field(edition):
    traveller = time_machine.travel(DURING_CALL, tick=True)
    traveller.start()
    standard_form.install(edition)
    add_question(edition, "plan", QuestionType.FILE, label="Your strategy (PDF)", required=False)
    owner = factories.user("ana@example.org", full_name="Ana Silva")
    factories.registered(owner.email, country="PT")
    application = services.start_application(owner, edition)
    other = factories.user("bo@example.org")
    factories.registered(other.email, country="FR")
    services.start_application(other, edition)
    organiser = factories.with_role(Role.ORGANISER, edition)

    def upload(client, file):
        return client.post(f"/editions/{edition.slug}/apply/save/plan/", {"q-plan": file})

    def stored():
        value = Application.objects.get(pk=application.pk).answers.get("plan")
        return [value["path"]] if value else []

    return traveller, Field(
        "application PDF",
        5,
        "Only PDF files can be uploaded; this file is not a PDF.",
        "This file is 5.0 MB; the largest allowed is 5 MB.",
        owner,
        upload,
        stored,
        lambda: [
            (owner, f"/applications/{application.pk}/files/plan/"),
            (organiser, f"/applications/{application.pk}/files/plan/"),
        ],
        [other, factories.with_role(Role.ORGANISER, factories.edition()), factories.with_role(Role.COACH, edition)],
    )


def hand_in_field(edition):
    coach = helpers.coach(edition)
    assignment = helpers.assignment(edition, reviewer=coach, due=timezone.localdate() + dt.timedelta(days=10))
    participant = helpers.participant(edition, full_name="Inês Costa")
    other = helpers.participant(edition)
    colleague = helpers.coach(edition)
    organiser = factories.with_role(Role.ORGANISER, edition)

    def upload(client, file):
        return client.post(f"/me/editions/{edition.slug}/homework/{assignment.pk}/", {"text": "", "file": file})

    def stored():
        return [h.file.name for h in HandIn.objects.filter(application=participant) if h.file]

    def readers():
        item = HandIn.objects.get(application=participant)
        coach_url = f"/coach/{edition.slug}/homework/hand-ins/{item.pk}/file/"
        return [
            (participant.applicant, f"/me/editions/{edition.slug}/hand-ins/{item.pk}/file/"),
            (coach, coach_url),
            (organiser, coach_url),
        ]

    return None, Field(
        "homework hand-in",
        uploads.MAX_BYTES // 1024 // 1024,
        "This file is not a real PDF file, although its name ends in .pdf.",
        "This file is 10.0 MB; the limit is 10 MB.",
        participant.applicant,
        upload,
        stored,
        readers,
        [
            other.applicant,
            colleague,
            factories.with_role(Role.ORGANISER, factories.edition()),
            helpers.participant(factories.edition()).applicant,
        ],
    )


def attachment_field(edition):
    organiser = factories.with_role(Role.ORGANISER, edition)
    assignment = helpers.assignment(edition)
    outsider = helpers.participant(factories.edition())
    participant = helpers.participant(edition)
    coach = helpers.coach(edition)

    def upload(client, file):
        return client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/attachments/", {"file": file})

    def stored():
        return [a.file.name for a in AssignmentAttachment.objects.filter(assignment=assignment)]

    def readers():
        [item] = AssignmentAttachment.objects.filter(assignment=assignment)
        url = f"/me/editions/{edition.slug}/homework/attachments/{item.pk}/"
        return [(organiser, url), (participant.applicant, url), (coach, url)]

    return None, Field(
        "assignment attachment",
        uploads.MAX_BYTES // 1024 // 1024,
        "This file is not a real PDF file, although its name ends in .pdf.",
        "This file is 10.0 MB; the limit is 10 MB.",
        organiser,
        upload,
        stored,
        readers,
        [outsider.applicant, factories.user(), factories.with_role(Role.ORGANISER, factories.edition())],
    )


@pytest.fixture(
    params=[application_field, hand_in_field, attachment_field], ids=["application", "hand-in", "attachment"]
)
def field(request, edition, client):
    traveller, made = request.param(edition)
    client.force_login(made.owner)
    before = _walk()
    yield made
    for name in _walk() - before:
        default_storage.delete(name)
    if traveller:
        traveller.stop()


def _walk():
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def page(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("filename", "content"),
    [("report.pdf", EXE), ("report.pdf", HTML), ("report.pdf", b"PK\x03\x04" + b"\x00" * 100), ("report.pdf", b"x")],
    ids=["exe", "html", "zip", "text"],
)
def test_a_file_named_pdf_that_is_not_one_is_refused_in_words(client, field, filename, content):
    response = field.upload(client, SimpleUploadedFile(filename, content, content_type="application/pdf"))
    assert response.status_code in (200, 400)
    assert field.wrong_type in page(response)
    assert field.stored() == []


def test_a_file_over_the_limit_is_refused_in_words(client, field):
    size = field.limit_mb * 1024 * 1024 + 1
    response = field.upload(client, SimpleUploadedFile("big.pdf", PDF + b"0" * (size - len(PDF)), "application/pdf"))
    assert field.too_big in page(response)
    assert field.stored() == []


def test_a_real_pdf_is_stored_under_a_random_name_in_the_upload_folder_only(client, field):
    response = field.upload(client, SimpleUploadedFile("Our strategy.pdf", PDF, content_type="application/pdf"))
    assert response.status_code in (200, 302), page(response)
    [name] = field.stored()
    assert "strategy" not in name.lower() and len(Path(name).stem) >= 32, "a random name, not the person's"
    where = Path(default_storage.path(name)).resolve()
    assert where.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not where.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert client.get(settings.MEDIA_URL + name).status_code == 404, "never served by its address"
    assert client.get(settings.STATIC_URL + name).status_code == 404


def test_the_file_comes_back_to_its_readers_as_an_attachment_that_may_not_be_sniffed(client, field):
    field.upload(client, SimpleUploadedFile("Our strategy.pdf", PDF, content_type="application/pdf"))
    for person, url in field.readers():
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, (person, url)
        assert response["Content-Disposition"] == 'attachment; filename="Our_strategy.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert body(response) == PDF


def test_another_person_does_not_find_the_file(client, field):
    field.upload(client, SimpleUploadedFile("Our strategy.pdf", PDF, content_type="application/pdf"))
    addresses = {url for _person, url in field.readers()}
    for person in field.others:
        client.force_login(person)
        for url in addresses:
            assert client.get(url).status_code == 404, (person, url)
