"""Reading uploaded tables (CSV as people save them) for any app's import: bytes in, text and a dialect out.

What a person may hand us, and what we do:
- UTF-8 with or without a byte order mark, UTF-16 with one (Teams), else Windows-1252 (Excel's "CSV" on
  Windows; it reads Latin-1 text too). The encoding found is named, so the page can say how the file was read.
- A file cut off in the middle of a character (a download or a copy that stopped), or UTF-8 with a few damaged
  lines among many that prove it is UTF-8: read in its encoding, and the damaged lines are left out and named in
  `Decoded.damaged`, for the caller to report. A name is never read in the wrong encoding (“WrÃ³bel”).
- Comma, semicolon (Excel in most of Europe) or tab separated: the delimiter is the one that makes the header
  line hold the most expected columns, so a semicolon inside a cell does not mislead it.
- Empty files, workbooks, PDFs, binary files: a `FileUnreadable` with a sentence that says what to do.
- Lines longer than MAX_LINE (a runaway quote, the wrong file): refused by line number instead of letting the
  csv module stop with "field larger than field limit".
Nothing here touches the database.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.core.errors import Refused

DELIMITERS = {",": gettext_lazy("comma"), ";": gettext_lazy("semicolon"), "\t": gettext_lazy("tab")}
MAX_LINE = 100_000  # characters; a real row of a registry or a participant report is a few hundred
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\x0c"}


class FileUnreadable(Refused):
    """The file as a whole cannot be read; the message says why in the person's words."""

    status = 422


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as people call it: "UTF-8", "UTF-8 with byte order mark", "UTF-16", "Windows-1252"
    damaged: tuple[int, ...] = ()  # numbers of the lines left out (blank in `text`): not valid in that encoding


def decode(data: bytes) -> Decoded:
    if not data.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe"):
        raise FileUnreadable(_("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        raise FileUnreadable(_("This is an Excel workbook (or another zip file), not a CSV file. Save it as CSV."))
    if data[:5] == b"%PDF-":
        raise FileUnreadable(_("This is a PDF, not a CSV file."))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        decoded = _utf16(data)
    elif data[:3] == b"\xef\xbb\xbf":
        decoded = _utf8(data[3:], "UTF-8 with byte order mark")
        if decoded is None:
            raise FileUnreadable(
                _("The file claims to be UTF-8 text but is not: save it again as “CSV UTF-8”.")
            ) from None
    else:
        decoded = _utf8(data, "UTF-8") or Decoded(_windows_1252(data), "Windows-1252")
    _refuse_binary(decoded.text)
    return decoded


def _utf16(data):
    try:
        return Decoded(data.decode("utf-16"), "UTF-16")
    except UnicodeDecodeError:
        pass
    try:  # cut off after an odd number of bytes: the last line is incomplete
        text = data[: len(data) - len(data) % 2].decode("utf-16")
    except UnicodeDecodeError:
        text = None
    if text is None or len(data) % 2 == 0:
        raise FileUnreadable(_("The file claims to be UTF-16 text but is not: export it again as CSV.")) from None
    kept, _sep, _cut = text.rpartition("\n")
    return Decoded(kept + "\n" if _sep else "", "UTF-16", (text.count("\n") + 1,))


def _utf8(data, name):
    """UTF-8, also when only some lines are damaged: the last one cut mid-character, or a few among many lines
    whose accents prove UTF-8. None when the file is not UTF-8."""
    try:
        return Decoded(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    lines, damaged, proof = data.split(b"\n"), [], 0
    for number, line in enumerate(lines, start=1):
        try:
            proof += not line.decode("utf-8").isascii()
        except UnicodeDecodeError:
            damaged.append(number)
            lines[number - 1] = b""
    cut = damaged == [len(lines)] and _cut_mid_character(data.rsplit(b"\n", 1)[-1])
    if not cut and proof <= len(damaged):
        return None
    return Decoded(b"\n".join(lines).decode("utf-8"), name, tuple(damaged))


def _cut_mid_character(line):
    """True when `line` is UTF-8 up to a character whose last bytes are missing."""
    for missing in (1, 2, 3):
        try:
            line[:-missing].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return line[-missing] >= 0xC0 and all(0x80 <= b < 0xC0 for b in line[len(line) - missing + 1 :])
    return False


def _windows_1252(data):
    """Windows-1252 leaves five bytes undefined; Latin-1 (its subset for letters) reads them."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _refuse_binary(text):
    sample = text[:20_000]
    controls = sum(1 for c in sample if c in CONTROL)
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise FileUnreadable(_("This is not a text file. Upload the table saved as CSV."))


def check_line_lengths(lines):
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise FileUnreadable(
                _("Line %(line)d is %(length)s characters long, far longer than a row of this table can be: ")
                % {"line": number, "length": f"{len(line):,}"}
                + _("is a quotation mark left open, or is it another file?")
            )


def best_delimiter(line, score):
    """The delimiter among comma, semicolon and tab under which `score(cells)` is highest (comma on a tie)."""

    def cells(delimiter):
        return [c.strip() for c in next(csv.reader(io.StringIO(line), delimiter=delimiter), [])]

    return max(DELIMITERS, key=lambda d: (score(cells(d)), d == ","))


def describe(encoding, delimiter):
    """“Read as UTF-8 text, semicolon-separated.” for the page that shows the result."""
    return _("Read as %(encoding)s text, %(delimiter)s-separated.") % {
        "encoding": encoding,
        "delimiter": DELIMITERS[delimiter],
    }
