import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
