"""The shared CSV/XLSX writers: no cell reaches a spreadsheet as a formula."""

import csv
import datetime as dt
import io
import random
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from academy.exports import csv_line, csv_response, safe_cell, xlsx_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("plain = text", "plain = text"),
        (None, ""),
        (True, "yes"),
        (-3, -3),
        (Decimal("-1.5"), Decimal("-1.5")),
        (dt.datetime(2022, 10, 31, 23, 59), "2022-10-31 23:59"),
    ],
)
def test_safe_cell_quotes_what_would_start_a_formula(value, expected):
    assert safe_cell(value) == expected


def test_csv_is_streamed_with_a_byte_order_mark_and_quoted_formulas():
    response = csv_response("x.csv", ["name", "note"], iter([["Ana", '=HYPERLINK("http://evil")'], ["Bea", "ok"]]))
    assert response.streaming and response["Content-Disposition"] == 'attachment; filename="x.csv"'
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [
        ["name", "note"],
        ["Ana", '\'=HYPERLINK("http://evil")'],
        ["Bea", "ok"],
    ]


def test_a_filename_cannot_break_the_header():
    response = csv_response('a"b\r\nc.csv', ["x"], [])
    assert response["Content-Disposition"] == 'attachment; filename="abc.csv"'


def test_xlsx_holds_text_not_formulas_and_drops_control_characters():
    data = xlsx_bytes(["name", "note"], [["Ana", "=1+1"], ["Bea", "tab\x0bbed"]])
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("name", "note"), ("Ana", "'=1+1"), ("Bea", "tabbed")]
    assert sheet["B2"].data_type == "s"


def test_csv_lines_are_what_the_csv_module_writes():
    """csv_line is a faster csv.writer: the same text for every mix of commas, quotes, line breaks and types."""
    pieces = ["", "a", ",", '"', "\n", "\r", "\r\n", " ", "é", "\ufeff", ";", "'", "\t", "x,y", '"q"']
    rng = random.Random(15)
    rows = [[], [""], [None], ["", ""], [1, 2.5, Decimal("-1.50"), "a b"], [True, dt.date(2026, 1, 2)]]
    rows += [
        ["".join(rng.choices(pieces, k=rng.randrange(4))) for _ in range(rng.randrange(1, 5))] for _ in range(3000)
    ]
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(row)
        assert csv_line(row) == buffer.getvalue(), row
