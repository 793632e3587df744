import json

from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from academy.accounts.access import public, signed_in
from academy.accounts.models import Role, User
from academy.editions.access import edition_role_required
from academy.editions.models import Edition
from academy.exports import csv_response

from . import notices, queries, services
from .audit import describe, logs_access
from .forms import AccessFilterForm, DeleteAccountForm, NoticeForm, RetentionForm
from .models import Anonymisation

organiser = edition_role_required(Role.ORGANISER)


@signed_in
def my_data(request):
    return render(request, "privacy/my_data.html")


@require_POST
@signed_in
def my_data_download(request):
    data = services.export_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@signed_in
def delete_account(request):
    blockers = services.deletion_blockers(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        services.delete_account(User.objects.get(pk=request.user.pk))
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("/")
    status = 400 if form.errors else 200
    return render(request, "privacy/delete.html", {"form": form, "blockers": blockers}, status=status)


@public
@require_safe
def notice(request, slug):
    """The edition's privacy notice as applicants read it: the current version, and the earlier ones."""
    edition = get_object_or_404(Edition.objects.select_related("academy", "retention"), slug=slug)
    current = notices.current_notice(edition)
    context = {
        "edition": edition,
        "notice": current,
        "retention": notices.retention_text(edition),
        "earlier": notices.history(edition).exclude(pk=current.pk),
    }
    return render(request, "privacy/notice.html", context)


@organiser
def write_notice(request, edition):
    """The organiser publishes a new version of the notice, starting from the current text."""
    current = notices.current_notice(edition)
    initial = {name: getattr(current, name) for name in notices.TEXT_FIELDS}
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        text = {name: form.cleaned_data[name] for name in notices.TEXT_FIELDS}
        if text == initial:
            form.add_error(None, _("Nothing has changed: change the text to publish a new version."))
        else:
            made = notices.publish(edition, text, by=request.user)
            messages.success(
                request,
                _("Version %(version)s is published. Applicants agree to it the next time they submit.")
                % {"version": made.version},
            )
            return redirect("privacy:notice", slug=edition.slug)
    context = {
        "edition": edition,
        "form": form,
        "current": current,
        "retention": notices.retention_text(edition),
        "next_version": notices.version_label(edition, current.number + 1),
    }
    return render(request, "privacy/write_notice.html", context, status=400 if form.errors else 200)


@organiser
def overview(request, edition):
    policy = services.retention_for(edition)
    form = RetentionForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        changed = "months" in form.changed_data
        policy = form.save(commit=False)
        policy.updated_by = request.user
        policy.save()
        message = _("Saved. The purge now runs on %(day)s.") % {"day": f"{policy.purge_on:%d %B %Y}"}
        if changed:
            notice = services.record_change(policy, by=request.user)
            message += " " + _("The privacy notice says so in its new version %(version)s.") % {
                "version": notice.version
            }
        messages.success(request, message)
        return redirect("privacy:overview", slug=edition.slug)
    context = {
        "edition": edition,
        "form": form,
        "policy": policy,
        "due": services.purge_due(edition),
        "preview": services.preview(edition),
        "waiting": services.purgeable(edition).count(),
        "done": Anonymisation.objects.filter(application__edition=edition).count(),
        "access_count": queries.access_entries(edition).count(),
    }
    return render(request, "privacy/overview.html", context, status=400 if form.errors else 200)


def _access_form(request, edition):
    form = AccessFilterForm(
        request.GET or None,
        actions=queries.access_actions(edition),
        people=queries.access_people(edition),
    )
    data = form.cleaned_data if form.is_valid() else {}
    return form, queries.filtered_access(edition, data)


@organiser
def access_log(request, edition):
    form, rows = _access_form(request, edition)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"edition": edition, "form": form, "page": page, "query": query.urlencode()}
    return render(request, "privacy/access_log.html", context)


@organiser
@logs_access("access_log.exported")
def access_log_csv(request, edition):
    _form, rows = _access_form(request, edition)
    zone = edition.zone
    header = [
        _("When (%(zone)s)") % {"zone": edition.time_zone},
        _("Who"),
        _("E-mail"),
        _("What"),
        _("Object"),
        _("Details"),
    ]
    lines = (
        [
            e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor.full_name if e.actor else "",
            e.actor.email if e.actor else "",
            describe(e.action),
            f"{e.object_type}#{e.object_id}" if e.object_type else "",
            json.dumps(e.data, ensure_ascii=False, sort_keys=True) if e.data else "",
        ]
        for e in rows.iterator(chunk_size=2000)
    )
    return csv_response(f"access-log-{edition.slug}.csv", header, lines)
