"""The completion rule on its edge cases, in the words participants and organisers read."""

import datetime as dt
from decimal import Decimal

import pytest

from academy.accounts.models import AuditEntry
from academy.applications.models import Status
from academy.applications.status import change_status
from academy.completion import services
from academy.completion.rule import evaluate, evaluate_one, rule_for
from tests import factories
from tests.completion import helpers
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db
NOW = helpers.NOW


def outcome(application):
    return evaluate_one(application, now=NOW)


def test_a_participant_who_did_everything_meets_the_default_rule_with_the_hours_attended(done):
    result = outcome(done)
    assert result.met and result.reasons == []
    assert result.hours == Decimal("9.0")  # 2 × 90 online + 4 × 90 in person; breaks do not count
    assert result.camera_percent == 100


def test_the_rule_is_created_with_the_defaults_when_first_needed(edition):
    rule = rule_for(edition)
    assert (rule.require_all_days, rule.day_share, rule.camera_share, rule.require_homework) == (True, 100, 75, True)
    assert rule_for(edition).pk == rule.pk


def test_absent_on_a_whole_day_is_named_with_its_date(edition, days, work):
    person = programme.participant(edition)
    helpers.complete(person, days[:1] + days[2:], [work])
    assert outcome(person).reasons == ["absent on 2 Dec 2022"]


def test_a_session_without_any_attendance_row_counts_as_missed(edition, days, work):
    person = programme.participant(edition)
    helpers.complete(person, days[:3], [work])
    helpers.attend(person, days[3][:1])  # the last day's second session has no row at all
    assert outcome(person).reasons == [f"missed “{days[3][1].title}” on 3 Mar 2023"]


def test_a_lower_day_share_lets_a_half_day_count_as_present(edition, days, work):
    person = programme.participant(edition)
    helpers.complete(person, days[:3], [work])
    helpers.attend(person, days[3][:1])
    rule = rule_for(edition)
    rule.day_share = 50
    rule.save()
    assert outcome(person).met
    rule.day_share = 51
    rule.save()
    assert outcome(person).reasons == [f"present for 50% of 3 Mar 2023, 51% needed (missed “{days[3][1].title}”)"]


def test_a_day_still_to_come_is_not_called_an_absence(edition, days, work):
    person = programme.participant(edition)
    helpers.complete(person, days[:2], [work])
    before_in_person = dt.datetime(2023, 1, 15, tzinfo=dt.UTC)
    assert evaluate_one(person, now=before_in_person).reasons == [
        "2 Mar 2023 is still to come",
        "3 Mar 2023 is still to come",
    ]


def test_camera_below_the_share_is_said_with_both_percentages(edition, days, work):
    person = helpers.complete(programme.participant(edition), days, [work])
    helpers.attend(person, days[0] + days[1], minutes=90, camera_minutes=36)
    assert outcome(person).reasons == ["camera on 40% of online time, 75% needed"]


def test_camera_exactly_at_the_share_is_enough_and_a_minute_less_is_not(edition, days, work):
    person = helpers.complete(programme.participant(edition), days, [work])
    helpers.attend(person, days[0] + days[1], minutes=80, camera_minutes=60)  # 120 of 160 minutes: 75 %
    assert outcome(person).met and outcome(person).camera_percent == 75
    helpers.attend(person, days[0], minutes=80, camera_minutes=59)
    assert outcome(person).reasons == ["camera on 74% of online time, 75% needed"]


def test_a_roll_call_camera_off_or_unknown_counts_as_off(edition, days, work):
    person = helpers.complete(programme.participant(edition), days, [work])
    helpers.attend(person, days[0], camera_on=False)
    helpers.attend(person, days[1], camera_on=None)
    assert outcome(person).reasons == ["camera on 0% of online time, 75% needed"]


def test_camera_share_zero_leaves_the_camera_out(edition, days, work):
    person = helpers.complete(programme.participant(edition), days, [work])
    helpers.attend(person, days[0] + days[1], camera_on=False)
    rule = rule_for(edition)
    rule.camera_share = 0
    rule.save()
    assert outcome(person).met


def test_zero_attended_minutes_online_leave_nothing_to_measure_and_count_no_hours(edition, days, work):
    person = helpers.complete(programme.participant(edition), days, [work])
    helpers.attend(person, days[0] + days[1], minutes=0, camera_on=False)
    result = outcome(person)
    assert result.met and result.camera_percent is None
    assert result.hours == Decimal("6.0")  # the in-person sessions only


def test_missing_homework_is_named_and_can_be_left_out_of_the_rule(edition, days, work):
    person = programme.participant(edition)
    helpers.complete(person, days)
    assert outcome(person).reasons == ["homework “Cluster strategy canvas” not handed in"]
    rule = rule_for(edition)
    rule.require_homework = False
    rule.save()
    assert outcome(person).met


def test_an_edition_without_sessions_or_homework_asks_nothing_and_counts_no_hours(edition):
    person = programme.participant(edition)
    result = outcome(person)
    assert result.met and result.hours == Decimal("0.0") and result.camera_percent is None


def test_every_reason_is_listed_at_once(edition, days, work):
    person = programme.participant(edition)
    helpers.attend(person, days[0], camera_on=False)
    reasons = outcome(person).reasons
    assert reasons == [
        "absent on 2 Dec 2022",
        "absent on 2 Mar 2023",
        "absent on 3 Mar 2023",
        "camera on 0% of online time, 75% needed",
        "homework “Cluster strategy canvas” not handed in",
    ]


def test_an_exception_lets_a_participant_complete_and_revoking_it_takes_that_back(edition, days, work):
    organiser = factories.with_role("organiser", edition)
    person = programme.participant(edition)
    services.grant_exception(person, reason="Ill on the second online day; caught up with the coach.", by=organiser)
    result = outcome(person)
    assert not result.met and result.completes and result.exception.granted_by == organiser
    assert services.revoke_exception(person, by=organiser, reason="Granted by mistake")
    assert not outcome(person).completes
    actions = list(
        AuditEntry.objects.filter(action__startswith="completion.")
        .order_by("at", "pk")
        .values_list("action", "data__reason")
    )
    assert actions == [
        ("completion.exception_granted", "Ill on the second online day; caught up with the coach."),
        ("completion.exception_revoked", "Granted by mistake"),
    ]


def test_a_participant_who_withdrew_is_not_evaluated(edition, days, work, done):
    leaving = helpers.complete(programme.participant(edition), days, [work])
    change_status(leaving, Status.DECLINED, by=leaving.applicant, reason="Cannot travel")
    assert [o.application for o in evaluate(edition, now=NOW)] == [done]
    assert evaluate_one(leaving, now=NOW) is None


def test_only_confirmed_participants_of_this_edition_are_evaluated(edition, days, done):
    programme.application(edition, status=Status.OFFERED)
    other = factories.edition(deadline=dt.date(2023, 10, 31))
    programme.participant(other)
    assert [o.application for o in evaluate(edition, now=NOW)] == [done]


def test_evaluating_a_cohort_takes_the_same_queries_for_3_as_for_30(edition, days, work, django_assert_num_queries):
    people = [helpers.complete(programme.participant(edition), days, [work]) for _ in range(3)]
    rule_for(edition)
    with django_assert_num_queries(8):
        assert len(evaluate(edition, now=NOW)) == 3
    people += [helpers.complete(programme.participant(edition), days, [work]) for _ in range(27)]
    with django_assert_num_queries(8):
        assert all(o.met for o in evaluate(edition, now=NOW))
