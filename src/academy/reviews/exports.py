"""CSV and XLSX downloads of the review tables, with spreadsheet formula injection defused.

A minimal local stand-in: the screening branch adds the shared ``academy.exports`` (streamed CSV,
XLSX, the same ``safe_cell`` rule). Once it is merged, these three functions can be replaced by imports
from there — the names and arguments are the same."""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """None → "", booleans → yes/no, numbers unchanged, text that a spreadsheet would run as a formula
    prefixed with a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _disposition(filename):
    return f'attachment; filename="{"".join(c for c in filename if c.isalnum() or c in "-_.")}"'


def csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(buffer)
    for row in [header, *rows]:
        writer.writerow([safe_cell(c) for c in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_response(filename, header, rows, *, title="Export"):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for row in [header, *rows]:
        cells = [safe_cell(c) for c in row]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response
