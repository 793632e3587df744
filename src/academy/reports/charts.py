"""The dashboard's figures as charts (the JSON that academy/js/charts.js draws) each with its data table,
which is what screen readers read: one Panel per chart."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from academy.editions.times import format_in_zone

from . import metrics


@dataclass
class Panel:
    key: str
    title: str
    caption: str
    headers: list
    rows: list  # [[row header, value, …]]
    chart: dict | None = None
    note: str = ""
    empty: str = ""
    numeric: list = field(default_factory=list)

    @property
    def chart_id(self):
        return f"chart-{self.key}"


def _split_panel(key, title, splits, *, what):
    labels = [s.label for s in splits]
    chart = {
        "id": f"chart-{key}",
        "type": "bar",
        "labels": labels,
        "datasets": [
            {"label": _("Applicants"), "data": [s.applicants for s in splits]},
            {"label": _("Cohort"), "data": [s.cohort for s in splits]},
        ],
    }
    return Panel(
        key,
        title,
        _("Applicants and cohort by %(what)s") % {"what": what},
        [what.capitalize(), _("Applicants"), _("Cohort")],
        [[s.label, s.applicants, s.cohort] for s in splits],
        chart if splits else None,
        empty=_("No submitted applications yet."),
    )


def per_day_panel(edition, days):
    deadline = edition.application_deadline
    marker = next((i for i, d in enumerate(days) if d.day == deadline), None)
    chart = {
        "id": "chart-per-day",
        "type": "line",
        "labels": [d.label for d in days],
        "datasets": [{"label": _("Applications submitted so far"), "data": [d.total for d in days]}],
        "horizontal": False,
    }
    if marker is not None:
        chart["marker"] = {"index": marker, "label": _("Deadline")}
    zone = edition.time_zone
    submitted = any(d.new for d in days)
    rows = [
        [date_format(d.day, "j F Y") + (" — " + _("deadline") if d.day == deadline else ""), d.new, d.total]
        for d in days
        if submitted
    ]
    return Panel(
        "per-day",
        _("Applications per day"),
        _("First submissions per day (in %(zone)s) and the running total; deadline %(deadline)s, end of day")
        % {"zone": zone, "deadline": date_format(deadline, "j F Y")},
        [_("Day"), _("Submitted that day"), _("Submitted so far")],
        rows,
        chart if submitted else None,
        empty=_("No application has been submitted yet."),
    )


def review_panel(progress):
    chart = {
        "id": "chart-reviews",
        "type": "bar",
        "stacked": True,
        "labels": [p.name for p in progress],
        "datasets": [
            {"label": _("Submitted"), "data": [p.submitted for p in progress]},
            {"label": _("Still to do"), "data": [p.left for p in progress]},
        ],
    }
    total, done = sum(p.assigned for p in progress), sum(p.submitted for p in progress)
    return Panel(
        "reviews",
        _("Review progress"),
        _("Reviews per reviewer"),
        [_("Reviewer"), _("Assigned"), _("Submitted"), _("Still to do")],
        [[p.name, p.assigned, p.submitted, p.left] for p in progress],
        chart if progress else None,
        note=_("%(done)s of %(total)s reviews submitted.") % {"done": done, "total": total} if total else "",
        empty=_("No reviewer has been assigned yet."),
    )


def rate_panel(key, title, caption, what, rates, *, empty, when):
    """`when(moment)`: the text of a rate's date or time (times in the edition's zone with its abbreviation)."""
    chart = {
        "id": f"chart-{key}",
        "type": "bar",
        "labels": [r.label for r in rates],
        "datasets": [{"label": _("Share of the cohort (%)"), "data": [r.percent for r in rates]}],
    }
    rows = [[r.label, when(r.when) if r.when else "", r.done, r.of, f"{r.percent} %"] for r in rates]
    return Panel(
        key,
        title,
        caption,
        [what, _("When"), _("Participants"), _("Cohort"), _("Share")],
        rows,
        chart if rates and any(r.of for r in rates) else None,
        empty=empty,
    )


def panels(edition, *, today=None):
    """Every chart of the dashboard, in reading order, with the funnel and the survey summaries beside."""
    cohort = metrics.cohort_size(edition)
    answers = metrics.by_answers(edition)
    charts = [
        per_day_panel(edition, metrics.applications_per_day(edition, today=today)),
        _split_panel("country", _("Countries"), metrics.by_country(edition), what=_("country")),
        _split_panel("ecosystem", _("Industrial ecosystems"), metrics.by_ecosystem(edition), what=_("ecosystem")),
    ]
    if "experience" in answers:
        charts.append(_split_panel("experience", _("Experience"), answers["experience"], what=_("experience")))
    if "background" in answers:
        charts.append(
            _split_panel("background", _("Professional background"), answers["background"], what=_("background"))
        )
    charts.append(review_panel(metrics.review_progress(edition)))
    charts.append(
        rate_panel(
            "attendance",
            _("Attendance"),
            _("Participants present per session"),
            _("Session"),
            metrics.attendance_rates(edition, cohort),
            empty=_("The programme has no sessions yet."),
            when=lambda moment: format_in_zone(moment, edition),
        )
    )
    charts.append(
        rate_panel(
            "homework",
            _("Homework"),
            _("Participants who handed in, per assignment"),
            _("Assignment"),
            metrics.homework_rates(edition, cohort),
            empty=_("No homework has been set yet."),
            when=lambda day: date_format(day, "j F Y"),
        )
    )
    stages, withdrawn = metrics.funnel(edition)
    return {
        "cohort": cohort,
        "funnel": stages,
        "withdrawn": withdrawn,
        "panels": charts,
        "charts": [p.chart for p in charts if p.chart],
        "surveys": metrics.survey_summaries(edition, cohort),
    }
