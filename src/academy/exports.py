"""Tabular downloads that any app may offer: CSV (streamed) and XLSX, with spreadsheet formula injection
defused in one place.

A cell that a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or a carriage return)
is written with a leading single quote, so `=HYPERLINK(...)` typed into an application form arrives in
the organiser's spreadsheet as text, never as a live formula (OWASP "CSV injection"). Numbers are not
text and pass unchanged. Callers hand over a header and an iterable of rows; rows may be a generator
over a queryset's `.iterator()`, so a CSV of any size is written without holding it in memory.
"""

import datetime as dt
import itertools
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

from academy import xlsx

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet should receive it: None → "", text that would start a formula quoted."""
    if type(value) is str:  # the common case first: exports are thousands of rows of text
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_RISKY = frozenset(FORMULA_STARTS)  # each is one character: a set lookup of the first beats str.startswith


def safe_row(row):
    """``safe_cell`` of each cell, with text (nearly every cell of an export) checked inline."""
    return [("'" + c if c[:1] in _RISKY else c) if type(c) is str else safe_cell(c) for c in row]


def _disposition(filename):
    safe = "".join(c for c in filename if c.isalnum() or c in "-_.") or "export"
    return f'attachment; filename="{safe}"'


def _csv_field(text):
    """One cell as the csv module's default dialect writes it: in double quotes (inner ones doubled) when it
    holds a comma, a quote or a line break."""
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return '"' + text + '"' if "," in text or "\n" in text or "\r" in text else text


def csv_line(row):
    """The row as one line of CSV, exactly as ``csv.writer(...).writerow(row)`` writes it (tests/test_exports.py
    compares them), but about four times faster on long texts: the C writer examines every character on its
    own, while here a whole line is searched at once and only a line that needs quoting is quoted cell by cell."""
    cells = [c if type(c) is str else "" if c is None else str(c) for c in row]
    line = ",".join(cells)
    if line.count(",") == len(cells) - 1 and not ('"' in line or "\n" in line or "\r" in line):
        return ('""' if cells == [""] else line) + "\r\n"  # a lone empty cell is quoted, or the line is blank
    return ",".join(map(_csv_field, cells)) + "\r\n"


def csv_rows(header, rows, *, batch=200):
    """Yield the CSV text in pieces of `batch` rows, after a byte order mark so spreadsheet programs read UTF-8."""
    lines = ["\ufeff", csv_line(safe_row(header))]
    for n, row in enumerate(rows, start=1):
        lines.append(csv_line(safe_row(row)))
        if n % batch == 0:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def csv_response(filename, header, rows):
    response = StreamingHttpResponse(csv_rows(header, rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_bytes(header, rows, *, title="Export"):
    """An XLSX file of one sheet (academy.xlsx writes it), each cell through ``safe_cell`` first."""
    return xlsx.workbook(map(safe_row, itertools.chain([header], rows)), title=str(title))


def xlsx_response(filename, header, rows, *, title="Export"):
    response = HttpResponse(xlsx_bytes(header, rows, title=title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response
