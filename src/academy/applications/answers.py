"""Answers to an edition's questions, validated in one place against the question rows: the apply form,
the services and the API all go through `clean` and `problems`, so nothing from a client is trusted.

Stored shapes (JSON, keyed by question key): text → str; single choice → str; multiple choice → [str]
in the order of the choices; number → int or float; yes/no → bool; date → "YYYY-MM-DD"; URL → str;
file → {"name", "path", "size"}; commitment → True; consent → {"accepted": True, "version"}.
"""

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.core.errors import Refused

from .models import QuestionType

T = QuestionType
TICKED = (T.COMMITMENT, T.CONSENT)
MB = 1024 * 1024


class AnswerError(Refused, ValueError):
    """A value refused for one question, with the reason in the applicant's words."""

    status = 422


def field_name(question):
    return f"q-{question.key}"


def raw_from_post(question, data, files):
    """What the browser sent for one question, before validation (None if the question was not in the post)."""
    name = field_name(question)
    if question.type == T.FILE:
        return files.get(name)
    if question.type == T.MULTIPLE_CHOICE:
        # An empty hidden marker lets a form say "none ticked" rather than "not in this post".
        return data.getlist(name) if name in data or f"{name}-present" in data else None
    if question.type in TICKED:
        return data.get(name) if f"{name}-present" in data or name in data else None
    return data.get(name)


def clean(question, raw, *, edition=None):
    """Turn what the browser (or an API client) sent into the stored value; raise AnswerError if refused.

    An empty value is allowed here (a draft may be incomplete) and returns None; `problems` says what
    a submission still lacks."""
    kind = question.type
    if kind == T.FILE:
        return None if raw in (None, "") else _clean_file(question, raw, edition)
    if kind == T.MULTIPLE_CHOICE:
        return _clean_choices(question, raw)
    if kind in TICKED:
        return _clean_ticked(question, raw)
    if kind == T.YES_NO:
        return _clean_yes_no(raw)
    text = _text(kind, raw)
    if text is None:
        return None
    if kind == T.SINGLE_CHOICE:
        if text not in question.choices:
            raise AnswerError(_("“%(value)s” is not one of the options offered.") % {"value": text})
        return text
    if kind == T.NUMBER:
        return _clean_number(question, text)
    if kind == T.DATE:
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise AnswerError(_("Enter a date such as 2022-10-31.")) from None
    return _clean_text(question, text)


def _clean_choices(question, raw):
    values = [raw] if isinstance(raw, str) else list(raw or [])
    values = [v for v in values if v != ""]
    offered = list(question.choices)
    wrong = [v for v in values if v not in offered]
    if wrong:
        raise AnswerError(_("“%(value)s” is not one of the options offered.") % {"value": wrong[0]})
    return [c for c in offered if c in values] or None


def _clean_ticked(question, raw):
    ticked = raw is True or (isinstance(raw, str) and raw.lower() in ("on", "true", "yes", "1"))
    if not ticked:
        return None
    return {"accepted": True, "version": question.consent_version} if question.type == T.CONSENT else True


def _clean_yes_no(raw):
    if isinstance(raw, bool) or raw is None:
        return raw
    value = str(raw).strip().lower()
    if value == "":
        return None
    if value not in ("yes", "no", "true", "false"):
        raise AnswerError(_("Answer yes or no."))
    return value in ("yes", "true")


