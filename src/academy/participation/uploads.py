"""Homework files: the type is read from the content, not the name, and stored under a random name.

PDF starts with "%PDF-". DOCX, PPTX and XLSX are ZIP containers holding [Content_Types].xml and
their own folder (word/, ppt/, xl/); only the ZIP's table of contents is read, nothing unpacked."""

import contextlib
import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 120

# extension → (what people call it, MIME type, the folder an Office file must contain)
KINDS = {
    "pdf": ("PDF", "application/pdf", None),
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    "pptx": ("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
}
ACCEPT = ",".join(f".{ext}" for ext in KINDS)


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    kind: str
    name: str
    size: int

    @property
    def content_type(self):
        return KINDS[self.kind][1]


def safe_name(name):
    """The last part of a path, reduced to letters, digits, dot, dash and underscore, at most MAX_NAME long."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = get_valid_filename(stem.strip(" .")) if stem.strip(" .") else ""
    stem = stem.lstrip(".-")[: MAX_NAME - len(ext) - 1] or "file"
    return f"{stem}.{ext.lower()}" if ext else stem


def _content_matches(upload, kind):
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    folder = KINDS[kind][2]
    if folder is None:
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def check(upload, *, max_bytes=MAX_BYTES):
    """Return a CheckedFile, or raise ValidationError saying what is wrong in the person's words."""
    name = safe_name(upload.name or "")
    ext = name.rpartition(".")[2] if "." in name else ""
    if ext not in KINDS:
        raise ValidationError(_("Please upload a PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file."))
    if upload.size == 0:
        raise ValidationError(_("This file is empty."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("This file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": max_bytes // (1024 * 1024)}
        )
    if not _content_matches(upload, ext):
        raise ValidationError(
            _("This file is not a real %(kind)s file, although its name ends in .%(ext)s.")
            % {"kind": KINDS[ext][0], "ext": ext}
        )
    return CheckedFile(upload=upload, kind=ext, name=name, size=upload.size)


def store(checked, folder):
    """Save under a random name in the default storage; return the stored name."""
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}.{checked.kind}", checked.upload)


def delete_quietly(name):
    if name:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def folder_for(edition, what):
    return os.path.join("participation", edition.slug, what)
