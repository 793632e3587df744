"""The organiser's outbox: review drafts, act on many at once, follow a batch, read the sent log."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from academy.privacy.audit import logs_access, record_access

from .. import clashes, held, queries, services
from ..forms import BulkActionForm, DraftForm, LogForm, OutboxFilterForm
from ..models import OutboxMessage, SendBatch, State

PAGE_SIZE = 50
organiser = edition_role_required(Role.ORGANISER)


def _filters(data):
    form = OutboxFilterForm(data)
    return form, form.values()


@organiser
def outbox(request, edition):
    form, values = _filters(request.GET)
    rows = queries.outbox(edition, **values).only(*queries.LIST_FIELDS)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k in ("state", "purpose", "q") and v})
    counts = queries.state_counts(edition)
    return render(
        request,
        "mail/outbox.html",
        {
            "edition": edition,
            "form": form,
            "page": page,
            "query": query,
            "counts": counts,
            "held": next(n for state, _label, n in counts if state == State.HELD),
            "conflicts": clashes.conflicting_decisions(edition),
            "filtered_drafts": values["state"] == State.DRAFT,
            "filtered_held": values["state"] == State.HELD,
        },
    )


@require_POST
@organiser
def outbox_action(request, edition):
    filters, values = _filters(request.POST)
    filtered = queries.outbox(edition, **values)
    form = BulkActionForm(request.POST)
    back = reverse("mail:outbox", kwargs={"slug": edition.slug})
    query = urlencode({k: v for k, v in request.POST.items() if k in ("state", "purpose", "q") and v})
    back = f"{back}?{query}" if query else back
    if not filters.is_valid():  # never widen "every mail of the filter" to the whole outbox
        messages.error(request, _("The filter is not valid any more; nothing was changed. Please filter again."))
        return redirect(reverse("mail:outbox", kwargs={"slug": edition.slug}))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    chosen = filtered if data["scope"] == "filtered" else filtered.filter(pk__in=data["ids"])
    action = data["action"]
    if action == "send":
        batch = services.send_drafts(chosen, by=request.user, edition=edition)
        if batch is None:
            messages.error(request, _("None of these mails is a draft: nothing was sent."))
            return redirect(back)
        return redirect("mail:batch", slug=edition.slug, pk=batch.pk)
    if action == "release":
        released, still = held.release_held(chosen, by=request.user, edition=edition)
        if not released and not still:
            messages.error(request, _("None of these mails is held: nothing was tried again."))
            return redirect(back)
        text = ngettext("%(n)s held mail goes on.", "%(n)s held mails go on.", released) % {"n": released}
        if still:
            text += " " + ngettext(
                "%(k)s is still held: its reason is shown beside it.",
                "%(k)s are still held: their reasons are shown beside them.",
                still,
            ) % {"k": still}
        (messages.warning if still else messages.success)(request, text)
        return redirect(back)
    if action == "discard":
        count = services.discard(chosen, by=request.user, edition=edition)
        messages.success(request, ngettext("%(n)s draft discarded.", "%(n)s drafts discarded.", count) % {"n": count})
    else:
        done, kept = services.regenerate(chosen, by=request.user, edition=edition)
        text = ngettext("%(n)s draft rendered again", "%(n)s drafts rendered again", done) % {"n": done}
        if kept:
            text += ngettext(
                "; %(k)s kept as it is (edited by hand or written by an organiser).",
                "; %(k)s kept as they are (edited by hand or written by an organiser).",
                kept,
            ) % {"k": kept}
        messages.success(request, text + ".")
    return redirect(back)


@organiser
@logs_access("mail.viewed", about=(OutboxMessage, "pk"))
def message(request, edition, pk):
    row = get_object_or_404(OutboxMessage.objects.select_related("batch"), pk=pk, edition=edition)
    form = DraftForm(request.POST or None, initial={"subject": row.subject, "body": row.body})
    if request.method == "POST" and row.state != State.DRAFT:
        messages.error(request, _("This mail is no longer a draft: it cannot be changed."))
        return redirect("mail:message", slug=edition.slug, pk=row.pk)
    if request.method == "POST" and "discard" in request.POST:
        services.discard([row.pk], by=request.user, edition=edition)
        messages.success(request, _("The draft to %(email)s is discarded.") % {"email": row.to_email})
        return redirect("mail:outbox", slug=edition.slug)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            data = form.cleaned_data
            services.edit_draft(row, subject=data["subject"], body=data["body"], by=request.user)
        if "send" in request.POST:
            batch = services.send_drafts([row.pk], by=request.user, edition=edition)
            if batch is not None:
                return redirect("mail:batch", slug=edition.slug, pk=batch.pk)
        messages.success(request, _("The draft to %(email)s is saved.") % {"email": row.to_email})
        return redirect(f"{reverse('mail:outbox', kwargs={'slug': edition.slug})}?state=draft")
    return render(request, "mail/message.html", {"edition": edition, "row": row, "form": form})


def _batch(edition, pk):
    return get_object_or_404(SendBatch.objects.select_related("created_by"), pk=pk, edition=edition)


@organiser
def batch(request, edition, pk):
    sending = _batch(edition, pk)
    return render(
        request,
        "mail/batch.html",
        {"edition": edition, "batch": sending, "progress": queries.batch_progress(sending)},
    )


@organiser
def batch_progress(request, edition, pk):
    """The htmx partial polled by the batch page; status 286 tells htmx to stop polling."""
    sending = _batch(edition, pk)
    progress = queries.batch_progress(sending)
    response = render(request, "mail/_progress.html", {"edition": edition, "batch": sending, "progress": progress})
    if progress["done"]:
        response.status_code = 286
    return response


@organiser
def log(request, edition):
    form = LogForm(request.GET or None)
    rows = None
    if form.is_valid():
        rows = queries.sent_log(edition, email=form.cleaned_data["email"]).only(*queries.LIST_FIELDS)[:500]
        record_access("mail_log.viewed", actor=request.user, edition=edition, email=form.cleaned_data["email"])
    else:
        recent = queries.outbox(edition, state=State.SENT).order_by("-sent_at", "-id").only(*queries.LIST_FIELDS)
        rows = recent[:PAGE_SIZE]
    return render(request, "mail/log.html", {"edition": edition, "form": form, "rows": rows})