def _text(kind, raw):
    """The sent value as text with Unix line ends (stripped unless a long text), or None when blank."""
    if not isinstance(raw, str | int | float | type(None)):
        raise AnswerError(_("This answer has the wrong form."))
    text = "" if raw is None else str(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind != T.LONG_TEXT:
        text = text.strip()
    return None if text.strip() == "" else text


def _clean_text(question, text):
    """A short or long text, an e-mail or a web address: within the question's limit, on one line if short."""
    kind, most = question.type, question.limit
    if most and len(text) > most:
        raise AnswerError(
            ngettext(
                "Keep this under %(limit)d character; it has %(count)d.",
                "Keep this under %(limit)d characters; it has %(count)d.",
                most,
            )
            % {"limit": most, "count": len(text)}
        )
    if kind == T.SHORT_TEXT and "\n" in text:
        raise AnswerError(_("Write this on one line."))
    if kind == T.URL:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise AnswerError(_("Enter a web address starting with https:// or http://.")) from None
    return text


def _clean_number(question, text):
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise AnswerError(_("Enter a number, such as 12.")) from None
    if not number.is_finite():
        raise AnswerError(_("Enter a number, such as 12."))
    if question.min_value is not None and number < question.min_value:
        raise AnswerError(_("Enter %(min)s or more.") % {"min": _plain(question.min_value)})
    if question.max_value is not None and number > question.max_value:
        raise AnswerError(_("Enter %(max)s or less.") % {"max": _plain(question.max_value)})
    return int(number) if number == number.to_integral_value() else float(number)


def _plain(number):
    return format(Decimal(number).normalize(), "f")


def display_name(name):
    """A file's name as shown, never a path: '../../x.pdf' and 'C:\\a\\x.pdf' both become 'x.pdf'."""
    base = PureWindowsPath(PurePosixPath(str(name or "")).name).name
    base = get_valid_filename(base.lstrip(".")) if base.strip(". ") else ""
    if not base.lower().endswith(".pdf"):
        base = (base or "document") + ".pdf"
    return base[-120:]


def _clean_file(question, upload, edition):
    if not hasattr(upload, "read") or not hasattr(upload, "size"):
        raise AnswerError(_("Upload a PDF file."))
    most = question.max_file_mb * MB
    if upload.size > most:
        raise AnswerError(
            _("This file is %(size).1f MB; the largest allowed is %(max)d MB.")
            % {"size": upload.size / MB, "max": question.max_file_mb}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if not head.startswith(b"%PDF-") or kind is None or kind.mime != "application/pdf":
        raise AnswerError(_("Only PDF files can be uploaded; this file is not a PDF."))
    folder = edition.slug if edition is not None else str(question.edition_id)
    path = default_storage.save(f"applications/{folder}/{secrets.token_hex(16)}.pdf", upload)
    return {"name": display_name(upload.name), "path": path, "size": upload.size}


def is_answered(question, value):
    if question.type in TICKED:
        return bool(value)
    return value not in (None, "", [], {})


def counts_as_required(question):
    """Commitments and consent must be ticked to submit, whatever `required` says."""
    return question.required or question.type in TICKED


def problems(questions, answers):
    """Everything that stops a submission, as {key: message}; an empty dict means it can be submitted.

    Stored values are validated again, so a question changed after an answer was saved is caught."""
    found = {}
    for q in questions:
        value = answers.get(q.key)
        if not is_answered(q, value):
            if counts_as_required(q):
                found[q.key] = _missing_message(q)
            continue
        if q.type == T.FILE:
            if not isinstance(value, dict) or not value.get("path"):
                found[q.key] = _("Upload the file again.")
            continue
        if q.type == T.CONSENT and value.get("version") != q.consent_version:
            found[q.key] = _("The privacy notice has changed; read it and tick the box again.")
            continue
        try:
            clean(q, _as_raw(q, value))
        except AnswerError as error:
            found[q.key] = error.message
    return found


def _missing_message(question):
    if question.type == T.COMMITMENT:
        return _("Tick this box: every participant makes this commitment.")
    if question.type == T.CONSENT:
        return _("Tick this box to agree to the privacy notice.")
    if question.type in (T.SINGLE_CHOICE, T.YES_NO):
        return _("Choose an answer.")
    if question.type == T.MULTIPLE_CHOICE:
        return _("Choose at least one option.")
    if question.type == T.FILE:
        return _("Upload a PDF file.")
    return _("Answer this question.")


def _as_raw(question, value):
    if question.type in TICKED:
        return "on" if value else ""
    if question.type == T.YES_NO:
        return "yes" if value else "no"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def progress(questions, answers):
    """(answered, total) over the answers a submission requires."""
    required = [q for q in questions if counts_as_required(q)]
    return sum(1 for q in required if is_answered(q, answers.get(q.key))), len(required)


def as_text(question, value):
    """An answer as plain text, for the receipt and read-only pages (templates escape it)."""
    if not is_answered(question, value):
        return "—"
    if question.type == T.MULTIPLE_CHOICE:
        return "; ".join(value)
    if question.type == T.YES_NO:
        return _("Yes") if value else _("No")
    if question.type == T.COMMITMENT:
        return _("Committed")
    if question.type == T.CONSENT:
        return _("Agreed (privacy notice version %(version)s)") % {"version": value.get("version", "")}
    if question.type == T.FILE:
        return _("%(name)s (%(size)d kB)") % {"name": value.get("name", ""), "size": (value.get("size") or 0) // 1024}
    return str(value)
