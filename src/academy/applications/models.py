from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from academy.privacy.notices import current_notice


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes / no")
    DATE = "date", _("Date")
    URL = "url", _("Web address")
    FILE = "file", _("File (PDF)")
    COMMITMENT = "commitment", _("Commitment (must be ticked to submit)")
    CONSENT = "consent", _("Consent to the privacy notice")


# Character limits of text answers when the question sets none.
DEFAULT_LIMITS = {QuestionType.SHORT_TEXT: 200, QuestionType.LONG_TEXT: 5000, QuestionType.URL: 500}


class Dimension(models.TextChoices):
    """Tags that selection uses for diversity."""

    NONE = "", _("None")
    EXPERIENCE = "experience", _("Experience")
    BACKGROUND = "background", _("Professional background")
    ECOSYSTEM = "ecosystem", _("Industrial ecosystems")


class Question(models.Model):
    """One question of an edition's application form; answers are validated against it on the server."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60, help_text=_("Short name used in exports, e.g. motivation."))
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    max_length = models.PositiveIntegerField(_("character limit"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_("One option per line."))
    min_value = models.DecimalField(_("minimum"), max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=12, decimal_places=2, null=True, blank=True)
    max_file_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), default=5)
    dimension = models.CharField(_("diversity dimension"), max_length=20, choices=Dimension.choices, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]  # always read per edition; each term costs Django time to build, "edition" a join
        constraints = [models.UniqueConstraint(fields=["edition", "key"], name="unique_question_key_per_edition")]

    def __str__(self):
        return self.label

    @cached_property
    def consent_notice(self):
        """The privacy notice a consent question cites: always the edition's current version, never typed."""
        if self.type != QuestionType.CONSENT:
            return None
        return current_notice(self.edition)

    @property
    def consent_version(self):
        return self.consent_notice.version if self.consent_notice else ""

    @property
    def limit(self):
        """The character limit of a text answer (its own, or the default for its type)."""
        return self.max_length or DEFAULT_LIMITS.get(self.type)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    WAITLISTED = "waitlisted", _("Waitlisted")
    OFFERED = "offered", _("Offered a seat")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")
    NOT_SELECTED = "not_selected", _("Not selected")


class ApplicationQuerySet(models.QuerySet):
    """Filters that apps below applications reach through the reverse relations (`user.applications`,
    `edition.applications`) without importing this app (see the layers in pyproject.toml)."""

    def holding_seat(self):
        """Offered a seat or confirmed in it."""
        return self.filter(status__in=(Status.OFFERED, Status.CONFIRMED))

    def outside_cohort(self):
        """Everyone but the confirmed participants: whose personal data the retention purge removes."""
        return self.exclude(status=Status.CONFIRMED)


class Application(models.Model):
    """One person's application to one edition. `answers` is the working draft; each submission is a
    SubmittedVersion and the latest one counts."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "registry.ClusterOrganisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(
        default=0, help_text="Raised on every save of the draft, so a stale tab is detected instead of overwriting."
    )
    field_revisions = models.JSONField(
        default=dict,
        blank=True,
        help_text="Per question key, the revision and time of its last save: {key: {rev, at}}.",
    )
    is_eligible = models.BooleanField(_("eligible"), null=True)
    eligibility_reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    consent_version = models.CharField(
        _("privacy notice agreed to"), max_length=40, blank=True, help_text="The version of the privacy notice."
    )
    consent_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "applicant"], name="one_application_per_person_and_edition")
        ]
        indexes = [models.Index(fields=["edition", "status"]), models.Index(fields=["edition", "submitted_at"])]

    def __str__(self):
        return f"{self.applicant} · {self.edition}"


class SubmittedVersion(models.Model):
    """What was submitted, as it was: an application submitted twice has two versions."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    answers = models.JSONField()
    submitted_at = models.DateTimeField()
    revision = models.PositiveIntegerField(default=0, help_text="The draft revision this version was made from.")
    receipt_pdf = models.CharField(max_length=300, blank=True, help_text="Path in the default storage.")

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["application_id", "-number"]  # the column itself: "application" would join applications
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="unique_version_number")]

    def __str__(self):
        return f"{self.application} v{self.number}"


class EligibilityRule(models.TextChoices):
    REGISTERED = "registered", _("Registered on the cluster registry")
    MANAGER = "manager", _("Manager in charge of the cluster organisation")
    COUNTRY = "country", _("Organisation in an eligible country")


class EligibilityOverride(models.Model):
    """An organiser lets one person pass one failed rule, with a written reason."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="eligibility_overrides")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("rule"), max_length=20, choices=EligibilityRule.choices)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eligibility override")
        verbose_name_plural = _("eligibility overrides")
        constraints = [models.UniqueConstraint(fields=["edition", "person", "rule"], name="unique_override_per_rule")]

    def __str__(self):
        return f"{self.person} · {self.get_rule_display()}"
