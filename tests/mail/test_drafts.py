import pytest
from django.core import mail

from academy.accounts.models import AuditEntry, Role
from academy.mail import queries
from academy.mail.clashes import conflicting_decisions
from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import (
    compose,
    discard,
    edit_draft,
    queue_mail,
    regenerate,
    save_template,
    send_drafts,
)
from tests import factories


def decision(edition, email, purpose="decision_not_selected", **kwargs):
    return queue_mail(purpose=purpose, to_email=email, edition=edition, context=sample_context(edition), **kwargs)


@pytest.mark.django_db
def test_sending_drafts_queues_them_as_one_batch_and_sends_them(edition):
    organiser = factories.with_role(Role.ORGANISER, edition)
    rows = [decision(edition, f"p{n}@example.org") for n in range(3)]
    batch = send_drafts([r.pk for r in rows[:2]], by=organiser)
    assert batch.size == 2 and queries.batch_progress(batch) == {
        "total": 2,
        "sent": 2,
        "failed": 0,
        "waiting": 0,
        "done": True,
    }
    assert len(mail.outbox) == 2
    assert OutboxMessage.objects.get(pk=rows[2].pk).state == State.DRAFT
    assert AuditEntry.objects.filter(action="mail.drafts_sent", data__count=2).exists()


@pytest.mark.django_db
def test_sending_again_sends_nothing_twice(edition):
    row = decision(edition, "ana@example.org")
    send_drafts([row.pk], by=None)
    assert send_drafts([row.pk], by=None) is None
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_discarded_drafts_are_never_sent_and_keep_their_dedupe_key(edition):
    row = decision(edition, "ana@example.org", dedupe_key="decision:1")
    assert discard([row.pk], by=None) == 1
    assert send_drafts([row.pk], by=None) is None
    assert decision(edition, "ana@example.org", dedupe_key="decision:1").state == State.DISCARDED
    assert mail.outbox == []


@pytest.mark.django_db
def test_regenerate_renders_drafts_again_after_a_template_fix_but_keeps_hand_edits(edition):
    untouched = decision(edition, "ana@example.org")
    edited = decision(edition, "bo@example.org")
    edit_draft(edited, subject="Personal words", body="Dear Bo, …", by=None)
    save_template(edition, "decision_not_selected", subject="Fixed: {edition}", body="Dear {name}, fixed.", by=None)
    assert regenerate(OutboxMessage.objects.filter(edition=edition), by=None) == (1, 1)
    untouched.refresh_from_db()
    edited.refresh_from_db()
    assert untouched.subject == f"Fixed: {edition.name}" and untouched.body == "Dear ana@example.org, fixed."
    assert edited.subject == "Personal words"


@pytest.mark.django_db
def test_only_a_draft_can_be_edited(edition):
    row = decision(edition, "ana@example.org")
    send_drafts([row.pk], by=None)
    with pytest.raises(ValueError, match="Only a draft"):
        edit_draft(row, subject="x", body="y", by=None)


@pytest.mark.django_db
def test_two_different_decision_drafts_for_one_person_are_a_conflict(edition):
    decision(edition, "ana@example.org", "decision_offered")
    decision(edition, "ana@example.org", "decision_not_selected")
    decision(edition, "bo@example.org", "decision_offered")
    [conflict] = conflicting_decisions(edition)
    assert conflict.to_email == "ana@example.org"
    assert conflict.purposes == ["Decision: not selected", "Decision: offered a seat"]


@pytest.mark.django_db
def test_a_draft_contradicting_a_decision_already_sent_is_a_conflict(edition):
    sent = decision(edition, "ana@example.org", "decision_not_selected")
    send_drafts([sent.pk], by=None)
    decision(edition, "ana@example.org", "decision_offered")
    assert [c.to_email for c in conflicting_decisions(edition)] == ["ana@example.org"]


@pytest.mark.django_db
def test_two_drafts_of_the_same_decision_are_flagged_and_discarding_one_clears_it(edition):
    first = decision(edition, "ana@example.org", "decision_offered")
    decision(edition, "ana@example.org", "decision_offered")
    assert len(conflicting_decisions(edition)) == 1
    discard([first.pk], by=None)
    assert conflicting_decisions(edition) == []


@pytest.mark.django_db
def test_decisions_of_another_edition_do_not_conflict(edition):
    other = factories.edition()
    decision(edition, "ana@example.org", "decision_offered")
    decision(other, "ana@example.org", "decision_not_selected")
    assert conflicting_decisions(edition) == []


@pytest.mark.django_db
def test_compose_writes_one_personal_draft_per_member_of_the_group(edition):
    factories.with_role(Role.COACH, edition, "chloe@example.org")
    factories.with_role(Role.COACH, edition, "carl@example.org")
    factories.with_role(Role.COACH, factories.edition(), "elsewhere@example.org")
    count = compose(edition, group="coaches", subject="Briefing for {edition}", body="Dear {name}, see you.", by=None)
    assert count == 2
    rows = OutboxMessage.objects.filter(edition=edition, purpose="message")
    assert set(rows.values_list("state", flat=True)) == {State.DRAFT}
    assert sorted(rows.values_list("to_email", flat=True)) == ["carl@example.org", "chloe@example.org"]
    assert rows.first().body == "Dear Test Person, see you." and mail.outbox == []
