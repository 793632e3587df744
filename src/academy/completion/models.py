"""The completion rule of an edition, the exceptions organisers grant, and the certificates issued.

A participant is a confirmed Application (applications.queries.participants): exceptions and
certificates point at the application, so each belongs to one person in one edition."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CompletionRule(models.Model):
    """What a participant must have done to complete the edition; made with the defaults when first needed.

    *Present at a day*: marked present at sessions that make up at least `day_share` % of that day's
    programme time, breaks not counted (at 100 %, the default, every session of the day). The days are
    the calendar days, in the edition's zone, on which the programme has sessions."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="completion_rule")
    require_all_days = models.BooleanField(
        _("present at every programme day"), default=True, help_text=_("The online and the in-person days.")
    )
    day_share = models.PositiveSmallIntegerField(
        _("share of a day's sessions to count as present (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("Of the day's programme time, breaks not counted. 100 means every session of the day."),
    )
    camera_share = models.PositiveSmallIntegerField(
        _("camera on in the online days (% of the time attended)"),
        default=75,
        validators=[MaxValueValidator(100)],
        help_text=_("0 leaves the camera out of the rule."),
    )
    require_homework = models.BooleanField(_("every homework handed in"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(condition=Q(day_share__lte=100), name="completion_day_share_at_most_100"),
            models.CheckConstraint(condition=Q(camera_share__lte=100), name="completion_camera_share_at_most_100"),
        ]

    def __str__(self):
        return f"Completion rule · {self.edition}"


class CompletionException(models.Model):
    """An organiser lets one participant complete although the rule is not met; revoking deletes it (the
    audit log keeps both)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="completion_exception"
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("completion exception")
        verbose_name_plural = _("completion exceptions")

    def __str__(self):
        return f"Exception · {self.application}"


class Certificate(models.Model):
    """A certificate of completion. The code is the unguessable key of the public verification page; what
    the PDF says (name, hours) is stored as issued, so a later change of the account does not alter it."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="certificates")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(_("name on the certificate"), max_length=200)
    hours = models.DecimalField(_("hours attended"), max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_exception = models.BooleanField(default=False)
    pdf = models.CharField(max_length=300, blank=True, help_text="Storage path of the rendered PDF.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["edition", "name", "pk"]
        constraints = [
            # One certificate per participant: issuing again finds it; a revoked one stays revoked.
            models.UniqueConstraint(fields=["application"], name="one_certificate_per_participant"),
        ]

    def __str__(self):
        return f"Certificate {self.code[:6]}… · {self.name}"

    @property
    def revoked(self):
        return self.revoked_at is not None


class IssueRun(models.Model):
    """One bulk issue: whom it is for (decided when started), and how far the task has come."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="certificate_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    application_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("certificate run")
        verbose_name_plural = _("certificate runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Certificates for {self.edition} ({self.done}/{self.total})"

    @property
    def is_done(self):
        return self.finished_at is not None
