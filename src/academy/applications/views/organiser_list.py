"""The organiser's screening of an edition's applications: the filtered list, one application in full,
and the list's CSV and XLSX exports. Each view loads, checks (edition_role_required) and renders; the
querysets live in applications.queries, the export's columns in applications.exports."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django_countries.fields import Country

from academy import exports as tabular
from academy.accounts.models import AuditEntry, Role
from academy.editions.access import edition_role_required
from academy.editions.times import SHORT, format_in_zone
from academy.privacy.audit import logs_access

from .. import eligibility, exports, scores
from ..filters import NOT_FILTERS, ScreeningFilterForm
from ..models import Application, Dimension, EligibilityRule, Status
from ..queries import page_rows, registry_countries, screening_list, status_counts

ALWAYS_SHOWN = {Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN}


class ScreeningPaginator(Paginator):
    """Django's paginator, told the count (the status counts hold it already) and fetching a page with
    `page_rows`, which sorts narrow rows and loads only the page's rows in full."""

    def __init__(self, applications, per_page, count):
        super().__init__(applications, per_page)
        self.count = count

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        return self._get_page(page_rows(self.object_list, start, start + self.per_page), number, self)


def _rows(applications, edition):
    """The page's rows (dicts of queries.PAGE_FIELDS) formatted once here: a template reads dicts much faster
    than it walks model attributes, and this is the one loop of the page. ``score`` is the normalised review
    score (None: the edition has no submitted review yet, and the list no score column)."""
    eligible = {True: _("Yes"), False: _("No"), None: _("Not checked")}
    statuses = {value: str(label) for value, label in Status.choices}  # get_status_display() rebuilds this per call
    countries = {code: Country(code).name for code in {app["organisation__country"] for app in applications}}
    review_scores = scores.for_page(edition, [app["pk"] for app in applications])
    separator = formats.get_format("DECIMAL_SEPARATOR")
    rows = []
    for app in applications:
        score = review_scores.get(app["pk"]) if review_scores is not None else None
        organisation = app["organisation__name"]  # None: no organisation (a LEFT JOIN's empty side)
        rows.append(
            {
                "pk": app["pk"],
                "name": app["applicant__full_name"] or app["applicant__email"],
                "email": app["applicant__email"],
                "organisation": "—" if organisation is None else organisation,
                "country": "—" if organisation is None else countries[app["organisation__country"]],
                "status": app["status"],
                "status_label": statuses[app["status"]],
                "eligible": eligible[app["is_eligible"]],
                "submitted": format_in_zone(app["submitted_at"], edition, SHORT) or "—",
                "score": f"{score[0]:+.2f}".replace(".", separator) if score else "—",
                "reviews": score[1] if score else 0,
            }
        )
    return rows, review_scores is not None


def _screening(request, edition):
    """The edition's questions, the filter form read from the query string, and the filtered queryset."""
    questions = list(edition.questions.all())
    experience = next((q for q in questions if q.dimension == Dimension.EXPERIENCE), None)
    form = ScreeningFilterForm(request.GET, countries=registry_countries(), experience_question=experience)
    key = experience.key if experience else ""
    return questions, form, key


def _status_tabs(form, counts):
    current = form.filters.get("status", "")
    tabs = [{"value": "", "label": _("All"), "count": counts["all"]}]
    tabs += [
        {"value": s.value, "label": s.label, "count": counts[s.value]}
        for s in Status
        if s in ALWAYS_SHOWN or counts[s.value]
    ]
    for tab in tabs:
        tab["query"] = form.query_string(status=tab["value"])
        tab["current"] = tab["value"] == current
    return tabs


@edition_role_required(Role.ORGANISER)
def application_list(request, edition):
    questions, form, key = _screening(request, edition)
    filters = form.filters
    counts = status_counts(screening_list(edition, filters | {"status": ""}, experience_key=key))
    rows = screening_list(edition, filters, experience_key=key)
    paginator = ScreeningPaginator(rows, form.page_size, counts[filters.get("status", "all")])
    page = paginator.get_page(request.GET.get("page"))
    rows, with_scores = _rows(page.object_list, edition)
    context = {
        "edition": edition,
        "form": form,
        "page": page,
        "rows": rows,
        "with_scores": with_scores,
        "board_url": reverse("reviews:board", args=[edition.slug]) if with_scores else "",
        "tabs": _status_tabs(form, counts),
        "query": form.query_string(),
        "filtered": bool(filters.keys() - NOT_FILTERS),
        "unfiltered": urlencode({k: v for k, v in filters.items() if k in NOT_FILTERS}),
    }
    return render(request, "applications/screening/list.html", context)


def _file_address(application, number=None):
    """key → the address where an organiser downloads that uploaded answer: of version `number`, or of the draft."""
    query = f"?version={number}" if number else ""
    return lambda key: reverse("applications:file", args=[application.pk, key]) + query


# What the detail page shows: each column left out is one Django need not select, convert and build (a third of
# the page's time went to the ORM); a field read here that is missing costs a query, which its test would count.
_DETAIL_FIELDS = (
    "status",
    "answers",
    "created_at",
    "submitted_at",
    "consent_version",
    "consent_at",
    "applicant__full_name",
    "applicant__email",
    "organisation__name",
    "organisation__country",
    "organisation__registry_id",
)


@edition_role_required(Role.ORGANISER)
@logs_access("application.viewed", about=(Application, "pk"))
def application_detail(request, edition, pk):
    application = get_object_or_404(
        Application.objects.select_related("applicant", "organisation").only(*_DETAIL_FIELDS), pk=pk, edition=edition
    )
    questions = list(edition.questions.values_list("key", "label", "type", named=True))  # what answer_rows reads
    versions = [
        {"version": v, "answers": exports.answer_rows(questions, v.answers, _file_address(application, v.number))}
        for v in application.versions.only("number", "answers", "submitted_at").order_by("-number")
    ]
    latest = versions[0] if versions else None
    draft_changed = latest is not None and application.answers != latest["version"].answers
    draft = []  # the draft's rows only when they are shown: nothing submitted yet, or changed since
    if draft_changed or latest is None:
        draft = exports.answer_rows(questions, application.answers, _file_address(application))
    trail = (
        AuditEntry.objects.filter(object_type=Application._meta.label_lower, object_id=str(application.pk))
        .exclude(action="application.viewed")
        .values("at", "action", "data", "actor__full_name", "actor__email")
    )
    verdict = eligibility.check(application.applicant, edition)
    context = {
        "edition": edition,
        "application": application,
        "status": Status(application.status).label,
        "answers": latest["answers"] if latest else draft,
        "versions": versions,
        "draft_changed": draft_changed,
        "draft": draft,
        "verdict": verdict,
        "overridden": [(EligibilityRule(rule).label, reason) for rule, reason in verdict.overridden],
        "trail": trail,
    }
    return render(request, "applications/screening/detail.html", context)


def _export(request, edition, extension):
    questions, form, key = _screening(request, edition)
    filters = form.filters
    applications = screening_list(edition, filters, experience_key=key)
    header = exports.header(questions)
    rows = exports.rows(applications, questions, edition)
    name = exports.filename(edition, extension)
    if extension == "xlsx":
        return tabular.xlsx_response(name, header, rows, title=_("Applications"))
    return tabular.csv_response(name, header, rows)


@edition_role_required(Role.ORGANISER)
@logs_access("applications.exported", format="csv")
def export_csv(request, edition):
    return _export(request, edition, "csv")


@edition_role_required(Role.ORGANISER)
@logs_access("applications.exported", format="xlsx")
def export_xlsx(request, edition):
    return _export(request, edition, "xlsx")
