"""The 2022 offers as they happened: each confirmed participant answered an offer made after review
closed; one person declined a week later and the best waitlisted applicant took the seat.

Runs after the selection step, whatever it left: confirmed applications without an offer get a
confirmed Offer row dated in November 2022, offers still open are confirmed then. The demo applicant
stays a confirmed participant (she is never the one who declines)."""

import datetime as dt

from academy.applications.models import Application, Status
from academy.applications.status import change_status
from academy.reviews.board import aggregate

from .models import Offer
from .promotion import adopted_run, choose, current_waitlist

DECLINE_REASON = "Our general assembly moved to the week of the in-person days."


def seed(ctx):
    edition = ctx.editions["2022"]
    run = adopted_run(edition)
    offered_at = edition.start_of(edition.review_closes + dt.timedelta(days=2)) + dt.timedelta(hours=10)
    respond_by = edition.end_of(offered_at.date() + dt.timedelta(days=7))
    cohort = list(
        Application.objects.filter(edition=edition, status__in=(Status.CONFIRMED, Status.OFFERED))
        .select_related("applicant")
        .order_by("pk")
    )
    if not cohort:
        ctx.say("offers: no 2022 cohort to make offers to")
        return
    existing = {o.application_id: o for o in Offer.objects.filter(application__in=cohort)}
    for application in cohort:
        answered = offered_at + dt.timedelta(hours=ctx.rng.randint(2, 6 * 24))
        offer = existing.get(application.pk) or Offer(application=application, run=run)
        offer.offered_at, offer.respond_by = offered_at, respond_by
        offer.response, offer.responded_at = Offer.Response.CONFIRMED, answered
        offer.save()
        if application.status == Status.OFFERED:
            change_status(application, Status.CONFIRMED, by=application.applicant, reason="demo confirmation")
    demo_applicant = ctx.users.get("applicant")
    others = [a for a in cohort if not demo_applicant or a.applicant_id != demo_applicant.pk]
    newcomer = _promote_after_a_decline(ctx, edition, run, others, offered_at)
    ctx.say(
        f"offers: {len(cohort)} offers of 2022 answered"
        + (f"; one declined, {newcomer.applicant.full_name} promoted from the waitlist" if newcomer else "")
        + f"; organisers see them at /orga/{edition.slug}/offers/"
    )


def _promote_after_a_decline(ctx, edition, run, others, offered_at):
    waiting = current_waitlist(edition, run)
    if not others or not waiting:
        return None
    leaving = ctx.rng.choice(others)
    declined_at = offered_at + dt.timedelta(days=5, hours=3)
    change_status(leaving, Status.DECLINED, by=leaving.applicant, reason=DECLINE_REASON)
    Offer.objects.filter(application=leaving).update(
        response=Offer.Response.DECLINED, responded_at=declined_at, decline_reason=DECLINE_REASON
    )
    chosen = choose(edition, run) if run else None  # the solver's pick, keeping the run's rules
    if chosen is None:  # no adopted run to re-solve: the best normalised score waiting takes the seat
        scores = aggregate(edition).applications
        waiting.sort(key=lambda a: -(scores[a.pk].normalised if a.pk in scores else -99))
    newcomer = next((a for a in waiting if a.pk == chosen), waiting[0])
    change_status(newcomer, Status.OFFERED, by=ctx.users["organiser"], reason="promoted from the waitlist")
    Offer.objects.create(
        application=newcomer,
        run=run,
        from_waitlist=True,
        offered_at=declined_at,
        respond_by=edition.end_of(declined_at.date() + dt.timedelta(days=7)),
        response=Offer.Response.CONFIRMED,
        responded_at=declined_at + dt.timedelta(days=1, hours=2),
    )
    change_status(newcomer, Status.CONFIRMED, by=newcomer.applicant, reason="demo confirmation")
    return newcomer
