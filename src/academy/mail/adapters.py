from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from .services import queue_mail


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mails (verification, password reset) go through the outbox as system mails.

    allauth renders its own templates as usual; the outbox stores the result and a worker sends it."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)} | dict(context)
        message = self.render_mail(template_prefix, email, ctx)
        user = context.get("user")
        queue_mail(
            purpose="account",
            to_email=email,
            to_user=user if getattr(user, "pk", None) else None,
            context={"subject": message.subject, "body": message.body},
        )
