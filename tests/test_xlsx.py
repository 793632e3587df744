"""academy.xlsx, the export's own XLSX writer: every file is read back with openpyxl."""

import io
import zipfile
from decimal import Decimal

import openpyxl

from academy import xlsx
from academy.exports import xlsx_bytes


def read(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    return sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)]


def test_text_and_numbers_come_back_as_written():
    rows = [["name", "score", "count", "money"], ["Ana Alves", 1.25, 3, Decimal("2.50")], ["Ben", -0.125, 0, None]]
    title, back = read(xlsx_bytes(rows[0], rows[1:], title="Applications"))
    assert title == "Applications"
    assert back == [["name", "score", "count", "money"], ["Ana Alves", 1.25, 3, 2.5], ["Ben", -0.125, 0, None]]


def test_markup_spaces_and_non_latin_text_survive():
    text = '  <b>Tom & "Jerry"</b>\nzweite Zeile — Ελλάδα, 東京  '
    assert read(xlsx.workbook([[text]]))[1] == [[text]]


def test_control_characters_are_dropped_and_long_text_is_cut_to_a_cell():
    rows = [["tab\x0bbed\x00 out\x1f"], ["x" * 40_000]]
    back = read(xlsx.workbook(rows))[1]
    assert back[0] == ["tabbed out"]
    assert back[1] == ["x" * xlsx.MAX_TEXT]


def test_a_formula_is_written_as_text():
    back = read(xlsx_bytes(["note"], [['=HYPERLINK("http://x")'], ["+1"]]))[1]
    assert back == [["note"], ['\'=HYPERLINK("http://x")'], ["'+1"]]


def test_thousands_of_rows_across_the_writes_keep_their_order():
    rows = [[f"row {n}", n] for n in range(xlsx.ROWS_PER_WRITE * 2 + 7)]
    back = read(xlsx.workbook(rows))[1]
    assert back == rows


def test_a_sheet_name_a_spreadsheet_would_refuse_is_made_acceptable():
    title, _ = read(xlsx.workbook([["a"]], title="Reviews: 2027/28 [draft] & more, a very long title"))
    assert title == "Reviews  2027 28  draft  & more"
    assert read(xlsx.workbook([["a"]], title="???"))[0] == "Sheet1"


def test_the_package_holds_the_parts_of_a_minimal_spreadsheet():
    names = set(zipfile.ZipFile(io.BytesIO(xlsx.workbook([["a"]]))).namelist())
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }
