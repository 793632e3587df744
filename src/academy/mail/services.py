"""The mail layer's public API: every mail is a row in the outbox before it is a message.

Any app may call these; mail imports no other academy app except accounts and editions.

    from academy.mail.services import queue_mail

    queue_mail(
        purpose="receipt",                  # a key of academy.mail.purposes.PURPOSES
        to_email=user.email, to_user=user,  # to_user optional: lists the mail on the person's page
        to_name="",                         # optional; else to_user's full name; fills {name}
        edition=edition,                    # picks the edition's template and zone; None for account mails
        context={"application_url": url, "submitted_at": application.submitted_at},
        related=application,                # any model instance: shown in its sent log
        dedupe_key=f"receipt:{application.pk}",  # optional; a second call with it sends nothing
        attachments=[("application.pdf", "receipts/42.pdf", "application/pdf")],  # read at send time
    )

- The template is the edition's own for that purpose, else the most recent earlier edition's of the
  same academy, else the built-in default (purposes.py). Placeholders are `{name}`; a datetime in
  `context` renders in the edition's zone with its abbreviation ("14 November 2022, 23:59 CET").
- `draft` defaults to the purpose: decision_* purposes are drafts until an organiser sends them
  (draft=False is refused for them); every other purpose is queued at once and sent by a worker
  after the surrounding transaction commits (a rollback sends nothing).
- `dedupe_key` is unique across the outbox: it is how scheduled reminders stay idempotent, e.g.
  f"draft-reminder:{application.pk}:7d". A discarded draft keeps its key: the job won't recreate it.
- `subject=`/`body=` replace the template for this one mail (Compose uses them); context values
  must be str, int, float, bool, date, datetime (aware) or timedelta: they are stored to re-render.
- Returns the OutboxMessage (state draft or queued; with a dedupe_key hit, the existing row).

- A placeholder the mail has no value for (None or missing) never reaches a reader as "{version}":
  the row is stored `held` with its `hold_reason` and is not sent; held.release_held(messages, by=)
  tries it again once the template is fixed.

Organiser actions: send_drafts(messages, by=) → SendBatch, discard(messages, by=),
regenerate(messages, by=), held.release_held(messages, by=), edit_draft(message, subject=, body=, by=),
compose(edition, group=,
subject=, body=, by=), conflicting_decisions(edition) → [Conflict(to_email, to_name, messages)].
`messages` is a queryset or a list of ids: the caller scopes it to what the user may touch.
Templates: effective_template(edition, purpose), save_template(...), reset_template(...),
copy_templates(from_edition, to_edition) for a new edition. Sent logs: see queries.py and the
`{% mail_log obj %}` tag (templatetags/mail_tags.py). Scheduled jobs: scheduling.py. Recipient
groups for Compose: groups.py.
"""

import uuid
from email.utils import parseaddr

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from academy.accounts.models import EditionRole
from academy.accounts.services import record

from . import purposes, rendering
from .groups import recipients
from .models import MailTemplate, OutboxMessage, SendBatch, State
from .tasks import send_outbox, sender_waiting

TemplateError = rendering.TemplateError


# Templates ------------------------------------------------------------------------------------


def effective_template(edition, purpose_key):
    """(subject, body, source): the edition's template, an earlier edition's, or the default (source None)."""
    purpose = purposes.get(purpose_key)
    if edition is not None and purpose.editable:
        earlier = Q(edition__academy_id=edition.academy_id, edition__call_opens__lt=edition.call_opens)
        found = (
            MailTemplate.objects.filter(purpose=purpose_key)
            .filter(Q(edition=edition) | earlier)
            .select_related("edition")
            .order_by("-edition__call_opens", "-edition_id")
            .first()
        )
        if found is not None:
            return found.subject, found.body, found.edition
    return purpose.subject, purpose.body, None


def save_template(edition, purpose_key, *, subject, body, by=None):
    """Store the edition's own template; TemplateError (nothing saved) names any unknown placeholder."""
    if not purposes.get(purpose_key).editable:
        raise TemplateError("This mail's text is not edited here.")
    rendering.check(purpose_key, subject, body)
    with transaction.atomic():
        template, _created = MailTemplate.objects.update_or_create(
            edition=edition, purpose=purpose_key, defaults={"subject": subject, "body": body, "updated_by": by}
        )
        record("mail.template_saved", actor=by, obj=template, edition=edition, purpose=purpose_key)
    return template


def reset_template(edition, purpose_key, *, by=None):
    with transaction.atomic():
        deleted, _ = MailTemplate.objects.filter(edition=edition, purpose=purpose_key).delete()
        if deleted:
            record("mail.template_reset", actor=by, edition=edition, purpose=purpose_key)
    return bool(deleted)


