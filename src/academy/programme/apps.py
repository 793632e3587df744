from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "academy.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from .receivers import link_coach_invitations  # noqa: PLC0415 - models load only once the apps are ready

        user_logged_in.connect(link_coach_invitations, dispatch_uid="programme.link_coach_invitations")
