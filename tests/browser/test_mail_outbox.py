import datetime as dt

import pytest
from django.core import mail
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.mail import sending, services
from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_reviews_decision_drafts_edits_one_sends_them_and_follows_progress_to_the_sent_log(
    page, live_server, sign_in, axe_violations, monkeypatch
):
    edition = factories.edition(name="Cluster Booster Academy 2022")
    factories.with_role(Role.ORGANISER, edition, "olga@example.org")
    respond_by = dt.datetime(2022, 11, 30, 22, 59, tzinfo=dt.UTC)
    for email, name, purpose in [
        ("ana@example.org", "Ana Silva", "decision_offered"),
        ("bo@example.org", "Bo Berg", "decision_not_selected"),
        ("cy@example.org", "Cy Costa", "decision_waitlisted"),
    ]:
        services.queue_mail(
            purpose=purpose,
            to_email=email,
            to_name=name,
            edition=edition,
            context={
                "respond_by": respond_by,
                "offer_url": "https://x/offer",
                "waitlist_position": 1,
                "explanation": "",
            },
        )

    sign_in("olga@example.org")
    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="outbox").click()
    page.get_by_label("State").select_option("draft")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("table")).to_contain_text("3 mails")
    expect(page.get_by_role("table")).to_contain_text("Ana Silva")
    assert axe_violations(page) == []

    # Bo's draft gets a personal word before it goes.
    page.get_by_role("link", name="Your application to Cluster Booster Academy 2022").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft to Bo Berg")
    assert axe_violations(page) == []
    body = page.get_by_label("Body")
    body.fill(body.input_value().replace("Dear Bo Berg,", "Dear Bo, thank you for the call last week."))
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The draft to bo@example.org is saved.")).to_be_visible()

    # The worker is elsewhere: sending only queues; the test plays the worker below.
    monkeypatch.setattr(services, "_enqueue_sending", lambda: None)
    page.clock.install()
    page.get_by_role("button", name="Send all 3 drafts").click()
    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text("0 of 3 sent")
    assert axe_violations(page) == []
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.QUEUED}

    assert sending.send_pending()["sent"] == 3
    page.clock.run_for(2500)  # htmx polls the progress endpoint every second
    expect(progress).to_contain_text("3 of 3 sent — done")

    page.get_by_role("link", name="Open the sent log").click()
    log = page.get_by_role("table")
    for email in ("ana@example.org", "bo@example.org", "cy@example.org"):
        expect(log).to_contain_text(email)
    assert axe_violations(page) == []
    [to_bo] = [m for m in mail.outbox if "bo@example.org" in m.to[0]]
    assert to_bo.body.startswith("Dear Bo, thank you for the call last week.")
    assert len(mail.outbox) == 3


def test_template_editor_compose_and_my_mails_pass_the_accessibility_rules(page, live_server, sign_in, axe_violations):
    edition = factories.edition()
    organiser = factories.with_role(Role.ORGANISER, edition, "olga@example.org")
    services.queue_mail(
        purpose="receipt", to_email=organiser.email, to_user=organiser, edition=edition, context=sample_context(edition)
    )
    sign_in("olga@example.org")
    for path in ("mail/templates/", "mail/templates/offer_reminder/", "mail/compose/"):
        page.goto(f"{live_server.url}/orga/{edition.slug}/{path}")
        assert axe_violations(page) == [], path
    page.get_by_role("link", name="Templates").click()
    page.get_by_role("link", name="Offer reminder").click()
    page.get_by_label("Body").fill("Answer by {reply_by}.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Unknown placeholder {reply_by}")).to_be_visible()
    expect(page.get_by_label("Body")).to_have_value("Answer by {reply_by}.")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/me/mail/")
    expect(page.get_by_role("heading", level=2)).to_have_text(f"We received your application to {edition.name}")
    assert axe_violations(page) == []
