"""Mail's own recipient groups for Compose: the people holding a role in the edition."""

from django.utils.translation import gettext_lazy as _

from academy.accounts.models import EditionRole, Role

from .groups import register_group


def _role_group(role):
    def members(edition):
        rows = EditionRole.objects.filter(edition=edition, role=role, user__is_active=True).select_related("user")
        for row in rows.order_by("user__email"):
            yield row.user.email, row.user, row.user.get_full_name()

    return members


register_group("organisers", _("Organisers of this edition"))(_role_group(Role.ORGANISER))
register_group("reviewers", _("Reviewers of this edition"))(_role_group(Role.REVIEWER))
register_group("coaches", _("Coaches of this edition"))(_role_group(Role.COACH))
