from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import purposes


def _label(key):
    info = purposes.PURPOSES.get(key)
    return info.label if info is not None else key


class MailTemplate(models.Model):
    """An edition's own subject and body for one purpose; without one, an earlier edition's or the default."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="mail_templates")
    purpose = models.CharField(_("purpose"), max_length=40)  # a key of purposes.PURPOSES
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        constraints = [models.UniqueConstraint(fields=["edition", "purpose"], name="unique_mail_template")]

    def __str__(self):
        return f"{self.edition} · {self.purpose_label}"

    @property
    def purpose_label(self):
        return _label(self.purpose)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")
    HELD = "held", _("Held")  # a placeholder could not be filled: never sent until an organiser tries it again


class SendBatch(models.Model):
    """Drafts an organiser sent together; its progress is the count of its messages by state."""

    edition = models.ForeignKey(
        "editions.Edition", null=True, blank=True, on_delete=models.CASCADE, related_name="mail_batches"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sending batch")
        verbose_name_plural = _("sending batches")

    def __str__(self):
        return f"{self.edition} · {self.size} · {self.created_at:%Y-%m-%d %H:%M}"


class OutboxMessage(models.Model):
    """One mail to one recipient: a row first, rendered and stored, then sent by a worker."""

    edition = models.ForeignKey(
        "editions.Edition", null=True, blank=True, on_delete=models.CASCADE, related_name="outbox"
    )
    # A key of purposes.PURPOSES; no `choices`, so that a new purpose needs no migration.
    purpose = models.CharField(_("purpose"), max_length=40, db_index=True)
    to_email = models.EmailField(_("to"))
    to_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    context = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)  # [[filename, storage path, mimetype], …]
    related_type = models.CharField(max_length=64, blank=True)
    related_id = models.CharField(max_length=64, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    message_id = models.CharField(max_length=255, unique=True)
    edited = models.BooleanField(default=False)  # changed by hand: "Regenerate" leaves it alone

    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    priority = models.PositiveSmallIntegerField(default=5)  # lower goes first: account mails before bulk
    batch = models.ForeignKey(SendBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)  # which sending run holds the row
    last_error = models.TextField(blank=True)
    hold_reason = models.TextField(_("why it is held"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="mail_due"),
            models.Index(fields=["state", "claimed_at"], name="mail_claimed"),
            models.Index(fields=["edition", "state"], name="mail_edition_state"),
            models.Index(fields=["to_email"], name="mail_to_email"),
            models.Index(fields=["related_type", "related_id"], name="mail_related"),
        ]

    def __str__(self):
        return f"{self.to_email} · {self.subject}"

    @property
    def purpose_info(self):
        return purposes.PURPOSES.get(self.purpose)

    @property
    def purpose_label(self):
        return _label(self.purpose)
