"""The organiser's template editor and Compose."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.accounts.models import Role
from academy.editions.access import edition_role_required

from .. import purposes, rendering, services
from ..forms import ComposeForm, TemplateForm
from ..models import MailTemplate

organiser = edition_role_required(Role.ORGANISER)


@organiser
def templates(request, edition):
    """Each purpose with where its text comes from: this edition, an earlier one, or the default."""
    rows = (
        MailTemplate.objects.filter(edition__academy_id=edition.academy_id, edition__call_opens__lte=edition.call_opens)
        .select_related("edition")
        .order_by("-edition__call_opens")
        .only("purpose", "subject", "edition__name", "edition__call_opens")
    )
    source = {}
    for row in rows:
        source.setdefault(row.purpose, row)
    items = [
        {
            "purpose": p,
            "own": p.key in source and source[p.key].edition_id == edition.pk,
            "template": source.get(p.key),
            "subject": source[p.key].subject if p.key in source else p.subject,
        }
        for p in purposes.EDITABLE
    ]
    return render(request, "mail/templates.html", {"edition": edition, "items": items})


@organiser
def template_edit(request, edition, purpose):
    info = purposes.PURPOSES.get(purpose)
    if info is None or not info.editable:
        raise Http404
    subject, body, source = services.effective_template(edition, purpose)
    form = TemplateForm(request.POST or None, purpose=purpose, initial={"subject": subject, "body": body})
    preview = None
    if request.method == "POST" and "reset" in request.POST:
        services.reset_template(edition, purpose, by=request.user)
        messages.success(request, _("“%(purpose)s” uses the inherited text again.") % {"purpose": info.label})
        return redirect("mail:template_edit", slug=edition.slug, purpose=purpose)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = _preview(edition, purpose, data, form)
        else:
            services.save_template(edition, purpose, subject=data["subject"], body=data["body"], by=request.user)
            saved = {"purpose": info.label, "edition": edition}
            messages.success(request, _("“%(purpose)s” is saved for %(edition)s.") % saved)
            return redirect("mail:templates", slug=edition.slug)
    return render(
        request,
        "mail/template_edit.html",
        {
            "edition": edition,
            "purpose": info,
            "form": form,
            "source": source,
            "placeholders": rendering.valid_placeholders(purpose),
            "preview": preview,
            "drafts_url": f"{reverse('mail:outbox', kwargs={'slug': edition.slug})}?state=draft&purpose={purpose}",
        },
        status=400 if form.errors else 200,
    )


def _preview(edition, purpose, data, form):
    email = data.get("preview_email")
    if not email:
        form.add_error("preview_email", _("Enter the address of the person to preview the mail for."))
        return None
    try:
        subject, body = services.preview(edition, purpose, subject=data["subject"], body=data["body"], email=email)
    except LookupError:
        form.add_error(
            "preview_email",
            _("%(email)s is not known in this edition: choose an organiser, reviewer, coach or a recipient.")
            % {"email": email},
        )
        return None
    return {"to": email, "subject": subject, "body": body}


@organiser
def compose(request, edition):
    form = ComposeForm(request.POST or None, edition=edition, initial={"body": purposes.get("message").body})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        count = services.compose(
            edition, group=data["group"], subject=data["subject"], body=data["body"], by=request.user
        )
        if count:
            messages.success(
                request,
                ngettext(
                    "%(n)s draft is in the outbox: review it, then send it.",
                    "%(n)s drafts are in the outbox: review them, then send them.",
                    count,
                )
                % {"n": count},
            )
            return redirect(f"{reverse('mail:outbox', kwargs={'slug': edition.slug})}?state=draft&purpose=message")
        form.add_error("group", _("Nobody is in this group yet: no mail was written."))
    return render(
        request,
        "mail/compose.html",
        {"edition": edition, "form": form, "placeholders": rendering.valid_placeholders("message")},
        status=400 if form.errors else 200,
    )
