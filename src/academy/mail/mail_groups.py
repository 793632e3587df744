"""Mail's own recipient groups for Compose: the people holding a role in the edition."""

from django.utils.translation import gettext_lazy as _

from academy.accounts.models import Role, User

from .groups import register_group


def _role_group(role):
    def members(edition):
        return User.objects.filter(is_active=True, edition_roles__edition=edition, edition_roles__role=role)

    return members


register_group("organisers", _("Organisers of this edition"))(_role_group(Role.ORGANISER))
register_group("reviewers", _("Reviewers of this edition"))(_role_group(Role.REVIEWER))
register_group("coaches", _("Coaches of this edition"))(_role_group(Role.COACH))
