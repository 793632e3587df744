"""Selection as rows: the rules an organiser sets per edition, each run of the solver with its
complete input and outcome, and the offers made when a run is adopted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from academy.applications.models import Application
from academy.editions.models import Edition


class SelectionRules(models.Model):
    """The edition's rules in the instance format of `selection.instance` (a list of rule objects)."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="selection_rules")
    rules = models.JSONField(_("rules"), default=list)
    lexicographic = models.BooleanField(
        _("meet the most rules first"),
        default=False,
        help_text=_("Soft rules: first break as few as possible, then maximise the score."),
    )
    respond_days = models.PositiveSmallIntegerField(
        _("days to respond to an offer"),
        default=7,
        help_text=_("An offer must be confirmed or declined within this many days."),
    )
    explain_in_mail = models.BooleanField(
        _("give the short explanation in decision mails"),
        default=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("selection rules")
        verbose_name_plural = _("selection rules")

    def __str__(self):
        return f"Selection rules of {self.edition}"


class SelectionRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="selection_runs")
    number = models.PositiveIntegerField(_("run"))
    seed = models.PositiveIntegerField(_("seed"), default=0)
    lexicographic = models.BooleanField(_("meet the most rules first"), default=False)
    rules = models.JSONField(_("rules"), default=list)
    # The complete input (selection.instance JSON) and the solver's result JSON, so a run can be
    # exported and re-solved by anyone; explanations keyed by candidate id.
    instance = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    explanations = models.JSONField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_text = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    status = models.CharField(_("solver status"), max_length=20, blank=True)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="selection_run_number_per_edition"),
            models.UniqueConstraint(
                fields=["edition"],
                condition=models.Q(adopted_at__isnull=False),
                name="one_adopted_selection_run_per_edition",
            ),
        ]

    def __str__(self):
        return f"Run {self.number} of {self.edition}"


class Offer(models.Model):
    """A seat offered to an application: by the adopted run, or by promotion from the waitlist."""

    class Response(models.TextChoices):
        OPEN = "", _("Open")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="offer")
    run = models.ForeignKey(SelectionRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="offers")
    from_waitlist = models.BooleanField(default=False)
    offered_at = models.DateTimeField()
    respond_by = models.DateTimeField(_("respond by"))
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.OPEN, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # What the person said when answering: the commitments they ticked again (question keys) on
    # confirming, their reason (optional) on declining.
    commitments = models.JSONField(default=list, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["respond_by"]
        indexes = [models.Index(fields=["response", "respond_by"])]

    def __str__(self):
        return f"Offer to {self.application}"

    @property
    def is_open(self):
        return self.response == self.Response.OPEN

    def is_overdue(self, now):
        """Open past its respond-by: the expiry job will close it, and nobody may answer it any more."""
        return self.is_open and now > self.respond_by


class SelectionLock(models.Model):
    """An organiser's decision that an application must be selected ("in") or must not be ("out") by every run."""

    class Lock(models.TextChoices):
        IN = "in", _("Must select")
        OUT = "out", _("Must not select")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="selection_lock")
    lock = models.CharField(_("lock"), max_length=3, choices=Lock.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("selection lock")
        verbose_name_plural = _("selection locks")

    def __str__(self):
        return f"{self.get_lock_display()}: {self.application}"
