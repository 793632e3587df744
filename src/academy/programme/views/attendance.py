"""Roll call and report import (organisers and the edition's coaches), exports (organisers)."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.accounts.models import Role
from academy.applications.queries import participants
from academy.editions.access import edition_role_required
from academy.privacy.audit import logs_access

from ..attendance import apply_import, plan_import, report_from_data, rows_to_data, save_roll_call
from ..attendance_import import ReportError, parse_report
from ..exports import attendance_csv, attendance_xlsx
from ..forms import ImportConfirmForm, ReportUploadForm, RollCallForm
from ..models import Attendance, Kind, Session

PREVIEW_MAX_AGE = 60 * 60  # seconds a preview may wait for its confirmation


def _session(edition, pk):
    session = get_object_or_404(Session.objects.exclude(kind=Kind.BREAK), pk=pk, edition=edition)
    session.edition = edition  # already loaded by the access check
    return session


@edition_role_required(Role.ORGANISER, Role.COACH)
def roll_call(request, edition, pk):
    session = _session(edition, pk)
    people = list(participants(edition))
    records = {a.application_id: a for a in Attendance.objects.filter(session=session)}
    form = RollCallForm(request.POST or None, participants=people, records=records, session=session)
    if request.method == "POST" and form.is_valid():
        everyone = "all_present" in request.POST
        changed = save_roll_call(session, form.entries(all_present=everyone), by=request.user)
        text = ngettext("Attendance saved (%(n)d row changed).", "Attendance saved (%(n)d rows changed).", changed)
        messages.success(request, text % {"n": changed})
        return redirect("programme:roll_call", slug=edition.slug, pk=session.pk)
    return render(
        request,
        "programme/roll_call.html",
        {"edition": edition, "session": session, "form": form, "records": records},
        status=400 if form.errors else 200,
    )


def _salt(session, user):
    return f"programme.attendance-import:{session.pk}:{user.pk}"


@edition_role_required(Role.ORGANISER, Role.COACH)
def import_report(request, edition, pk):
    """Upload → preview (matched, unmatched with a select each, unreadable lines) → confirm. Nothing is written
    before the confirmation; the parsed rows travel signed in the page, so no server state is kept between."""
    session = _session(edition, pk)
    people = list(participants(edition))
    context = {"edition": edition, "session": session}
    if request.method == "POST" and "payload" in request.POST:
        try:
            data = signing.loads(request.POST["payload"], salt=_salt(session, request.user), max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("This preview has expired or was altered: upload the report again."))
            return redirect("programme:import_report", slug=edition.slug, pk=session.pk)
        return _confirm(request, context, report_from_data(data), people, request.POST["payload"])
    upload = ReportUploadForm(request.POST or None, request.FILES or None, initial={"time_zone": edition.time_zone})
    if request.method == "POST" and upload.is_valid():
        try:
            zone = ZoneInfo(upload.cleaned_data["time_zone"])
            days = {session.starts_at.astimezone(zone).date(), session.ends_at.astimezone(zone).date()}
            report = parse_report(upload.cleaned_data["report"].read(), zone=zone, days=days)
            plan = plan_import(report, session, people)
        except ReportError as error:
            upload.add_error("report", str(error))
        else:
            payload = signing.dumps(rows_to_data(report), salt=_salt(session, request.user), compress=True)
            form = ImportConfirmForm(
                initial={"payload": payload},
                unmatched=plan.unmatched,
                participants=people,
                has_errors=bool(plan.errors),
            )
            return render(request, "programme/import_preview.html", context | {"plan": plan, "form": form})
    return render(
        request, "programme/import_upload.html", context | {"form": upload}, status=400 if upload.errors else 200
    )


def _confirm(request, context, report, people, payload):
    session = context["session"]
    try:
        plan = plan_import(report, session, people)
    except ReportError as error:  # the session was moved since the preview
        messages.error(request, str(error))
        return redirect("programme:import_report", slug=context["edition"].slug, pk=session.pk)
    form = ImportConfirmForm(request.POST, unmatched=plan.unmatched, participants=people, has_errors=bool(plan.errors))
    if form.is_valid():
        plan = plan_import(report, session, people, manual=form.manual())
        count = apply_import(plan, by=request.user)
        imported = ngettext(
            "Imported the attendance of %(n)d participant.", "Imported the attendance of %(n)d participants.", count
        ) % {"n": count}
        left = len(plan.unmatched)
        unmatched = ngettext(
            "%(n)d person of the report was left unmatched.", "%(n)d people of the report were left unmatched.", left
        ) % {"n": left}
        messages.success(request, f"{imported} {unmatched}" if left else imported)
        return redirect("programme:roll_call", slug=context["edition"].slug, pk=session.pk)
    return render(request, "programme/import_preview.html", context | {"plan": plan, "form": form}, status=400)


def _download(request, edition, body, content_type, suffix):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-attendance.{suffix}"'
    return response


@edition_role_required(Role.ORGANISER)
@logs_access("attendance.exported", format="csv")
def export_csv(request, edition):
    return _download(request, edition, attendance_csv(edition), "text/csv; charset=utf-8", "csv")


@edition_role_required(Role.ORGANISER)
@logs_access("attendance.exported", format="xlsx")
def export_xlsx(request, edition):
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(request, edition, attendance_xlsx(edition), xlsx, "xlsx")
