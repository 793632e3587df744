from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "academy.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .receivers import link_coach_invitations

        user_logged_in.connect(link_coach_invitations, dispatch_uid="programme.link_coach_invitations")
