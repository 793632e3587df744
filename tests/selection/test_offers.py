"""Adopting a run, confirming and declining a seat, expiry, promotion from the waitlist."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from academy.accounts.models import AuditEntry
from academy.applications.models import Status
from academy.mail.models import OutboxMessage
from academy.participation.models import ParticipantNeeds
from academy.selection import offers
from academy.selection.models import Offer, SelectionRules, SelectionRun
from academy.selection.promotion import current_waitlist
from tests import factories

from . import brute
from . import offer_builders as b

pytestmark = pytest.mark.django_db
UTC = dt.UTC
NOW = dt.datetime(2022, 11, 20, 10, 0, tzinfo=UTC)
CAP = [{"rule": "country_cap", "limit": 2}]


@pytest.fixture
def edition():
    return b.edition(seats=(1, 3))


@pytest.fixture
def people(edition):
    # Three Germans score best, but the cap of 2 lets only two in; Ana (FR) takes the third seat.
    return b.pool(
        edition,
        [
            ("Dirk", "DE", 9.0),
            ("Doro", "DE", 8.0),
            ("Dana", "DE", 7.0),
            ("Ana", "FR", 6.0),
            ("Ines", "PT", 5.0),
            ("Ivo", "IT", 4.0),
            ("Pia", "PL", 3.0),
        ],
    )


def mails(purpose, application=None):
    rows = OutboxMessage.objects.filter(purpose=purpose)
    return rows.filter(related_id=str(application.pk)) if application else rows


def test_adopting_offers_seats_waitlists_in_the_runs_order_and_drafts_the_decisions(edition, people):
    run = b.adopted(edition, people, CAP, now=NOW)
    assert {name for name, a in people.items() if b.status(a) == Status.OFFERED} == {"Dirk", "Doro", "Ana"}
    assert [a.applicant.full_name for a in current_waitlist(edition)] == ["Ines", "Ivo", "Pia", "Dana"]
    assert run.adopted_at == NOW
    offer = Offer.objects.get(application=people["Dirk"])
    # 7 days later, end of day in Brussels (CET in November): 22:59:59 UTC.
    assert offer.respond_by == dt.datetime(2022, 11, 27, 22, 59, 59, 999999, tzinfo=UTC)
    assert offer.run == run and not offer.from_waitlist
    offered = mails("decision_offered", people["Dirk"]).get()
    assert offered.state == "draft" and "27 November 2022, 23:59 CET" in offered.body
    assert f"/me/applications/{people['Dirk'].pk}/offer/" in offered.body
    assert "number 1 on the waitlist" in mails("decision_waitlisted", people["Ines"]).get().body
    assert "number 4 on the waitlist" in mails("decision_waitlisted", people["Dana"]).get().body
    assert AuditEntry.objects.get(action="selection.adopted").data["offered"] == 3


def test_applications_left_out_of_the_run_are_not_selected_and_ineligible_ones_stay_submitted(edition, people):
    late = b.applicant(edition, "Late", "ES")
    ineligible = b.applicant(edition, "Nope", "CH", is_eligible=False)
    b.adopted(edition, people, CAP, now=NOW)
    assert b.status(late) == Status.NOT_SELECTED
    assert mails("decision_not_selected", late).get().state == "draft"
    assert b.status(ineligible) == Status.SUBMITTED


def test_a_double_click_on_adopt_changes_nothing_the_second_time(edition, people):
    run = b.adopted(edition, people, CAP, now=NOW)
    again = offers.adopt(run, by=None, now=NOW + dt.timedelta(seconds=1))
    assert again.already
    assert Offer.objects.count() == 3 and OutboxMessage.objects.count() == len(people)
    run.refresh_from_db()
    assert run.adopted_at == NOW


def test_adopting_refuses_an_unfinished_run_a_second_run_and_decided_applications(edition, people):
    organiser = factories.with_role("organiser", edition)
    failed = b.run(edition, people, CAP)
    SelectionRun.objects.filter(pk=failed.pk).update(state=SelectionRun.State.FAILED)
    failed.refresh_from_db()
    with pytest.raises(offers.OfferError, match="finished run"):
        offers.adopt(failed, by=organiser)
    b.adopted(edition, people, CAP, by=organiser, now=NOW)
    with pytest.raises(offers.OfferError, match="is adopted already"):
        offers.adopt(b.run(edition, people, CAP), by=organiser)


def test_adopting_refuses_when_a_selected_applicant_withdrew_since_the_run(edition, people):
    run = b.run(edition, people, CAP)
    people["Dirk"].status = Status.WITHDRAWN
    people["Dirk"].save()
    with pytest.raises(offers.OfferError, match="no longer submitted"):
        offers.adopt(run, by=None)
    assert not Offer.objects.exists() and b.status(people["Ana"]) == Status.SUBMITTED


def test_the_short_explanation_goes_into_decision_mails_only_when_the_edition_wants_it(edition, people):
    SelectionRules.objects.create(edition=edition, explain_in_mail=True)
    b.adopted(edition, people, CAP, now=NOW)
    body = mails("decision_waitlisted", people["Dana"]).get().body
    assert "In short: the country cap of 2 for DE reached by two applicants with higher scores." in body


def test_without_the_explanation_the_placeholder_leaves_no_trace(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    body = mails("decision_waitlisted", people["Dana"]).get().body
    assert "In short" not in body and "{explanation}" not in body


def test_respond_days_and_the_editions_zone_set_the_respond_by(people, edition):
    edition.time_zone = "America/New_York"
    edition.save()
    SelectionRules.objects.create(edition=edition, respond_days=3)
    b.adopted(edition, people, CAP, now=NOW)
    respond_by = Offer.objects.first().respond_by.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert (respond_by.date(), respond_by.hour, respond_by.minute) == (dt.date(2022, 11, 23), 23, 59)


def test_confirming_records_the_needs_and_a_second_confirm_changes_nothing(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offer = Offer.objects.get(application=people["Ana"])
    person = people["Ana"].applicant
    keys = [key for key, _label in b.COMMITMENTS]
    kwargs = dict(by=person, commitments=keys, dietary="vegan", accessibility="Step-free access")
    answer = offers.confirm(offer, now=NOW + dt.timedelta(days=1), **kwargs)
    assert not answer.already and b.status(people["Ana"]) == Status.CONFIRMED
    needs = ParticipantNeeds.objects.get(application=people["Ana"])
    assert (needs.dietary, needs.accessibility) == ("vegan", "Step-free access")
    offer.refresh_from_db()
    assert offer.response == "confirmed" and offer.commitments == keys
    assert offers.confirm(offer, now=NOW + dt.timedelta(days=1), **kwargs).already


def test_confirming_needs_every_commitment_and_a_valid_diet(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offer = Offer.objects.get(application=people["Ana"])
    person = people["Ana"].applicant
    with pytest.raises(offers.OfferError, match="every commitment"):
        offers.confirm(offer, by=person, commitments=["commit_attend"], dietary="none", now=NOW)
    with pytest.raises(ValidationError):
        offers.confirm(offer, by=person, commitments=["commit_attend", "commit_camera"], dietary="other", now=NOW)
    assert b.status(people["Ana"]) == Status.OFFERED and not ParticipantNeeds.objects.exists()


def test_an_offer_past_its_respond_by_can_no_longer_be_answered(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offer = Offer.objects.get(application=people["Ana"])
    late = offer.respond_by + dt.timedelta(seconds=1)
    keys = [key for key, _label in b.COMMITMENTS]
    with pytest.raises(offers.OfferError, match="expired"):
        offers.confirm(offer, by=None, commitments=keys, dietary="none", now=late)
    with pytest.raises(offers.OfferError, match="expired"):
        offers.decline(offer, by=None, now=late)


def test_a_decline_offers_the_seat_to_the_best_waitlisted_applicant_the_cap_allows(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    answer = offers.decline(Offer.objects.get(application=people["Ana"]), by=None, reason="A clash", now=NOW)
    # Dana (DE, 7.0) scores better than Ines but would be a third German: Ines gets the seat.
    (promoted,) = answer.promoted
    assert promoted.application == people["Ines"] and promoted.from_waitlist
    assert b.status(people["Ines"]) == Status.OFFERED and b.status(people["Ana"]) == Status.DECLINED
    assert Offer.objects.get(application=people["Ana"]).decline_reason == "A clash"
    promotion_mail = mails("waitlist_promotion", people["Ines"]).get()
    assert promotion_mail.state == "queued" and "/offer/" in promotion_mail.body
    # A German seat freed: now Dana fits.
    answer = offers.decline(Offer.objects.get(application=people["Dirk"]), by=None, now=NOW)
    assert answer.promoted[0].application == people["Dana"]
    assert offers.decline(Offer.objects.get(application=people["Dirk"]), by=None, now=NOW).already


def test_promotion_keeps_every_rule_and_never_exceeds_the_maximum(edition):
    rows = [
        (f"p{i}", ["DE", "FR", "IT", "PT"][i % 4], 10.0 - i, {"xp": "junior" if i % 3 else "senior"}) for i in range(12)
    ]
    people = b.pool(edition, rows)
    rules = [*CAP, {"rule": "dimension_min", "dimension": "xp", "value": "senior", "count": 1}]
    run = b.adopted(edition, people, rules, now=NOW)
    instance = run.instance
    by_id = {c["id"]: c for c in instance["candidates"]}
    for _round in range(5):
        seated = edition.applications.filter(status__in=(Status.OFFERED, Status.CONFIRMED))
        assert seated.count() <= edition.max_participants
        cohort = [by_id[a.pk] for a in seated]
        assert brute.broken(instance, cohort, soft=False) == []
        first = Offer.objects.filter(response="", application__edition=edition).order_by("pk").first()
        if first is None:
            break
        offers.decline(first, by=None, now=NOW)


def test_a_confirmed_participant_who_gives_up_the_seat_frees_it(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offer = Offer.objects.get(application=people["Dirk"])
    offers.confirm(offer, by=None, commitments=[k for k, _ in b.COMMITMENTS], dietary="none", now=NOW)
    answer = offers.decline(offer, by=None, reason="New job", now=NOW + dt.timedelta(days=5))
    assert b.status(people["Dirk"]) == Status.DECLINED
    assert answer.promoted[0].application == people["Dana"]


def test_once_the_online_days_began_a_confirmed_seat_is_no_longer_given_up_here(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offer = Offer.objects.get(application=people["Dirk"])
    offers.confirm(offer, by=None, commitments=[k for k, _ in b.COMMITMENTS], dietary="none", now=NOW)
    started = edition.start_of(edition.online_start)
    with pytest.raises(offers.OfferError, match="has started"):
        offers.decline(offer, by=None, now=started)
    assert b.status(people["Dirk"]) == Status.CONFIRMED


def test_no_seat_is_offered_when_the_edition_is_full(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    b.applicant(edition, "Added by hand", "ES", status=Status.CONFIRMED)  # 3 offers + 1: the edition is full
    answer = offers.decline(Offer.objects.get(application=people["Ana"]), by=None, now=NOW)
    assert answer.promoted == []
    assert b.status(people["Ines"]) == Status.WAITLISTED
    assert AuditEntry.objects.filter(action="offer.seat_left_free").exists()


def test_expiry_closes_overdue_offers_tells_the_person_and_promotes_once(edition, people):
    b.adopted(edition, people, CAP, now=NOW)
    offers.confirm(
        Offer.objects.get(application=people["Dirk"]),
        by=None,
        commitments=[k for k, _ in b.COMMITMENTS],
        dietary="none",
        now=NOW,
    )
    later = NOW + dt.timedelta(days=8)
    expired, promoted = offers.expire_overdue(now=later)
    assert expired == 2  # Doro and Ana; Dirk confirmed
    assert {o.application.applicant.full_name for o in promoted} == {"Dana", "Ines"}
    assert b.status(people["Ana"]) == Status.EXPIRED and mails("offer_expired", people["Ana"]).count() == 1
    assert offers.expire_overdue(now=later) == (0, [])
    assert mails("offer_expired").count() == 2 and mails("waitlist_promotion").count() == 2
