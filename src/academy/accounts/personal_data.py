"""The person themselves: profile, roles, API tokens, and the audit trail by and about them."""

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from academy.accounts.anonymous import anonymise_user, scrub_audit
from academy.core.personal_data import iso, section

from .models import ApiToken, AuditEntry, EditionRole, User

data = section("account", label="Account", order=100, models=[User, EditionRole, ApiToken, AuditEntry])


@data.export
def export(user):
    about_me = Q(object_type=User._meta.label_lower, object_id=str(user.pk))
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "platform_admin": user.is_superuser,
        },
        "roles": [
            {"edition": r.edition.name, "role": r.role, "since": iso(r.created_at)}
            for r in EditionRole.objects.filter(user=user).select_related("edition")
        ],
        "api_tokens": [
            {"name": t.name, "starts_with": t.prefix, "created": iso(t.created_at), "revoked": iso(t.revoked_at)}
            for t in ApiToken.objects.filter(user=user)
        ],
        # What you did; what was done to your account (without naming who did it).
        "audit_log": [
            {
                "at": iso(e.at),
                "action": e.action,
                "by_you": e.actor_id == user.pk,
                "object": f"{e.object_type}#{e.object_id}" if e.object_type else "",
            }
            for e in AuditEntry.objects.filter(Q(actor=user) | about_me).order_by("at")
        ],
    }


def _text_matches(needles):
    """Audit entries whose details mention one of `needles` (as stored by either database)."""
    query = Q()
    for needle in needles:
        for form in {needle, needle.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")}:
            query |= Q(data_text__icontains=form)
    return AuditEntry.objects.annotate(data_text=Cast("data", TextField())).filter(query)


@data.erase
def erase(subject):
    user = subject.user
    EditionRole.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    about = AuditEntry.objects.filter(object_type=User._meta.label_lower, object_id=str(user.pk))
    entries = {e.pk: e for e in about}
    if subject.needles:
        entries.update((e.pk, e) for e in _text_matches(subject.needles))
    scrub_audit(entries.values(), subject.needles)
    anonymise_user(user)


@data.purge
def purge(applications):
    """Free text about the applicants in the trail of their person in this edition (overrides' reasons)."""
    people = {str(a.applicant_id) for a in applications}
    editions = {a.edition_id for a in applications}
    scrub_audit(
        AuditEntry.objects.filter(object_type=User._meta.label_lower, object_id__in=people, edition_id__in=editions)
    )
