"""The one signal receiver of the programme, and why it is one: a coach is invited by e-mail before they have an
account, and the moment they first sign in with that (verified) address is a login, which no service of ours
calls. Everything it does is in `services.link_pending_coach_profiles`."""

from .services import link_pending_coach_profiles


def link_coach_invitations(sender, request, user, **kwargs):
    link_pending_coach_profiles(user)
