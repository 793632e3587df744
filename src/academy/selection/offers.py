"""Offers: adopting a run as the decision, confirming or declining a seat, and the expiry of offers.

Every write here runs in one transaction that first locks the edition's row (`select_for_update`),
so two requests about the same edition's seats (two declines, a decline and the expiry job, a double
click on "adopt") are processed one after the other; on SQLite the transactions are IMMEDIATE and
serialise the same way. Locks are always taken in the order edition → offer → application.
Statuses change only through `applications.status.change_status`; a freed seat is offered to the
next waitlisted applicant by `promotion.promote_next`.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.applications.models import Application, QuestionType, Status
from academy.applications.status import change_status
from academy.applications.wording import apply_address
from academy.core.errors import Refused
from academy.editions.models import Edition
from academy.participation.info import record_needs

from . import promotion
from .models import Offer, SelectionRun
from .promotion import mail_applicant, offer_address, respond_by, rules_of

USABLE = ("optimal", "time_limit")
DECIDED = (
    Status.OFFERED,
    Status.WAITLISTED,
    Status.NOT_SELECTED,
    Status.CONFIRMED,
    Status.DECLINED,
    Status.EXPIRED,
)


class OfferError(Refused, ValueError):
    """A request the rules refuse; the message says why in the reader's words."""


@dataclass
class Adoption:
    run: SelectionRun
    offered: int = 0
    waitlisted: int = 0
    not_selected: int = 0
    already: bool = False  # the run was adopted before (a double click): nothing changed


@dataclass
class Answer:
    offer: Offer
    already: bool = False  # the same answer was given before (a double submit): nothing changed
    promoted: list = field(default_factory=list)  # the offers made to waitlisted applicants


def commitment_questions(edition):
    """The commitments of the edition's form, which a person ticks again when confirming a seat."""
    return list(edition.questions.filter(type=QuestionType.COMMITMENT).order_by("position", "pk"))


def lock_edition(edition_id):
    return Edition.objects.select_for_update().select_related("academy").get(pk=edition_id)


# Adopting a run -------------------------------------------------------------------------------


def adopt(run, *, by, now=None):
    """Adopt a finished run as the edition's decision: offers, waitlist, not selected, decision drafts."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(run.edition_id)
        run = SelectionRun.objects.select_for_update().get(pk=run.pk)
        if run.adopted_at is not None:
            return Adoption(run, already=True)
        _check_adoptable(run, edition)
        selected, waitlist = list(run.result["selected"]), list(run.result["waitlist"])
        apps = Application.objects.select_related("applicant").in_bulk([*selected, *waitlist])
        for application in apps.values():
            application.edition = edition  # the locked row: mails need no query for it
        _check_still_submitted(selected, apps)
        run.adopted_at, run.adopted_by = now, by
        run.save(update_fields=["adopted_at", "adopted_by"])
        rules = rules_of(edition)
        step = _Decider(run, edition, by, now, rules, respond_by(edition, now, rules.respond_days))
        for pk in selected:
            step.decide(apps[pk], Status.OFFERED)
        for pk in waitlist:
            application = apps.get(pk)
            if application is not None and application.status == Status.SUBMITTED:
                step.decide(application, Status.WAITLISTED)
        rest = Application.objects.filter(edition=edition, status=Status.SUBMITTED, is_eligible=True)
        for application in list(rest.select_related("applicant")):
            application.edition = edition
            step.decide(application, Status.NOT_SELECTED)
        outcome = step.outcome
        record(
            "selection.adopted",
            actor=by,
            obj=run,
            edition=edition,
            offered=outcome.offered,
            waitlisted=outcome.waitlisted,
            not_selected=outcome.not_selected,
        )
    return outcome


# Each decision of an adoption: the mail it sends and the count of the Adoption it adds to.
DECISIONS = {
    Status.OFFERED: ("decision_offered", "offered"),
    Status.WAITLISTED: ("decision_waitlisted", "waitlisted"),
    Status.NOT_SELECTED: ("decision_not_selected", "not_selected"),
}


@dataclass
class _Decider:
    """One adoption's decisions: each changes the status, (for a seat) makes the offer, mails the applicant
    and counts it; waitlist positions are given in the order of deciding."""

    run: SelectionRun
    edition: Edition
    by: object
    now: object
    rules: object
    deadline: object
    outcome: Adoption = None
    position: int = 0

    def __post_init__(self):
        self.outcome = Adoption(self.run)

    def decide(self, application, status):
        purpose, counter = DECISIONS[status]
        reason = f"run {self.run.number} adopted"
        if status == Status.WAITLISTED:
            self.position += 1
            change_status(application, status, by=self.by, reason=reason, position=self.position)
        else:
            change_status(application, status, by=self.by, reason=reason)
        if status == Status.OFFERED:
            Offer.objects.create(application=application, run=self.run, offered_at=self.now, respond_by=self.deadline)
            context = {"respond_by": self.deadline, "offer_url": offer_address(application)}
        else:
            context = {
                "application_url": apply_address(self.edition),
                "explanation": _short(self.run, application.pk, self.rules),
            }
            if status == Status.WAITLISTED:
                context["waitlist_position"] = self.position
        _decision_mail(application, purpose, **context)
        setattr(self.outcome, counter, getattr(self.outcome, counter) + 1)


def _check_still_submitted(selected, apps):
    gone = [apps.get(pk) for pk in selected if pk not in apps or apps[pk].status != Status.SUBMITTED]
    if gone:
        raise OfferError(
            _("%(n)s selected application(s) are no longer submitted (withdrawn since the run): run it again.")
            % {"n": len(gone)}
        )


def _check_adoptable(run, edition):
    result = run.result or {}
    if run.state != SelectionRun.State.DONE or result.get("status") not in USABLE or not result.get("selected"):
        raise OfferError(_("Only a finished run with a cohort can be adopted."))
    other = SelectionRun.objects.filter(edition=edition, adopted_at__isnull=False).exclude(pk=run.pk).first()
    if other is not None:
        raise OfferError(_("Run %(n)s is adopted already: an edition adopts one run.") % {"n": other.number})
    if (
        Offer.objects.filter(application__edition=edition).exists()
        or edition.applications.filter(status__in=DECIDED).exists()
    ):
        raise OfferError(_("Decisions were already made for this edition: a run can no longer be adopted."))


def _short(run, pk, rules):
    """The short explanation for a decision mail ("" unless the edition gives it)."""
    if not rules.explain_in_mail:
        return ""
    message = ((run.explanations or {}).get(str(pk)) or {}).get("message", "")
    reason = message.split("; selecting them")[0].split("; they cannot")[0].removeprefix("not selected: ").strip()
    return " " + _("In short: %(reason)s.") % {"reason": reason} if reason else ""


def _decision_mail(application, purpose, **context):
    context.setdefault("application_url", apply_address(application.edition))  # any decision template may use it
    mail_applicant(application, purpose, dedupe_key=f"decision:{application.pk}", **context)


# Answering an offer ---------------------------------------------------------------------------


def confirm(offer, *, by, commitments, dietary, dietary_notes="", accessibility="", now=None):
    """Confirm the seat: every commitment ticked again, the needs for the in-person days recorded.

    Raises OfferError (the offer cannot be confirmed) or ValidationError (the needs, from record_needs)."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_edition(offer.application.edition_id)
        offer = Offer.objects.select_for_update().select_related("application__edition").get(pk=offer.pk)
        if offer.response == Offer.Response.CONFIRMED:
            return Answer(offer, already=True)
        _check_open(offer, now)
        wanted = [q.key for q in commitment_questions(offer.application.edition)]
        missing = [key for key in wanted if key not in set(commitments)]
        if missing:
            raise OfferError(_("Tick every commitment to confirm your seat."))
        application = offer.application
        record_needs(application, dietary=dietary, dietary_notes=dietary_notes, accessibility=accessibility, by=by)
        change_status(application, Status.CONFIRMED, by=by, reason="offer confirmed")
        offer.response, offer.responded_at, offer.commitments = Offer.Response.CONFIRMED, now, wanted
        offer.save(update_fields=["response", "responded_at", "commitments"])
        record("offer.confirmed", actor=by, obj=offer, edition=application.edition, application=application.pk)
    return Answer(offer)


