"""Anonymous people: what account deletion and the retention purge leave in place of a person.

Used by the personal_data.py modules (see `academy.core.personal_data`)."""

import secrets

from academy.core.personal_data import scrub

from .models import AuditEntry, User

ANONYMOUS_DOMAIN = "anonymised.invalid"  # .invalid can never receive mail (RFC 2606)
AUDIT_FREE_TEXT = ("reason",)  # audit details that may hold what someone typed about a person


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


def scrub_audit(entries, needles=(), keys=AUDIT_FREE_TEXT):
    """Empty the free-text details of `entries` and remove any mention of `needles` from the rest."""
    for entry in entries:
        cleaned = {k: ("" if k in keys and v else v) for k, v in entry.data.items()}
        cleaned = scrub(cleaned, needles) if needles else cleaned
        if cleaned != entry.data:
            AuditEntry.objects.filter(pk=entry.pk).update(data=cleaned)
