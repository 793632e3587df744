"""Small helpers that personal_data.py modules share: anonymous people, files removed after commit,
free text scrubbed of a person's name and address. Imports no domain app beyond accounts."""

import secrets

from django.core.files.storage import default_storage
from django.db import transaction

from academy.accounts.models import AuditEntry, User

ANONYMOUS_DOMAIN = "anonymised.invalid"  # .invalid can never receive mail (RFC 2606)
REMOVED = "[removed]"


def anonymous_email():
    return f"anonymous-{secrets.token_hex(8)}@{ANONYMOUS_DOMAIN}"


def is_anonymous(user):
    return user.email.endswith("@" + ANONYMOUS_DOMAIN)


def anonymise_user(user):
    """Keep the row (applications, reviews and the audit trail point at it) but nothing that names
    the person: a random unroutable address, no name, no password, inactive, no permissions."""
    user.email = anonymous_email()
    user.full_name = ""
    user.set_unusable_password()  # also ends every other session: their auth hash no longer matches
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return user


def placeholder_person():
    """A fresh anonymous person to hold one purged application (one each: an edition allows one
    application per person, and separate holders keep purged applications unlinkable)."""
    user = User(email=anonymous_email(), full_name="", is_active=False)
    user.set_unusable_password()
    user.save()
    return user


def remove_files(paths):
    """Delete stored files once the transaction commits (a rollback keeps them)."""
    paths = sorted({p for p in paths if p})
    if not paths:
        return 0

    def delete():
        for path in paths:
            default_storage.delete(path)

    transaction.on_commit(delete)
    return len(paths)


def file_paths(answers):
    """The storage paths of the uploads among answers ({key: {"name", "path", "size"}})."""
    return [v["path"] for v in (answers or {}).values() if isinstance(v, dict) and isinstance(v.get("path"), str)]


AUDIT_FREE_TEXT = ("reason",)  # audit details that may hold what someone typed about a person


def scrub_audit(entries, needles=(), keys=AUDIT_FREE_TEXT):
    """Empty the free-text details of `entries` and remove any mention of `needles` from the rest."""
    for entry in entries:
        cleaned = {k: ("" if k in keys and v else v) for k, v in entry.data.items()}
        cleaned = scrub(cleaned, needles) if needles else cleaned
        if cleaned != entry.data:
            AuditEntry.objects.filter(pk=entry.pk).update(data=cleaned)


def contains(value, needles):
    text = str(value).casefold()
    return any(n.casefold() in text for n in needles)


def scrub(value, needles):
    """`value` (JSON) with every string that contains one of `needles` replaced by REMOVED."""
    if isinstance(value, dict):
        return {k: scrub(v, needles) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, needles) for v in value]
    if isinstance(value, str) and contains(value, needles):
        return REMOVED
    return value


def iso(moment):
    """A date or time for an export (None stays None)."""
    return moment.isoformat() if moment else None
