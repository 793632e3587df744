"""Homework, the info pack with participants' needs, and feedback surveys of an edition's cohort.

A participant is a confirmed Application (applications.queries.participants); every row that
belongs to a participant points at their application, so it is tied to one person in one edition."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HomeworkAssignment(models.Model):
    """Homework given in the online part: due at the end of `due_date` in the edition's time zone."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=200)
    brief = models.TextField(_("brief"), help_text=_("What to do, in a few paragraphs."))
    due_date = models.DateField(
        _("due date"), help_text=_("Hand-ins are accepted until the end of this day in the edition's time zone.")
    )
    late_until = models.DateField(
        _("accept late hand-ins until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to refuse anything after the due date. Hand-ins after the due date show as late."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewing coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments_to_review",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["edition", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(late_until__isnull=True) | Q(late_until__gte=models.F("due_date")),
                name="assignment_late_until_after_due_date",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def due_at(self):
        return self.edition.end_of(self.due_date)

    @property
    def closes_at(self):
        return self.edition.end_of(self.late_until or self.due_date)

    def accepts_hand_ins(self, now=None):
        return (now or timezone.now()) <= self.closes_at

    def is_late(self, when):
        return when > self.due_at


class AssignmentAttachment(models.Model):
    """A file the organisers give with the brief (slides, a template to fill in)."""

    assignment = models.ForeignKey(HomeworkAssignment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=300)
    original_name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["assignment", "pk"]

    def __str__(self):
        return self.original_name


class HandIn(models.Model):
    """A participant's answer to one assignment: text and/or one file. Resubmitting replaces it and
    raises `version`; the latest one is what coaches review."""

    assignment = models.ForeignKey(HomeworkAssignment, on_delete=models.PROTECT, related_name="hand_ins")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="hand_ins")
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=150, blank=True)
    kind = models.CharField(max_length=8, blank=True)
    size = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField()
    first_submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("hand-in")
        verbose_name_plural = _("hand-ins")
        ordering = ["assignment", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "application"], name="one_hand_in_per_assignment"),
            models.CheckConstraint(condition=~Q(text="") | ~Q(file=""), name="hand_in_has_text_or_file"),
        ]

    def __str__(self):
        return f"{self.assignment} · {self.application.applicant}"

    @property
    def is_late(self):
        return self.assignment.is_late(self.submitted_at)


class Feedback(models.Model):
    """A coach's written feedback on a hand-in; the participant is told by mail."""

    hand_in = models.ForeignKey(HandIn, on_delete=models.CASCADE, related_name="feedback")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("feedback"))
    on_version = models.PositiveIntegerField(help_text="The hand-in version the coach read.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["hand_in", "created_at", "pk"]

    def __str__(self):
        return f"{self.coach} on {self.hand_in}"


class InfoPack(models.Model):
    """What participants need for the in-person days; a page and a PDF."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="info_pack")
    venue = models.CharField(_("venue"), max_length=200)
    address = models.TextField(_("address"))
    map_link = models.URLField(_("map link"), blank=True, help_text=_("A link to the venue on a map."))
    hotels = models.TextField(_("hotel recommendations"), blank=True)
    transport = models.TextField(_("transport options"), blank=True)
    catering = models.TextField(_("catering"), blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("info pack")
        verbose_name_plural = _("info packs")

    def __str__(self):
        return f"Info pack · {self.edition}"


class Dietary(models.TextChoices):
    NONE = "none", _("No special diet")
    VEGETARIAN = "vegetarian", _("Vegetarian")
    VEGAN = "vegan", _("Vegan")
    HALAL = "halal", _("Halal")
    KOSHER = "kosher", _("Kosher")
    GLUTEN_FREE = "gluten_free", _("Gluten-free")
    LACTOSE_FREE = "lactose_free", _("Lactose-free")
    OTHER = "other", _("Other (please say)")


class ParticipantNeeds(models.Model):
    """Dietary and accessibility needs, asked when a seat is confirmed; the caterer sees counts."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="needs")
    dietary = models.CharField(_("dietary needs"), max_length=20, choices=Dietary.choices, default=Dietary.NONE)
    dietary_notes = models.CharField(_("dietary details"), max_length=300, blank=True)
    accessibility = models.TextField(_("accessibility needs"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant needs")
        verbose_name_plural = _("participant needs")

    def __str__(self):
        return f"Needs · {self.application}"


class SurveyPart(models.TextChoices):
    ONLINE = "online", _("Online part")
    IN_PERSON = "in_person", _("In-person part")
    WHOLE = "whole", _("The whole academy")
    SESSION = "session", _("One session")


class Survey(models.Model):
    """A feedback survey; participants answer once and may edit until it closes (unless anonymous)."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    part = models.CharField(_("about"), max_length=20, choices=SurveyPart.choices, default=SurveyPart.WHOLE)
    session_label = models.CharField(
        _("session"), max_length=200, blank=True, help_text=_("The session's title, when the survey is about one.")
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Answers are stored without the person; they cannot be edited once sent."),
    )
    opens_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["edition", "created_at", "pk"]

    def __str__(self):
        return self.title

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at is not None and self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    def has_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    @property
    def about(self):
        if self.part == SurveyPart.SESSION and self.session_label:
            return self.session_label
        return self.get_part_display()


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating from 1 to 5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.label

    @property
    def key(self):
        return str(self.pk)


class SurveyResponse(models.Model):
    """One set of answers, keyed by question id. For an anonymous survey `application` is empty and
    neither a time nor an ordered id is kept, so nothing links the answers to SurveyRespondent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    application = models.ForeignKey(
        "applications.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="survey_responses"
    )
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "application"],
                condition=Q(application__isnull=False),
                name="one_named_response_per_participant",
            )
        ]

    def __str__(self):
        return f"Response to {self.survey}"


class SurveyRespondent(models.Model):
    """Who has answered a survey (for "answer once" and the reminder list), never what they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey respondent")
        verbose_name_plural = _("survey respondents")
        constraints = [
            models.UniqueConstraint(fields=["survey", "application"], name="one_answer_per_participant_and_survey")
        ]

    def __str__(self):
        return f"{self.application} answered {self.survey}"