def copy_templates(from_edition, to_edition, *, overwrite=False, by=None):
    """Start a new edition from another's templates; keeps the target's own unless `overwrite`."""
    copied = 0
    with transaction.atomic():
        for template in MailTemplate.objects.filter(edition=from_edition):
            defaults = {"subject": template.subject, "body": template.body, "updated_by": by}
            if overwrite:
                MailTemplate.objects.update_or_create(edition=to_edition, purpose=template.purpose, defaults=defaults)
                copied += 1
            else:
                copied += MailTemplate.objects.get_or_create(
                    edition=to_edition, purpose=template.purpose, defaults=defaults
                )[1]
        record("mail.templates_copied", actor=by, obj=from_edition, edition=to_edition, count=copied)
    return copied


# Queueing -------------------------------------------------------------------------------------


def _message_id():
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _texts(purpose_key, edition, subject=None, body=None):
    """The subject and body to render: `subject`/`body` when given, else the effective template's."""
    if subject is None or body is None:
        tpl_subject, tpl_body, _source = effective_template(edition, purpose_key)
        subject = tpl_subject if subject is None else subject
        body = tpl_body if body is None else body
    return subject, body


def render_for(purpose_key, *, edition, to_email, to_name="", context=None, subject=None, body=None):
    """(subject, body) rendered for one recipient; `subject`/`body` replace the template when given."""
    subject, body = _texts(purpose_key, edition, subject, body)
    return rendering.render_pair(
        subject, body, edition=edition, to_email=to_email, to_name=to_name, context=context or {}
    )


def _render_checked(subject, body, **recipient):
    """(subject, body, hold reason): the reason is "" when every placeholder fills."""
    reason = rendering.unfilled(subject, body, **recipient)
    rendered_subject, rendered_body = rendering.render_pair(subject, body, **recipient)
    return rendered_subject[:255], rendered_body, reason


def queue_mail(
    *,
    purpose,
    to_email,
    to_user=None,
    to_name="",
    edition=None,
    context=None,
    related=None,
    draft=None,
    dedupe_key=None,
    attachments=(),
    subject=None,
    body=None,
):
    """Render and store one mail; queued rows are sent by a worker once the transaction commits."""
    info = purposes.get(purpose)
    if draft is None:
        draft = info.decision
    elif info.decision and not draft:
        raise ValueError(f"{purpose} mails are reviewed: they start as drafts and an organiser sends them.")
    if dedupe_key and (existing := OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()):
        return existing
    context = dict(context or {})
    to_email = to_email.strip().lower()
    to_name = to_name or (to_user.get_full_name() if to_user is not None else "")
    subject, body = _texts(purpose, edition, subject, body)
    rendered_subject, rendered_body, hold_reason = _render_checked(
        subject, body, edition=edition, to_email=to_email, to_name=to_name, context=context
    )
    state = State.HELD if hold_reason else State.DRAFT if draft else State.QUEUED
    now = timezone.now()
    row = OutboxMessage(
        edition=edition,
        purpose=purpose,
        to_email=to_email,
        to_name=to_name,
        to_user=to_user,
        subject=rendered_subject,
        body=rendered_body,
        hold_reason=hold_reason,
        context=rendering.encode_context(context),
        attachments=[list(a) for a in attachments],
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
        dedupe_key=dedupe_key or None,
        message_id=_message_id(),
        state=state,
        priority=0 if purpose == "account" else 5,
        next_attempt_at=now if state == State.QUEUED else None,
        created_at=now,
    )
    if dedupe_key:
        try:
            with transaction.atomic():  # a savepoint: losing a race for the key must not break the caller
                row.save()
        except IntegrityError:
            return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    else:
        row.save()
    if state == State.QUEUED:
        kick()
    return row


def _enqueue_sending():
    """Queue a sending task, unless one waits that will start after this commit and so send this mail too."""
    if not sender_waiting():
        send_outbox.enqueue()


def kick(using=None):
    """Have a worker send what is queued, once the current transaction commits (once per transaction)."""
    connection = transaction.get_connection(using)
    if any(func is _enqueue_sending for _sids, func, _robust in connection.run_on_commit):
        return
    if connection.in_atomic_block and all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks):
        # Only a test case's wrapping transaction is open: it stands for autocommit (Django's own
        # `durable` check reads it the same way), and its on_commit hooks would never run.
        _enqueue_sending()
        return
    transaction.on_commit(_enqueue_sending, robust=True)


# Organiser actions on drafts ------------------------------------------------------------------


