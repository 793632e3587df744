"""How the dates of a participant report are read: the order of day and month decided from the file itself,
never guessed. Pure functions, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from academy.programme.report_dates import DAY_FIRST, MONTH_FIRST, YEAR_FIRST, DatesUndecided, decide, parse

BRUSSELS = ZoneInfo("Europe/Brussels")
DEC_1 = dt.datetime(2022, 12, 1, 9, 2, 11, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("12/01/2022 09:02:11 AM", MONTH_FIRST),  # Zoom, United States
        ("12/1/22, 9:02:11\u202fAM", MONTH_FIRST),  # Teams, United States (narrow no-break space)
        ("12/1/2022 9:02:11 a.m.", MONTH_FIRST),
        ("01/12/2022, 09:02:11", DAY_FIRST),  # Teams, United Kingdom
        ("1/12/22 09:02:11", DAY_FIRST),
        ("01/12/2022 09:02:11 am", DAY_FIRST),  # Australia: day first, 12-hour clock
        ("01.12.2022 09:02:11", DAY_FIRST),  # Germany, Poland
        ("1.12.22, 09:02:11", DAY_FIRST),
        ("2022-12-01 09:02:11", YEAR_FIRST),  # ISO, Sweden
        ("2022-12-01T09:02:11", YEAR_FIRST),
        ("2022/12/01 09:02:11", YEAR_FIRST),  # Japan
        ("2022-12-01T08:02:11Z", YEAR_FIRST),  # with its offset: the zone given does not apply
        ("2022-12-01 09:02:11+01:00", DAY_FIRST),
    ],
)
def test_every_written_form_names_the_same_moment(text, order):
    assert parse(text, order, BRUSSELS) == DEC_1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.12.2022 09:02", dt.datetime(2022, 12, 1, 9, 2, tzinfo=BRUSSELS)),
        ("12/01/2022 12:30:00 AM", dt.datetime(2022, 12, 1, 0, 30, tzinfo=BRUSSELS)),
        ("12/01/2022 12:30:00 PM", dt.datetime(2022, 12, 1, 12, 30, tzinfo=BRUSSELS)),
        ("12/01/2022 23:59:59", dt.datetime(2022, 12, 1, 23, 59, 59, tzinfo=BRUSSELS)),
    ],
)
def test_both_clocks_are_read(text, expected):
    assert parse(text, MONTH_FIRST if "/" in text else DAY_FIRST, BRUSSELS) == expected


@pytest.mark.parametrize(
    "text",
    ["soon", "", "12/01/2022", "12/01/2022 13:61:00 PM", "12/01/2022 13:00 PM", "02/30/2022 09:00", "12/01/202 09:00"],
)
def test_what_is_not_a_date_and_time_is_none(text):
    assert parse(text, MONTH_FIRST, BRUSSELS) is None


def lines(*texts):
    return list(enumerate(texts, start=5))


def test_a_day_after_the_12th_in_first_place_shows_day_first():
    reading = decide(lines("01/12/2022 09:00", "13/12/2022 09:30"))
    assert reading.order == DAY_FIRST
    assert reading.statement == (
        "Dates read as day/month/year: line 6 says “13/12/2022 09:30”, which can be read no other way."
    )


def test_a_day_after_the_12th_in_second_place_shows_month_first():
    reading = decide(lines("12/01/2022 09:00 AM", "12/13/2022 09:30 AM"))
    assert reading.order == MONTH_FIRST
    assert "line 6 says “12/13/2022 09:30 AM”" in reading.statement


def test_the_values_decide_even_against_the_sessions_day():
    """The file's own evidence wins: the session's day only breaks a tie (a wrong day is reported later)."""
    assert decide(lines("13/01/2023 09:00"), days={dt.date(2023, 1, 12)}).order == DAY_FIRST


def test_when_every_value_fits_both_orders_the_sessions_day_decides():
    values = lines("01/12/2022, 09:02:11", "01/12/2022, 10:30:00")
    reading = decide(values, days={dt.date(2022, 12, 1)})
    assert reading.order == DAY_FIRST
    assert reading.statement == (
        "Dates read as day/month/year, the order that puts them on the session's day (1 December 2022): "
        "line 5 says “01/12/2022, 09:02:11”, which is 1 December 2022 read day first or 12 January 2022 "
        "read month first."
    )
    assert decide(lines("12/01/2022 09:02 AM"), days={dt.date(2022, 12, 1)}).order == MONTH_FIRST


def test_a_file_whose_order_cannot_be_told_is_refused_naming_its_line():
    with pytest.raises(DatesUndecided) as refused:
        decide(lines("soon", "03/04/2022 09:00", "03/04/2022 10:00"), days={dt.date(2022, 12, 1)})
    assert str(refused.value) == (
        "The order of day and month in this file cannot be told: line 6 says “03/04/2022 09:00”, which is "
        "3 April 2022 read day first or 4 March 2022 read month first; no date in the file has a day after the "
        "12th, and the session's day (1 December 2022) does not settle it. Is this the report of another day?"
    )


def test_a_file_that_contradicts_itself_is_refused_naming_both_lines():
    with pytest.raises(DatesUndecided, match="line 5 says “13/12/2022 09:00”.*line 6 says “12/13/2022 09:00”"):
        decide(lines("13/12/2022 09:00", "12/13/2022 09:00"))


def test_a_day_equal_to_its_month_needs_no_decision():
    reading = decide(lines("05/05/2022 09:00", "05/05/2022 10:00"))
    assert reading.statement == "Dates read as month/day/year; in this file day/month/year gives the same dates."


def test_iso_dates_need_no_decision_and_unreadable_values_do_not_vote():
    assert decide(lines("2022-12-01 09:00:00", "2022-12-01 10:00:00")).statement == (
        "Dates read as year-month-day (ISO 8601)."
    )
    assert decide(lines("13/45/2022 09:00", "tomorrow", "14/12/2022 09:00")).order == DAY_FIRST
    assert decide(lines("tomorrow")).statement == ""
