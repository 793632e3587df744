import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import Role
from academy.mail.models import MailTemplate, OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import queue_mail, send_drafts
from tests import factories


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition, "olga@example.org")


def draft(edition, email="ana@example.org", purpose="decision_not_selected"):
    return queue_mail(purpose=purpose, to_email=email, edition=edition, context=sample_context(edition))


def mail_urls(edition, row, batch):
    base = f"/orga/{edition.slug}/mail/"
    return [
        ("get", base),
        ("post", f"{base}actions/"),
        ("get", f"{base}{row.pk}/"),
        ("get", f"{base}batches/{batch.pk}/"),
        ("get", f"{base}batches/{batch.pk}/progress/"),
        ("get", f"{base}log/?email=ana@example.org"),
        ("get", f"{base}templates/"),
        ("get", f"{base}templates/receipt/"),
        ("get", f"{base}compose/"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["applicant", "reviewer", "coach", "organiser elsewhere"])
def test_every_mail_url_is_closed_to_anyone_but_the_editions_organisers(client, edition, who):
    row = draft(edition)
    batch = send_drafts([draft(edition, "bo@example.org").pk], by=None)
    if who == "applicant":
        person = factories.user()
    elif who == "organiser elsewhere":
        person = factories.with_role(Role.ORGANISER, factories.edition())
    else:
        person = factories.with_role(who, edition)
    client.force_login(person)
    for method, url in mail_urls(edition, row, batch):
        assert getattr(client, method)(url).status_code == 403, url
    assert OutboxMessage.objects.get(pk=row.pk).state == State.DRAFT


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_log_in(client, edition):
    row = draft(edition)
    batch = send_drafts([draft(edition, "bo@example.org").pk], by=None)
    for method, url in mail_urls(edition, row, batch) + [("get", "/me/mail/")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


@pytest.mark.django_db
def test_an_organiser_cannot_reach_another_editions_mail_through_their_own(client, edition, organiser):
    other = factories.edition()
    row = draft(other)
    batch = send_drafts([draft(other, "bo@example.org").pk], by=None)
    client.force_login(organiser)
    base = f"/orga/{edition.slug}/mail/"
    assert client.get(f"{base}{row.pk}/").status_code == 404
    assert client.get(f"{base}batches/{batch.pk}/").status_code == 404
    client.post(f"{base}actions/", {"action": "send", "scope": "selected", "ids": [row.pk]})
    client.post(f"{base}actions/", {"action": "discard", "scope": "filtered"})
    assert OutboxMessage.objects.get(pk=row.pk).state == State.DRAFT
    assert "<td>bo@example.org</td>" not in client.get(f"{base}log/?email=bo@example.org").content.decode()


@pytest.mark.django_db
def test_outbox_shows_the_conflict_warning_and_sends_the_selected_drafts(client, edition, organiser):
    offered = draft(edition, purpose="decision_offered")
    draft(edition)  # Ana also has "not selected": a conflict
    other = draft(edition, "bo@example.org")
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/mail/?state=draft").content.decode()
    assert "1 person has conflicting decision drafts" in page and "ana@example.org" in page
    response = client.post(
        f"/orga/{edition.slug}/mail/actions/",
        {"action": "send", "scope": "selected", "ids": [offered.pk, other.pk], "state": "draft"},
    )
    assert response.status_code == 302 and "/batches/" in response.url
    assert len(mail.outbox) == 2
    progress = client.get(response.url.rstrip("/") + "/progress/")
    assert progress.status_code == 286 and "2 of 2 sent" in progress.content.decode()


@pytest.mark.django_db
def test_sending_nothing_selected_explains_and_changes_nothing(client, edition, organiser):
    draft(edition)
    client.force_login(organiser)
    response = client.post(f"/orga/{edition.slug}/mail/actions/", {"action": "send", "scope": "selected"}, follow=True)
    assert "Select at least one mail" in response.content.decode()
    assert mail.outbox == [] and OutboxMessage.objects.get().state == State.DRAFT


@pytest.mark.django_db
def test_send_all_drafts_of_a_filter_leaves_other_drafts_alone(client, edition, organiser):
    draft(edition, "ana@example.org", "decision_not_selected")
    draft(edition, "bo@example.org", "decision_not_selected")
    waitlisted = draft(edition, "cy@example.org", "decision_waitlisted")
    client.force_login(organiser)
    client.post(
        f"/orga/{edition.slug}/mail/actions/",
        {"action": "send", "scope": "filtered", "state": "draft", "purpose": "decision_not_selected"},
    )
    assert len(mail.outbox) == 2
    assert OutboxMessage.objects.get(pk=waitlisted.pk).state == State.DRAFT


@pytest.mark.django_db
def test_an_invalid_filter_never_widens_send_all_to_the_whole_outbox(client, edition, organiser):
    draft(edition)
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/mail/actions/",
        {"action": "send", "scope": "filtered", "state": "draft", "purpose": "nonsense"},
        follow=True,
    )
    assert "nothing was changed" in response.content.decode()
    assert mail.outbox == [] and OutboxMessage.objects.get().state == State.DRAFT


@pytest.mark.django_db
def test_editing_a_draft_keeps_the_organisers_words(client, edition, organiser):
    row = draft(edition)
    client.force_login(organiser)
    client.post(
        f"/orga/{edition.slug}/mail/{row.pk}/", {"subject": "Our answer", "body": "Dear Ana, {not a placeholder}."}
    )
    row.refresh_from_db()
    assert (row.subject, row.body, row.edited) == ("Our answer", "Dear Ana, {not a placeholder}.", True)


@pytest.mark.django_db
def test_save_and_send_one_draft_sends_the_edited_text_once(client, edition, organiser):
    row = draft(edition)
    client.force_login(organiser)
    url = f"/orga/{edition.slug}/mail/{row.pk}/"
    response = client.post(url, {"subject": "Our answer", "body": "Dear Ana, thank you.", "send": "1"})
    assert "/batches/" in response.url
    response = client.post(url, {"subject": "Changed after", "body": "Too late", "send": "1"}, follow=True)
    assert "no longer a draft" in response.content.decode()
    assert [(m.subject, m.body) for m in mail.outbox] == [("Our answer", "Dear Ana, thank you.")]


@pytest.mark.django_db
def test_the_template_editor_refuses_an_unknown_placeholder_and_keeps_what_was_typed(client, edition, organiser):
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/mail/templates/offer_reminder/",
        {"subject": "Seat at {edition}", "body": "Answer by {reply_by}, please.", "save": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Unknown placeholder {reply_by}" in page
    assert "Answer by {reply_by}, please." in page
    assert not MailTemplate.objects.exists()


@pytest.mark.django_db
def test_the_template_editor_lists_the_placeholders_of_the_purpose(client, edition, organiser):
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/mail/templates/offer_reminder/").content.decode()
    assert "<code>{respond_by}</code>" in page and "<code>{deadline}</code>" in page
    assert "<code>{certificate_url}</code>" not in page


@pytest.mark.django_db
def test_preview_uses_a_real_recipient_and_saves_nothing(client, edition, organiser):
    rui = factories.with_role(Role.REVIEWER, edition, "rui@example.org")
    rui.full_name = "Rui Reviewer"
    rui.save()
    client.force_login(organiser)
    data = {
        "subject": "Reviews for {edition}",
        "body": "Dear {name}, {pending_count} left.",
        "preview_email": "rui@example.org",
        "preview": "1",
    }
    page = client.post(f"/orga/{edition.slug}/mail/templates/reviewer_reminder/", data).content.decode()
    assert "Dear Rui Reviewer, 4 left." in page and f"Reviews for {edition.name}" in page
    assert not MailTemplate.objects.exists()
    data["preview_email"] = "stranger@example.org"
    page = client.post(f"/orga/{edition.slug}/mail/templates/reviewer_reminder/", data).content.decode()
    assert "is not known in this edition" in page


@pytest.mark.django_db
def test_saving_a_template_changes_the_next_mails(client, edition, organiser):
    client.force_login(organiser)
    client.post(
        f"/orga/{edition.slug}/mail/templates/decision_not_selected/",
        {"subject": "About {edition}", "body": "Dear {name}", "save": "1"},
    )
    assert draft(edition).subject == f"About {edition.name}"


@pytest.mark.django_db
def test_compose_lands_in_the_outbox_as_drafts(client, edition, organiser):
    factories.with_role(Role.REVIEWER, edition, "rui@example.org")
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/mail/compose/", {"group": "reviewers", "subject": "Thanks", "body": "Dear {name}"}
    )
    assert response.status_code == 302
    assert list(OutboxMessage.objects.values_list("to_email", "state")) == [("rui@example.org", "draft")]
    response = client.post(
        f"/orga/{edition.slug}/mail/compose/", {"group": "coaches", "subject": "Hi", "body": "{nope}"}
    )
    assert "Unknown placeholder {nope}" in response.content.decode()


@pytest.mark.django_db
def test_the_sent_log_per_person_lists_only_what_was_sent_to_them(client, edition, organiser):
    for email in ("ana@example.org", "bo@example.org"):
        send_drafts([draft(edition, email).pk], by=None)
    draft(edition, "ana@example.org", "decision_offered")  # a draft is not in the sent log
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/mail/log/?email=ANA@example.org").content.decode()
    assert page.count("<td>ana@example.org</td>") == 1 and "bo@example.org" not in page


@pytest.mark.django_db
def test_a_person_sees_their_own_mails_and_nobody_elses(client, edition):
    ana = factories.user("ana@example.org")
    queue_mail(
        purpose="receipt",
        to_email="ana@example.org",
        to_user=ana,
        edition=edition,
        context=sample_context(edition) | {"application_url": "u"},
    )
    queue_mail(
        purpose="receipt",
        to_email="bo@example.org",
        edition=edition,
        context=sample_context(edition) | {"application_url": "u"},
    )
    draft(edition, "ana@example.org")  # her decision is still a draft: not hers to read yet
    client.force_login(ana)
    page = client.get("/me/mail/").content.decode()
    assert f"We received your application to {edition.name}" in page
    assert "bo@example.org" not in page and "Your application to" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/orga/{slug}/mail/", "/orga/{slug}/mail/?state=draft&q=example", "/orga/{slug}/mail/log/"]
)
def test_mail_lists_take_the_same_number_of_queries_for_3_or_300_rows(
    client, edition, organiser, django_assert_num_queries, url
):
    def rows(n):
        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                edition=edition,
                purpose="decision_offered",
                to_email=f"p{n}-{i}@example.org",
                subject="s",
                body="b",
                message_id=f"<{n}-{i}-{state}@x>",
                state=state,
            )
            for i in range(n)
            for state in (State.DRAFT, State.SENT)
        )

    client.force_login(organiser)
    rows(3)
    url = url.format(slug=edition.slug)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= 12
    rows(300)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_my_mails_take_the_same_number_of_queries_for_3_or_300_mails(client, edition, django_assert_num_queries):
    ana = factories.user("ana@example.org")

    def rows(n, start):
        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                edition=edition,
                purpose="receipt",
                to_email=ana.email,
                to_user=ana,
                subject="s",
                body="b",
                message_id=f"<{i}@x>",
                state=State.SENT,
            )
            for i in range(start, start + n)
        )

    client.force_login(ana)
    rows(3, 0)
    client.get("/me/mail/")
    with CaptureQueriesContext(connection) as small:
        assert client.get("/me/mail/").status_code == 200
    rows(300, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/me/mail/")
