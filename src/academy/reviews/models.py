"""Review of applications: the edition's settings and rubric, the reviewer pool with declared conflicts,
who reviews what, and the reviews themselves. The rules live in services.py, assigning.py and pool.py;
the pure maths in assignment.py and scoring.py."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class ReviewSetup(models.Model):
    """How an edition is reviewed. An edition without a row uses the defaults (see ``setup_for``)."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="review_setup")
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), choices=[(2, "2"), (3, "3")], default=2
    )
    max_load = models.PositiveSmallIntegerField(
        _("most applications per reviewer"), default=40, validators=[MinValueValidator(1)]
    )
    avoid_same_country = models.BooleanField(
        _("never give a reviewer an application from their own country"), default=False
    )
    blind = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers do not see the applicant's name, e-mail address or organisation."),
    )
    show_others_after_submit = models.BooleanField(
        _("show other reviewers' scores after one's own review is submitted"),
        default=True,
        help_text=_("If off, reviewers never see each other's scores."),
    )
    disagreement_points = models.FloatField(
        _("flag when totals differ by more than (points of 100)"),
        default=25,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    disagreement_z = models.FloatField(
        _("flag when normalised scores differ by more than"),
        default=1.5,
        validators=[MinValueValidator(0)],
        help_text=_("In standard deviations of each reviewer's own scores."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self):
        return f"{self.edition} · review settings"


class Criterion(models.Model):
    """One line of an edition's rubric, scored on a whole-number scale."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    guidance = models.TextField(_("guidance for reviewers"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1)])
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["edition", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(scale_min__lt=models.F("scale_max")), name="criterion_scale"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
            models.UniqueConstraint(fields=["edition", "name"], name="unique_criterion_name_per_edition"),
        ]

    def __str__(self):
        return self.name

    @property
    def values(self):
        return range(self.scale_min, self.scale_max + 1)


class Reviewer(models.Model):
    """A person invited to review one edition; the organisation and country feed the conflict rules.
    Accepting the invitation links the account and grants the reviewer role."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="reviewers")
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reviewer_profiles"
    )
    organisation = models.ForeignKey(
        "registry.ClusterOrganisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    country = CountryField(_("country"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("personal limit"), null=True, blank=True, help_text=_("Leave empty to use the edition's limit.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invited"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        ordering = ["edition", "email"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "email"], name="unique_reviewer_email_per_edition"),
        ]

    def __str__(self):
        return f"{self.email} · {self.edition}"

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()


class ConflictKind(models.TextChoices):
    ORGANISATION = "organisation", _("An organisation")
    COUNTRY = "country", _("A country")
    APPLICATION = "application", _("One application")


class Conflict(models.Model):
    """A reviewer's declared conflict: they never get this organisation's, country's or application's review."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="review_conflicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_conflicts")
    kind = models.CharField(_("conflict with"), max_length=20, choices=ConflictKind.choices)
    organisation = models.ForeignKey(
        "registry.ClusterOrganisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    country = CountryField(_("country"), blank=True)
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="review_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["edition", "reviewer", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="organisation", organisation__isnull=False)
                    | (models.Q(kind="country") & ~models.Q(country=""))
                    | models.Q(kind="application", application__isnull=False)
                ),
                name="conflict_names_its_subject",
            ),
        ]

    def __str__(self):
        subject = self.organisation or self.country.name or self.application_id
        return f"{self.reviewer} · {self.get_kind_display()} · {subject}"


class Source(models.TextChoices):
    AUTO = "auto", _("Automatic")
    MANUAL = "manual", _("Added by an organiser")
    THIRD = "third", _("Third review")


class Assignment(models.Model):
    """One reviewer on one application. An organiser's removal keeps the row with ``removed`` set, so the
    automatic assignment never brings the pair back."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="review_assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments")
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="review_assignments"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.AUTO)
    removed = models.BooleanField(_("removed by an organiser"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["edition", "reviewer", "application"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"], name="one_assignment_per_reviewer_and_app"),
        ]
        indexes = [
            models.Index(fields=["edition", "reviewer"]),
            models.Index(fields=["edition", "application"]),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application_id}"


class Recommendation(models.TextChoices):
    SELECT = "select", _("Select")
    MAYBE = "maybe", _("Maybe")
    REJECT = "reject", _("Do not select")


class Review(models.Model):
    """A reviewer's scores for one assignment: ``scores`` maps criterion ids (as text) to whole numbers,
    checked against the rubric on the server; ``total`` (0–100) is stored when the review is submitted."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices, blank=True)
    total = models.FloatField(_("weighted total"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"Review of {self.assignment}"


class ScoresVersion(models.Model):
    """Which state of an edition's reviews the board's normalisation was computed from. Database triggers
    (``versioning.py``, installed by migration 0002) bump it in the same transaction as every write that can
    change the scores or the progress per reviewer: a review or an assignment written or deleted in any way
    (bulk writes and the admin included), an assigned application entering or leaving review. ``stamp`` is
    drawn afresh at each bump, so a number that a rolled-back write once had never names other data.

    ``edition_id`` is a plain number, not a foreign key: the triggers fire while an edition's rows are
    deleted too, and must not recreate a row that points at an edition going away."""

    edition_id = models.BigIntegerField(unique=True)
    number = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")

    def __str__(self):
        return f"Scores of edition {self.edition_id}, version {self.number}"
