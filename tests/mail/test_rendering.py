import datetime as dt

import pytest

from academy.mail import rendering
from academy.mail.services import queue_mail, render_for, save_template
from tests import factories

UTC = dt.UTC


@pytest.mark.django_db
def test_deadline_renders_in_the_editions_zone_as_cet_in_winter():
    edition = factories.edition(deadline=dt.date(2022, 10, 31))  # after the clocks went back on 30 October
    subject, body = render_for("draft_reminder", edition=edition, to_email="ana@example.org", context={})
    assert "31 October 2022, 23:59 CET" in body


@pytest.mark.django_db
def test_deadline_renders_in_the_editions_zone_as_cest_in_summer():
    edition = factories.edition(deadline=dt.date(2022, 6, 30))
    _subject, body = render_for("draft_reminder", edition=edition, to_email="ana@example.org", context={})
    assert "30 June 2022, 23:59 CEST" in body


@pytest.mark.django_db
def test_a_utc_datetime_in_the_context_is_shown_in_the_editions_zone():
    edition = factories.edition(time_zone="America/New_York")
    respond_by = dt.datetime(2022, 11, 20, 22, 59, tzinfo=UTC)
    _subject, body = render_for(
        "offer_reminder",
        edition=edition,
        to_email="a@example.org",
        context={"respond_by": respond_by, "offer_url": "https://x/offer"},
    )
    assert "by 20 November 2022, 17:59 EST." in body


@pytest.mark.django_db
def test_name_edition_and_dates_fill_the_template():
    edition = factories.edition(name="Cluster Booster Academy 2022")
    person = factories.user("ana@example.org", full_name="Ana Silva")
    row = queue_mail(
        purpose="decision_offered",
        to_email=person.email,
        to_user=person,
        edition=edition,
        context={
            "respond_by": dt.datetime(2022, 11, 30, 22, 59, 59, tzinfo=UTC),
            "offer_url": "https://academy.example/offer/7",
        },
    )
    assert row.subject == "You are offered a seat at Cluster Booster Academy 2022"
    assert row.body.startswith("Dear Ana Silva,")
    assert "https://academy.example/offer/7 by 30 November 2022, 23:59 CET" in row.body


def test_unknown_placeholder_is_refused_and_named_with_the_valid_ones():
    with pytest.raises(rendering.TemplateError) as refused:
        rendering.check("offer_reminder", "Seat at {edition}", "Dear {name}, answer by {respond_by} or {reply_by}.")
    message = str(refused.value)
    assert "{reply_by}" in message and "{respond_by}" in message and "{edition}" not in message.split(".")[0]


def test_a_placeholder_of_another_purpose_is_refused():
    assert rendering.unknown_placeholders("receipt", "{respond_by}") == ["respond_by"]
    assert rendering.unknown_placeholders("offer_reminder", "{respond_by}") == []


@pytest.mark.parametrize("text", ["{name.__class__}", "{name[0]}", "{name!r}", "{name:>20}", "{0}", "{}"])
def test_only_bare_names_are_placeholders(text):
    with pytest.raises(rendering.TemplateError):
        rendering.check("receipt", text)


def test_an_unclosed_brace_is_refused_in_plain_words():
    with pytest.raises(rendering.TemplateError, match="brace is not closed"):
        rendering.check("receipt", "Dear {name")


def test_doubled_braces_are_literal_braces():
    assert rendering.render("{{name}} is {name}", {"name": "Ana"}) == "{name} is Ana"


def test_a_missing_value_stays_visible_rather_than_vanishing():
    assert rendering.render("Answer by {respond_by}.", {}) == "Answer by {respond_by}."


@pytest.mark.django_db
def test_save_template_refuses_unknown_placeholder_and_keeps_nothing(edition):
    with pytest.raises(rendering.TemplateError):
        save_template(edition, "receipt", subject="Hi {nmae}", body="Body", by=None)
    assert not edition.mail_templates.exists()


def test_context_survives_its_json_round_trip():
    context = {
        "respond_by": dt.datetime(2022, 11, 30, 22, 59, tzinfo=UTC),
        "online_start": dt.date(2022, 12, 1),
        "days_left": dt.timedelta(days=7),
        "waitlist_position": 3,
        "offer_url": "https://x",
    }
    assert rendering.decode_context(rendering.encode_context(context)) == context
