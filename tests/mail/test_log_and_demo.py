import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.template import Context, Template

from academy.mail.clashes import conflicting_decisions
from academy.mail.models import MailTemplate, OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import discard, queue_mail
from tests import factories


@pytest.mark.django_db
def test_the_mail_log_tag_lists_the_mails_about_one_object_in_the_editions_zone(edition):
    application = factories.user()  # any model instance stands for the related object
    other = factories.user()
    queue_mail(
        purpose="receipt",
        to_email="ana@example.org",
        edition=edition,
        related=application,
        context=sample_context(edition) | {"application_url": "u"},
    )
    queue_mail(
        purpose="receipt",
        to_email="bo@example.org",
        edition=edition,
        related=other,
        context=sample_context(edition) | {"application_url": "u"},
    )
    discard(
        [
            queue_mail(
                purpose="decision_offered",
                to_email="ana@example.org",
                edition=edition,
                related=application,
                context=sample_context(edition),
            ).pk
        ],
        by=None,
    )
    html = Template("{% load mail_tags tz %}{% timezone zone %}{% mail_log obj %}{% endtimezone %}").render(
        Context({"obj": application, "zone": edition.time_zone})
    )
    assert html.count("<tr><td>") == 1 and "ana@example.org" in html and "bo@example.org" not in html
    assert "CET" in html or "CEST" in html


@pytest.mark.slow  # the whole demo seed
@pytest.mark.django_db
def test_the_demo_seeds_templates_a_sent_log_and_conflicting_decision_drafts(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    call_command("seed")
    e2022 = OutboxMessage.objects.filter(edition__slug="cba-2022")
    assert e2022.filter(state=State.SENT).count() == 2
    assert e2022.filter(state=State.DRAFT, purpose__startswith="decision_").count() == 5
    assert [c.to_email for c in conflicting_decisions(e2022.first().edition)] == ["applicant@academy.example"]
    assert not OutboxMessage.objects.filter(state=State.HELD).exists()
    for row in OutboxMessage.objects.all():
        raw = re.findall(r"\{[a-z_]+\}", row.subject + row.body)
        assert not raw, f"{row.purpose} to {row.to_email} shows {raw}"
    receipt = e2022.get(purpose="receipt", to_email="applicant@academy.example")
    assert "We received version 1 of your application" in receipt.body and "\n- " in receipt.body
    assert (
        MailTemplate.objects.filter(edition__slug="cba-2022").count()
        == MailTemplate.objects.exclude(edition__slug="cba-2022").count()
        > 10
    )
