"""Receipts coalesce: a version superseded before the worker reached it gets no receipt of its own; the
newest version's receipt is rendered once, names its version, and the last version submitted always gets
one, whatever order the queued tasks run in.

The tasks are called here as the worker would call them, at chosen moments: `services.submit` inside a
test's transaction queues nothing (its on-commit hook never runs), so each interleaving is exact."""

import io
import re

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from pypdf import PdfReader

from academy.applications import services
from academy.applications.models import SubmittedVersion
from academy.applications.tasks import make_receipt
from academy.mail.models import OutboxMessage

from .helpers import COMPLETE, fill

pytestmark = pytest.mark.django_db


def submit_again(application, n):
    """A new version with a changed motivation (submitting unchanged answers makes no version)."""
    fill(application, dict(COMPLETE, motivation=f"Edit number {n}."))
    result = services.submit(application, by=application.applicant)
    assert result.created
    return result.version


def receipts_mailed():
    """The version each receipt mail names, in the order they were queued."""
    return [int(re.search(r"We received version (\d+)", m.body)[1]) for m in mail.outbox]


def pdf_text(version):
    """The text of the version's stored receipt PDF, parsed back."""
    version.refresh_from_db()
    with default_storage.open(version.receipt_pdf, "rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_a_version_superseded_before_its_task_ran_gets_no_receipt_and_the_newest_one_does(application):
    first = submit_again(application, 1)
    second = submit_again(application, 2)
    assert make_receipt.call(first.pk) == 2, "the first task makes the receipt of the version that counts"
    assert make_receipt.call(second.pk) == 2
    assert receipts_mailed() == [2]
    first.refresh_from_db()
    assert first.receipt_pdf == "", "version 1's PDF was never rendered"
    assert not OutboxMessage.objects.filter(dedupe_key=f"receipt:{first.pk}").exists()
    text = pdf_text(second)
    assert "Version 2, submitted on 20 October 2022" in text and "Edit number 2." in text
    assert "Edit number 1." not in text


def test_the_newest_task_running_first_leaves_nothing_for_the_older_one(application):
    first = submit_again(application, 1)
    second = submit_again(application, 2)
    assert make_receipt.call(second.pk) == 2
    assert make_receipt.call(first.pk) == 2
    assert receipts_mailed() == [2]


@pytest.mark.parametrize(
    "steps",
    [
        "s1 t1 s2 t2",  # a quiet worker: every version its own receipt
        "s1 s2 s3 t1 t2 t3",  # the rush: one receipt, for version 3
        "s1 s2 t1 s3 t2 t3",  # a version submitted while the worker catches up
        "s1 s2 t2 s3 t3 t1",  # tasks out of order (several workers)
        "s1 t1 s2 s3 s4 t4 t2 t3",
    ],
)
def test_the_last_version_submitted_always_gets_its_receipt_naming_its_number(application, steps):
    versions = {}
    for step in steps.split():
        if step[0] == "s":
            versions[step[1]] = submit_again(application, step[1])
        else:
            make_receipt.call(versions[step[1]].pk)
    last = max(int(n) for n in versions)
    mailed = receipts_mailed()
    assert mailed[-1] == last, f"the last mail names version {last}"
    assert len(mailed) == len(set(mailed)), "no version is mailed twice"
    rendered = set(SubmittedVersion.objects.exclude(receipt_pdf="").values_list("number", flat=True))
    assert rendered == set(mailed), "a PDF is rendered only for a version whose receipt is mailed"


def test_a_receipt_task_for_an_erased_application_does_nothing(application):
    version = submit_again(application, 1)
    pk = version.pk
    application.delete()
    assert make_receipt.call(pk) is None
    assert mail.outbox == []
