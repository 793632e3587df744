"""Times are shown in the edition's zone with its abbreviation, from Python and from templates alike."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import formats, timezone, translation

from academy.editions.models import Edition
from academy.editions.times import format_in_zone, in_zone

WINTER = dt.datetime(2022, 12, 1, 8, 30, tzinfo=dt.UTC)
SUMMER = dt.datetime(2023, 6, 1, 7, 30, tzinfo=dt.UTC)


@pytest.fixture
def edition():
    return Edition(time_zone="Europe/Brussels")


def test_a_utc_moment_reads_in_the_editions_zone_with_its_abbreviation(edition):
    assert format_in_zone(WINTER, edition) == "1 December 2022, 09:30 CET"
    assert format_in_zone(SUMMER, edition, "H:i") == "09:30 CEST"
    assert in_zone(WINTER, edition).hour == 9 and format_in_zone(None, edition) == ""


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("fmt", ["j F Y, H:i", "j F Y, H:i:s", "j M Y, H:i", "H:i", "{d}. Y", "l j F Y", "d/m/Y"])
def test_format_in_zone_writes_what_djangos_date_format_writes(edition, language, fmt):
    """Its own formatting of the usual letters (and Django's for others, such as the weekday l) gives Django's text,
    month names in the active language included."""
    moments = [WINTER, SUMMER] + [dt.datetime(2024, m, 3 + m, m, 4 * m, 4 * m + 1, tzinfo=dt.UTC) for m in range(1, 13)]
    with translation.override(language):
        written = [format_in_zone(m, edition, fmt) for m in moments]
        assert written == [formats.date_format(in_zone(m, edition), f"{fmt} T") for m in moments]
    assert len(set(written)) == len(moments)


def test_a_naive_moment_is_refused_rather_than_guessed(edition):
    with pytest.raises(ValueError, match="naive"):
        in_zone(dt.datetime(2022, 12, 1, 9, 30), edition)


def test_the_template_filters_keep_the_editions_zone_even_inside_another_zone(edition):
    template = Template(
        '{% load zones tz %}{% timezone "UTC" %}{{ at|in_zone:edition|date:"H:i T" }} · {{ at|when:edition }}{% endtimezone %}'
    )
    with timezone.override("Asia/Tokyo"):
        out = template.render(Context({"at": WINTER, "edition": edition}))
    assert out == "09:30 CET · 1 December 2022, 09:30 CET"


def test_when_exact_and_utc_iso_write_what_djangos_date_filter_writes(edition):
    at = dt.datetime(2022, 10, 31, 22, 58, 24, 123456, tzinfo=dt.UTC)
    ours = Template("{% load zones %}{{ at|when_exact:edition }} · {{ at|utc_iso }} · [{{ none|when_exact:edition }}]")
    djangos = Template('{% load tz %}{{ at|timezone:zone|date:"j F Y, H:i:s T" }} · {{ at|utc|date:"c" }} · []')
    context = Context({"at": at, "edition": edition, "zone": edition.time_zone, "none": None})
    assert (
        ours.render(context)
        == djangos.render(context)
        == ("31 October 2022, 23:58:24 CET · 2022-10-31T22:58:24.123456+00:00 · []")
    )
