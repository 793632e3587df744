import secrets

from django.utils import timezone

from .models import ApiToken, AuditEntry, EditionRole


def record(action, *, actor=None, obj=None, edition=None, **data):
    """Write one audit entry; callers pass the object the action touched and any details as keywords."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        edition=edition,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data,
    )


def grant_role(user, edition, role, *, by=None):
    entry, created = EditionRole.objects.get_or_create(user=user, edition=edition, role=role)
    if created:
        record("role.granted", actor=by, obj=user, edition=edition, role=role)
    return entry


def create_api_token(user, *, name=""):
    """Return the raw token: it is shown once and only its hash is kept."""
    raw = "ba_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=raw[3:11], key_hash=ApiToken.hash(raw))
    return raw


def user_for_token(raw):
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
