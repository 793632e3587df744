import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.core.errors import Refused

DEFAULT_MONTHS = 12


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class RetentionPolicy(models.Model):
    """How long an edition keeps the personal data of applicants who did not take part. An edition
    without a row keeps it DEFAULT_MONTHS after its last in-person day (see `retention_for`)."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="retention")
    months = models.PositiveSmallIntegerField(
        _("months after the last in-person day"),
        default=DEFAULT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("After this, applications of people who did not take part are anonymised."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self):
        return f"{self.edition} · {self.months} months"

    @property
    def purge_on(self):
        """The day the purge runs: the first day after the retention period, in the edition's zone."""
        return add_months(self.edition.in_person_end, self.months) + dt.timedelta(days=1)


def retention_for(edition):
    """The edition's retention period (an unsaved default when the organisers set none)."""
    try:
        return edition.retention
    except RetentionPolicy.DoesNotExist:
        return RetentionPolicy(edition=edition)


class NoticeIsPublished(Refused):
    """A published privacy notice is never changed: a new text is a new version."""


class PrivacyNotice(models.Model):
    """One published version of an edition's privacy notice. Never changed once saved (`save` refuses):
    what an applicant agreed to stays readable under its version. How long data is kept is not typed
    here: every page renders it from the edition's RetentionPolicy, so the notice cannot contradict it."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="privacy_notices")
    number = models.PositiveSmallIntegerField()
    version = models.CharField(_("version"), max_length=40)
    controller = models.CharField(
        _("who is responsible for the data (controller)"),
        max_length=300,
        help_text=_("The organisation that decides why and how the data is used, with its address."),
    )
    contact = models.EmailField(_("contact for questions about personal data"))
    purpose = models.TextField(
        _("what the data is used for and who sees it"),
        max_length=5000,
        help_text=_("In plain words: why you ask, who reads the answers, what is shared with whom."),
    )
    kept = models.TextField(
        _("what is kept"),
        max_length=5000,
        help_text=_("Which data is kept. How long is not typed here: the page shows the edition's retention period."),
    )
    rights = models.TextField(
        _("the person's rights"),
        max_length=5000,
        help_text=_("Access, correction, deletion, complaint: how to use them."),
    )
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="unique_notice_number"),
            models.UniqueConstraint(fields=["edition", "version"], name="unique_notice_version"),
        ]

    def __str__(self):
        return f"{self.edition} · {self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise NoticeIsPublished(f"privacy notice {self.version} is published; publish a new version instead")
        super().save(*args, **kwargs)

    @property
    def retention(self):
        return retention_for(self.edition)


class Reason(models.TextChoices):
    ACCOUNT_DELETED = "account_deleted", _("The person deleted their account")
    RETENTION = "retention", _("Retention period over")


class Anonymisation(models.Model):
    """An application whose personal data is gone; kept so the purge never does the work twice."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="anonymisation"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("anonymised application")
        verbose_name_plural = _("anonymised applications")

    def __str__(self):
        return f"{self.application_id} · {self.get_reason_display()}"