def _queryset(messages):
    if hasattr(messages, "model"):
        return messages
    return OutboxMessage.objects.filter(pk__in=list(messages))


def send_drafts(messages, *, by, edition=None):
    """Queue the drafts among `messages` as one batch; return the batch, or None if none was a draft."""
    drafts = _queryset(messages).filter(state=State.DRAFT)
    with transaction.atomic():
        first = drafts.select_related("edition").first()
        if first is None:
            return None
        edition = edition or first.edition
        batch = SendBatch.objects.create(edition=edition, created_by=by)
        count = drafts.update(state=State.QUEUED, batch=batch, next_attempt_at=timezone.now())
        if not count:
            batch.delete()
            return None
        batch.size = count
        batch.save(update_fields=["size"])
        record("mail.drafts_sent", actor=by, obj=batch, edition=edition, count=count)
    kick()
    return batch


def discard(messages, *, by, edition=None):
    """Discard the drafts and held mails among `messages`; → count."""
    with transaction.atomic():
        count = _queryset(messages).filter(state__in=[State.DRAFT, State.HELD]).update(state=State.DISCARDED)
        if count:
            record("mail.drafts_discarded", actor=by, edition=edition, count=count)
    return count


def rerender(rows):
    """Render rows again from their current templates (kept: edited by hand or written by an organiser);
    a row whose placeholders no longer all fill gets its hold reason. → (changed rows, kept count)."""
    editable = [p.key for p in purposes.EDITABLE]
    templates, changed, kept = {}, [], 0
    for row in rows:
        if row.edited or row.purpose not in editable:
            kept += 1
            continue
        key = (row.edition_id, row.purpose)
        if key not in templates:
            templates[key] = effective_template(row.edition, row.purpose)[:2]
        subject, body = templates[key]
        row.subject, row.body, row.hold_reason = _render_checked(
            subject,
            body,
            edition=row.edition,
            to_email=row.to_email,
            to_name=row.to_name,
            context=rendering.decode_context(row.context),
        )
        changed.append(row)
    return changed, kept


def regenerate(messages, *, by, edition=None):
    """Render drafts again from the current templates; drafts edited by hand are kept. → (done, kept).

    A draft whose template now has a placeholder it cannot fill is held (never sent) with the reason."""
    drafts = _queryset(messages).filter(state=State.DRAFT).select_related("edition", "edition__academy")
    changed, kept = rerender(drafts)
    for row in changed:
        row.state = State.HELD if row.hold_reason else State.DRAFT
    with transaction.atomic():
        OutboxMessage.objects.bulk_update(changed, ["subject", "body", "hold_reason", "state"], batch_size=500)
        if changed:
            record("mail.drafts_regenerated", actor=by, edition=edition, count=len(changed), kept=kept)
    return len(changed), kept


def edit_draft(message, *, subject, body, by):
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, state=State.DRAFT).update(
            subject=subject, body=body, edited=True
        )
        if not updated:
            raise ValueError("Only a draft can be edited; this mail has left the drafts.")
        record("mail.draft_edited", actor=by, obj=message, edition=message.edition)
    message.subject, message.body, message.edited = subject, body, True
    return message


def compose(edition, *, group, subject, body, by):
    """Drafts of one organiser-written message to every member of a recipient group; → count."""
    rendering.check("message", subject, body)
    seen, count = set(), 0
    with transaction.atomic():
        for email, user, name in recipients(group, edition):
            if email.lower() in seen:
                continue
            seen.add(email.lower())
            queue_mail(
                purpose="message",
                to_email=email,
                to_user=user,
                to_name=name,
                edition=edition,
                draft=True,
                subject=subject,
                body=body,
            )
            count += 1
        if count:
            record("mail.composed", actor=by, edition=edition, group=group, count=count, subject=subject)
    return count


def known_recipient(edition, email):
    """(email, name) of someone this edition knows (a role, or a mail already in its outbox), else None."""
    email = email.strip().lower()
    role = EditionRole.objects.filter(edition=edition, user__email__iexact=email).select_related("user").first()
    if role is not None:
        return email, role.user.get_full_name()
    row = OutboxMessage.objects.filter(edition=edition, to_email=email).order_by("-to_name", "-id").first()
    return (email, row.to_name) if row is not None else None


def preview(edition, purpose_key, *, subject, body, email):
    """The mail as `email` would get it, with sample values for the purpose's own placeholders."""
    recipient = known_recipient(edition, email)
    if recipient is None:
        raise LookupError(email)
    rendering.check(purpose_key, subject, body)
    return rendering.render_pair(
        subject,
        body,
        edition=edition,
        to_email=recipient[0],
        to_name=recipient[1],
        context=purposes.sample_context(edition),
    )
