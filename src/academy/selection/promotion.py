"""Promotion: a freed seat goes to the waitlisted applicant whose entry keeps the cohort within the rules.

The adopted run's instance is solved again by `solver.promote` with the confirmed seats and the open
offers fixed, among the applicants still waitlisted only (everyone else is passed as "declined", so
the solver never picks them), with the run's seed for ties. The caller holds the edition's row lock
(offers.lock_edition), so two freed seats are filled one after the other and the second promotion
sees the first's offer: the cohort never grows past the edition's maximum.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from academy.accounts.services import record
from academy.applications.models import Application, Status
from academy.applications.status import change_status
from academy.mail.services import queue_mail

from .instance import Instance
from .models import Offer, SelectionRules
from .runs import adopted_run
from .solver import promote

SEATED = (Status.CONFIRMED, Status.OFFERED)


def rules_of(edition):
    return SelectionRules.objects.filter(edition=edition).first() or SelectionRules(edition=edition)


def respond_by(edition, now, days=None):
    """The end of the day `days` (default: the edition's respond_days) after `now`, in the edition's zone."""
    if days is None:
        days = rules_of(edition).respond_days
    day = timezone.localtime(now, edition.zone).date() + dt.timedelta(days=days)
    return edition.end_of(day).astimezone(dt.UTC)


def mail_applicant(application, purpose, *, dedupe_key, edition=None, **context):
    """Queue (or, for a decision, draft) one mail about this application to its applicant."""
    person = application.applicant
    return queue_mail(
        purpose=purpose,
        to_email=person.email,
        to_user=person,
        edition=edition or application.edition,
        context=context,
        related=application,
        dedupe_key=dedupe_key,
    )


def offer_address(application):
    return settings.SITE_URL + reverse("selection:offer", kwargs={"pk": application.pk})


def current_waitlist(edition, run=None):
    """The applicants still waitlisted, in the adopted run's order (those it does not list last)."""
    run = run or adopted_run(edition)
    waiting = {a.pk: a for a in edition.applications.filter(status=Status.WAITLISTED).select_related("applicant")}
    order = [pk for pk in ((run.result or {}).get("waitlist", []) if run else []) if pk in waiting]
    order += sorted(set(waiting) - set(order))
    return [waiting[pk] for pk in order]


def choose(edition, run):
    """The application pk the solver names for a free seat, or None (no seat free, or nobody fits)."""
    seated = edition.applications.filter(status__in=SEATED).count()
    if run is None or not run.instance or seated >= edition.max_participants:
        return None
    instance = Instance.from_json(run.instance)
    ids = [c.id for c in instance.candidates]
    status = dict(Application.objects.filter(edition=edition, pk__in=ids).values_list("pk", "status"))
    confirmed = [i for i in ids if status.get(i) == Status.CONFIRMED]
    offered = [i for i in ids if status.get(i) == Status.OFFERED]
    others = [i for i in ids if status.get(i) not in (Status.CONFIRMED, Status.OFFERED, Status.WAITLISTED)]
    pick = promote(instance, confirmed, others, offered, seed=run.seed)
    return pick if pick is not None and status.get(pick) == Status.WAITLISTED else None


def promote_next(edition, *, by, now=None):
    """Offer one freed seat to the waitlisted applicant the solver names; return the Offer, or None.

    The caller holds the lock on the edition's row."""
    now = now or timezone.now()
    run = adopted_run(edition)
    pk = choose(edition, run)
    if pk is None:
        record("offer.seat_left_free", actor=by, edition=edition, run=run.number if run else None)
        return None
    application = Application.objects.select_related("applicant", "edition").get(pk=pk)
    change_status(application, Status.OFFERED, by=by, reason="promoted from the waitlist")
    deadline = respond_by(edition, now)
    offer = Offer.objects.create(
        application=application, run=run, from_waitlist=True, offered_at=now, respond_by=deadline
    )
    record("offer.promoted", actor=by, obj=offer, edition=edition, application=pk, run=run.number)
    mail_applicant(
        application,
        "waitlist_promotion",
        dedupe_key=f"waitlist-promotion:{pk}",
        edition=edition,
        respond_by=deadline,
        offer_url=offer_address(application),
    )
    return offer


def offers_of(edition):
    """Every offer of the edition with its person, for the organiser's list and its exports."""
    return Offer.objects.filter(application__edition=edition).select_related(
        "application__applicant", "application__organisation", "run"
    )
