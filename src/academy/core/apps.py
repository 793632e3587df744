from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor every app may use: the job scheduler, the plugin registries, the personal-data
    registry. It imports no app of the academy (import-linter checks it)."""

    name = "academy.core"
    label = "core"
    verbose_name = _("Core")
