"""Homework files are recognised by their content, limited in size, and stored under a safe name."""

import pytest
from django.core.exceptions import ValidationError

from academy.participation import uploads
from tests.participation import helpers


def test_a_real_pdf_is_accepted():
    checked = uploads.check(helpers.pdf("report.pdf"))
    assert (checked.kind, checked.name, checked.content_type) == ("pdf", "report.pdf", "application/pdf")


@pytest.mark.parametrize(
    ("name", "folder", "kind"),
    [("plan.docx", "word/", "docx"), ("slides.pptx", "ppt/", "pptx"), ("budget.xlsx", "xl/", "xlsx")],
)
def test_real_office_files_made_with_a_zip_are_accepted(name, folder, kind):
    assert uploads.check(helpers.office(name, folder)).kind == kind


def test_a_pdf_renamed_docx_is_refused():
    with pytest.raises(ValidationError, match=r"not a real Word file, although its name ends in \.docx"):
        uploads.check(helpers.pdf("report.docx"))


def test_a_text_file_renamed_pdf_is_refused():
    with pytest.raises(ValidationError, match=r"not a real PDF file"):
        uploads.check(helpers.upload("notes.pdf", b"Just some notes, not a PDF."))


def test_an_executable_renamed_docx_is_refused():
    with pytest.raises(ValidationError, match="not a real Word file"):
        uploads.check(helpers.upload("setup.docx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200))


def test_a_spreadsheet_renamed_docx_is_refused():
    with pytest.raises(ValidationError, match="not a real Word file"):
        uploads.check(helpers.office("budget.docx", folder="xl/"))


def test_a_zip_without_office_parts_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/readme.txt", "no content types")
    with pytest.raises(ValidationError, match="not a real Word file"):
        uploads.check(helpers.upload("fake.docx", buffer.getvalue()))


def test_other_extensions_are_refused_by_name():
    with pytest.raises(ValidationError, match="Please upload a PDF, Word"):
        uploads.check(helpers.upload("virus.exe", helpers.PDF))


def test_files_over_the_limit_are_refused_with_their_size():
    big = helpers.pdf("big.pdf", helpers.PDF + b"0" * (uploads.MAX_BYTES + 1))
    with pytest.raises(ValidationError, match=r"This file is 10\.0 MB; the limit is 10 MB"):
        uploads.check(big)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        uploads.check(helpers.upload("empty.pdf", b""))


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\My report (final).PDF", "My_report_final.pdf"),
        ("<b>alert(1)</b>.pdf", "b.pdf"),
        ("<img src=x>.pdf", "img_srcx.pdf"),
        ("...pdf", "file.pdf"),
        ("Relatório ação.docx", "Relatório_ação.docx"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_file_names_are_sanitised(given, kept):
    assert uploads.safe_name(given) == kept
