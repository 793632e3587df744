"""The demo's 2022 selection: the edition's rules, the demo applicant locked in, run 1 (adopted: its cohort
is offered and confirmed through the one door for status changes, so participant pages have people to
show) and run 2, a stricter what-if to compare it with at /orga/cba-2022/selection/."""

import datetime as dt

from academy.applications.models import Application, Status
from academy.applications.status import change_status

from .execution import execute
from .models import Offer, SelectionLock, SelectionRules, SelectionRun
from .runs import start_run

RULES = [
    {"rule": "country_cap", "limit": 3},
    {"rule": "organisation_cap", "limit": 1},
    {"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "share": 0.2},
    {"rule": "coverage", "dimension": "ecosystems", "at_least": 12},
]
# The what-if: two per country, and a third of the cohort new to cluster management.
STRICTER = [
    {"rule": "country_cap", "limit": 2},
    {"rule": "organisation_cap", "limit": 1},
    {"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "share": 0.3},
    {"rule": "coverage", "dimension": "ecosystems", "at_least": 12},
    {"rule": "dimension_min", "dimension": "background", "value": "Engineering / science", "count": 6, "soft": True},
]
WAITLIST = 10


def _solve(edition, organiser, when, **options):
    run = start_run(edition, by=organiser, enqueue=False, **options)
    run = execute(run.pk)
    SelectionRun.objects.filter(pk=run.pk).update(created_at=when, finished_at=when + dt.timedelta(seconds=3))
    run.refresh_from_db()
    return run


def seed(ctx):
    edition = ctx.editions["2022"]
    organiser, applicant = ctx.users["organiser"], ctx.users.get("applicant")
    SelectionRules.objects.create(edition=edition, rules=RULES, updated_by=organiser)
    mine = Application.objects.filter(edition=edition, applicant=applicant).first() if applicant else None
    if mine is not None:
        SelectionLock.objects.create(application=mine, lock=SelectionLock.Lock.IN, created_by=organiser)
    decided = edition.start_of(edition.review_closes + dt.timedelta(days=2)) + dt.timedelta(hours=10)
    run = _solve(edition, organiser, decided, seed=2022)
    result = run.result or {}
    if not result.get("selected"):
        ctx.say(f"selection: no cohort for 2022 ({run.status or run.error})")
        return
    SelectionRun.objects.filter(pk=run.pk).update(adopted_at=decided + dt.timedelta(hours=1), adopted_by=organiser)
    by_id = Application.objects.select_related("applicant").in_bulk([*result["selected"], *result["waitlist"]])
    respond_by = edition.end_of((decided + dt.timedelta(days=7)).date())
    for pk in result["selected"]:
        change_status(by_id[pk], Status.OFFERED, by=organiser, reason=f"selection run {run.number} adopted")
        change_status(by_id[pk], Status.CONFIRMED, by=by_id[pk].applicant, reason="demo confirmation")
    Offer.objects.bulk_create(
        Offer(
            application=by_id[pk],
            run=run,
            offered_at=decided + dt.timedelta(hours=1),
            respond_by=respond_by,
            response=Offer.Response.CONFIRMED,
            responded_at=decided + dt.timedelta(days=1 + ctx.rng.randint(0, 5)),
        )
        for pk in result["selected"]
    )
    for pk in result["waitlist"][:WAITLIST]:
        change_status(by_id[pk], Status.WAITLISTED, by=organiser, reason=f"selection run {run.number} adopted")
    for pk in result["waitlist"][WAITLIST:]:
        change_status(by_id[pk], Status.NOT_SELECTED, by=organiser, reason=f"selection run {run.number} adopted")
    other = _solve(edition, organiser, decided + dt.timedelta(minutes=30), seed=7, rules=STRICTER)
    ctx.say(
        f"selection: 2022 run {run.number} adopted ({run.status}, seed {run.seed}): {len(result['selected'])} "
        f"confirmed, {WAITLIST} waitlisted, the demo applicant among the participants; run {other.number} "
        f"({other.status}) is a stricter what-if; compare them at /orga/{edition.slug}/selection/"
    )