def decline(offer, *, by, reason="", now=None):
    """Decline the seat (also after confirming it): the freed seat goes to the next waitlisted applicant."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = lock_edition(offer.application.edition_id)
        offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
        if offer.response == Offer.Response.DECLINED:
            return Answer(offer, already=True)
        if offer.response != Offer.Response.CONFIRMED:
            _check_open(offer, now)
        elif not may_give_up(offer, edition, now):
            raise OfferError(_("The academy has started: write to the organisers if you cannot continue."))
        application = offer.application
        change_status(application, Status.DECLINED, by=by, reason=reason.strip() or "offer declined")
        offer.response, offer.responded_at = Offer.Response.DECLINED, now
        offer.decline_reason = reason.strip()[:2000]
        offer.save(update_fields=["response", "responded_at", "decline_reason"])
        record("offer.declined", actor=by, obj=offer, edition=edition, application=application.pk)
        promoted = promotion.promote_next(edition, by=by, now=now)
    return Answer(offer, promoted=[promoted] if promoted else [])


def may_give_up(offer, edition, now):
    """A confirmed participant may give the seat up until the online days begin."""
    return offer.response == Offer.Response.CONFIRMED and now < edition.start_of(edition.online_start)


def _check_open(offer, now):
    if offer.response == Offer.Response.EXPIRED or offer.is_overdue(now):
        raise OfferError(_("This offer expired: the answer was due by its respond-by date."))
    if not offer.is_open:
        raise OfferError(_("This offer is answered already."))


# Expiry ---------------------------------------------------------------------------------------


def expire_overdue(*, now=None, edition=None):
    """Close every open offer past its respond-by, tell the person, and offer each freed seat.

    Idempotent: each edition's overdue offers are re-read under the edition's lock, so a second run
    (or a second machine) finds nothing left. Returns the offers made to waitlisted applicants."""
    now = now or timezone.now()
    overdue = Offer.objects.filter(response=Offer.Response.OPEN, respond_by__lt=now)
    if edition is not None:
        overdue = overdue.filter(application__edition=edition)
    promoted, expired = [], 0
    for edition_id in sorted(set(overdue.values_list("application__edition_id", flat=True))):
        with transaction.atomic():
            locked = lock_edition(edition_id)
            rows = overdue.filter(application__edition_id=edition_id).select_for_update(of=("self",))
            for offer in rows.select_related("application__applicant"):
                _expire(offer, locked, now)
                expired += 1
                made = promotion.promote_next(locked, by=None, now=now)
                promoted += [made] if made else []
    return expired, promoted


def _expire(offer, edition, now):
    application = offer.application
    change_status(application, Status.EXPIRED, by=None, reason="no answer by the respond-by date")
    offer.response, offer.responded_at = Offer.Response.EXPIRED, now
    offer.save(update_fields=["response", "responded_at"])
    record("offer.expired", actor=None, obj=offer, edition=edition, application=application.pk)
    mail_applicant(
        application,
        "offer_expired",
        dedupe_key=f"offer-expired:{application.pk}",
        edition=edition,
        respond_by=offer.respond_by,
    )
