import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
    HOMEWORK_DEBRIEF = "homework_debrief", _("Homework debrief")
    NETWORKING = "networking", _("Networking")
    BREAK = "break", _("Break")


class Part(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class CoachKind(models.TextChoices):
    COACH = "coach", _("Coach")
    EXPERT = "expert", _("Expert")


def coach_photo_path(coach, filename):
    """A random name: the uploaded file's own name is never reused (it may hold anything)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"coaches/{coach.edition_id}/{uuid.uuid4().hex}.{suffix}"


class Coach(models.Model):
    """A coach's or expert's profile in one edition; `user` is linked once the invited person signs in."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="coaches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="coach_profiles"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CoachKind.choices, default=CoachKind.COACH)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. Internationalisation expert."))
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=coach_photo_path, blank=True)
    invited_at = models.DateTimeField(_("invited on"), null=True, blank=True)

    class Meta:
        verbose_name = _("coach or expert")
        verbose_name_plural = _("coaches and experts")
        ordering = ["edition", "name"]
        constraints = [
            models.UniqueConstraint("edition", Lower("email"), name="unique_coach_email_per_edition"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Session(models.Model):
    """One slot of the programme. Times are stored in UTC and shown in the edition's zone."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRAINING)
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True, help_text=_("For the in-person days."))
    video_link = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("For the online days; shown only to participants, coaches, organisers."),
    )
    coaches = models.ManyToManyField(Coach, blank=True, related_name="sessions", verbose_name=_("coaches and experts"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["edition", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def duration_minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def clean(self):
        if self.starts_at is None or self.ends_at is None or not self.edition_id:
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError(_("The session must end after it starts."))
        edition = self.edition
        if self.part == Part.ONLINE:
            first, last, label = edition.online_start, edition.online_end, _("online days")
        else:
            first, last, label = edition.in_person_start, edition.in_person_end, _("in-person days")
        if self.starts_at < edition.start_of(first) or self.ends_at > edition.start_of(last + dt.timedelta(days=1)):
            raise ValidationError(
                _("This session is not within the %(days)s of the edition (%(first)s – %(last)s).")
                % {"days": label, "first": f"{first:%d %B %Y}", "last": f"{last:%d %B %Y}"}
            )


class CalendarToken(models.Model):
    """The secret part of a person's own calendar address, which carries the video links.

    Kept in clear (unlike API tokens) so the person can copy their address again; a new one revokes it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_calendar_token_per_person")]

    def __str__(self):
        return f"{self.user} · {self.edition}"


class Source(models.TextChoices):
    MANUAL = "manual", _("Roll call")
    IMPORT = "import", _("Imported report")


class Attendance(models.Model):
    """Whether one participant attended one session, for how long, and with the camera on."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    camera_on = models.BooleanField(_("camera on"), null=True, blank=True, help_text=_("Empty when unknown."))
    camera_minutes = models.PositiveIntegerField(_("minutes with camera on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    # Every name and address under which the participant was in the report, whole (a formula-looking name too).
    imported_name = models.TextField(_("name in the report"), blank=True)
    imported_email = models.TextField(_("e-mail in the report"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "application"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="one_attendance_per_session_and_person")
        ]

    def __str__(self):
        return f"{self.application} · {self.session}"
