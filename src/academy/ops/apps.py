from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform: backups, restores, health checks. Imports no domain app."""

    name = "academy.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 - registers the deploy checks
