"""allauth's mails (sign-up verification, password reset) as the platform's own: through the outbox, in
the academy's name (SITE_NAME) with links to SITE_URL, whatever host the request came in on; and the
verification link carries where the person was going (`next`), so that they land there afterwards."""

from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme

from .services import queue_mail


def site_url():
    return settings.SITE_URL.rstrip("/")


def on_site(url):
    """The same address on SITE_URL: the scheme and host of the request give way to the site's own."""
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return url
    return site_url() + parts.path + (f"?{parts.query}" if parts.query else "")


def next_of(request):
    """The local address the person was going to (the form's or the address's `next`), or ""."""
    if request is None:
        return ""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if not wanted.startswith("/") or not url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
        return ""
    return wanted


class AccountAdapter(DefaultAccountAdapter):
    """allauth renders its templates (ours in templates/account/email/), the outbox stores and sends."""

    def format_email_subject(self, subject):
        return f"[{settings.SITE_NAME}] {force_str(subject)}"

    def get_email_confirmation_url(self, request, emailconfirmation):
        url = on_site(super().get_email_confirmation_url(request, emailconfirmation))
        wanted = next_of(request)
        return f"{url}?{urlencode({'next': wanted})}" if wanted else url

    def send_mail(self, template_prefix, email, context):
        site = SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(site_url()).netloc)
        links = {k: on_site(v) for k, v in context.items() if k.endswith("_url") and isinstance(v, str)}
        ctx = {
            "request": allauth_context.request,
            "email": email,
            "current_site": site,
            "site_name": settings.SITE_NAME,
            "site_url": site_url(),
        }
        message = self.render_mail(template_prefix, email, ctx | dict(context) | links)
        user = context.get("user")
        queue_mail(
            purpose="account",
            to_email=email,
            to_user=user if getattr(user, "pk", None) else None,
            context={"subject": message.subject, "body": message.body},
        )
