import datetime as dt
import zoneinfo

import pytest

from academy.editions.models import Phase
from tests import factories

UTC = dt.UTC


@pytest.mark.django_db
def test_2022_deadline_is_end_of_31_october_in_cet_after_dst_ended():
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    assert edition.deadline.isoformat() == "2022-10-31T23:59:59.999999+01:00"
    assert edition.deadline.astimezone(UTC) == dt.datetime(2022, 10, 31, 22, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.django_db
def test_summer_deadline_is_in_cest():
    edition = factories.edition(deadline=dt.date(2023, 6, 30))
    assert edition.deadline.utcoffset() == dt.timedelta(hours=2)
    assert edition.deadline.astimezone(UTC).hour == 21


@pytest.mark.django_db
def test_deadline_follows_the_edition_zone_not_the_server_zone():
    edition = factories.edition(deadline=dt.date(2022, 10, 31), time_zone="Europe/Lisbon")
    assert edition.deadline.utcoffset() == dt.timedelta(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        ("2022-10-31T23:59:59.999+01:00", True),
        ("2022-11-01T00:00:00+01:00", False),
        ("2022-10-31T22:59:59+00:00", True),
        ("2022-10-31T23:00:00+00:00", False),
    ],
)
def test_applications_accepted_until_the_last_instant_of_the_deadline_day(moment, accepted):
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    assert edition.accepts_applications(dt.datetime.fromisoformat(moment)) is accepted


@pytest.mark.django_db
def test_applications_not_accepted_before_the_call_opens():
    edition = factories.edition(deadline=dt.date(2022, 10, 31), call_opens=dt.date(2022, 9, 26))
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    assert not edition.accepts_applications(dt.datetime(2022, 9, 25, 23, 59, tzinfo=brussels))
    assert edition.accepts_applications(dt.datetime(2022, 9, 26, 0, 0, tzinfo=brussels))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("local", "phase"),
    [
        ("2022-09-01 12:00", Phase.UPCOMING),
        ("2022-10-31 23:59", Phase.CALL_OPEN),
        ("2022-11-01 00:00", Phase.REVIEW),
        ("2022-11-14 23:59", Phase.REVIEW),
        ("2022-11-15 00:00", Phase.SELECTION),
        ("2022-12-01 09:00", Phase.ONLINE),
        ("2022-12-02 23:59", Phase.ONLINE),
        ("2023-01-15 10:00", Phase.HOMEWORK),
        ("2023-03-02 09:00", Phase.IN_PERSON),
        ("2023-03-04 00:00", Phase.COMPLETED),
    ],
)
def test_phase_derives_from_the_dates_in_the_edition_zone(local, phase):
    edition = factories.edition(
        call_opens=dt.date(2022, 9, 26),
        deadline=dt.date(2022, 10, 31),
        review_closes=dt.date(2022, 11, 14),
        online_start=dt.date(2022, 12, 1),
        online_end=dt.date(2022, 12, 2),
        in_person_start=dt.date(2023, 3, 2),
        in_person_end=dt.date(2023, 3, 3),
    )
    moment = dt.datetime.fromisoformat(local).replace(tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    assert edition.phase(moment) == phase


@pytest.mark.django_db
def test_dates_out_of_order_are_refused_with_the_field_named():
    from django.core.exceptions import ValidationError

    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    edition.online_start = dt.date(2022, 10, 1)
    with pytest.raises(ValidationError) as caught:
        edition.full_clean()
    assert "online_start" in caught.value.message_dict


@pytest.mark.django_db
def test_unknown_time_zone_is_refused():
    from django.core.exceptions import ValidationError

    edition = factories.edition()
    edition.time_zone = "Europe/Atlantis"
    with pytest.raises(ValidationError) as caught:
        edition.full_clean()
    assert "time_zone" in caught.value.message_dict
