import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone such as Europe/Brussels."), params={"value": value})


class Academy(models.Model):
    """A programme that recurs every year under one name, with its own organisers and rules."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact address"), blank=True)

    class Meta:
        verbose_name = _("academy")
        verbose_name_plural = _("academies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    CALL_OPEN = "call_open", _("Call open")
    REVIEW = "review", _("Review")
    SELECTION = "selection", _("Selection")
    ONLINE = "online", _("Online part")
    HOMEWORK = "homework", _("Homework")
    IN_PERSON = "in_person", _("In-person part")
    COMPLETED = "completed", _("Completed")


class Edition(models.Model):
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="editions")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, help_text=_("Used in addresses, e.g. cba-2022."))
    year = models.PositiveSmallIntegerField(_("year"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    call_opens = models.DateField(_("call opens on"))
    application_deadline = models.DateField(
        _("application deadline"),
        help_text=_("Applications close at the end of this day in the edition's time zone."),
    )
    review_closes = models.DateField(_("review closes on"))
    online_start = models.DateField(_("first online day"))
    online_end = models.DateField(_("last online day"))
    in_person_start = models.DateField(_("first in-person day"))
    in_person_end = models.DateField(_("last in-person day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    min_participants = models.PositiveSmallIntegerField(_("minimum participants"), default=25)
    max_participants = models.PositiveSmallIntegerField(_("maximum participants"), default=40)
    contact_email = models.EmailField(_("contact address"))
    admit_staff = models.BooleanField(
        _("admit cluster staff"),
        default=False,
        help_text=_("If off, only the manager in charge of a cluster organisation may apply."),
    )
    # The call's texts, edited by organisers.
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    format_text = models.TextField(_("format and dates"), blank=True)
    who_can_apply = models.TextField(_("who can apply"), blank=True)
    costs = models.TextField(_("costs"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_participants__lte=models.F("max_participants")),
                name="edition_min_le_max_participants",
            ),
            models.CheckConstraint(
                condition=models.Q(call_opens__lte=models.F("application_deadline")),
                name="edition_call_opens_before_deadline",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("editions:call", kwargs={"slug": self.slug})

    def clean(self):
        order = [
            ("call_opens", self.call_opens),
            ("application_deadline", self.application_deadline),
            ("review_closes", self.review_closes),
            ("online_start", self.online_start),
            ("online_end", self.online_end),
            ("in_person_start", self.in_person_start),
            ("in_person_end", self.in_person_end),
        ]
        for (_earlier, a), (later, b) in zip(order, order[1:], strict=False):
            if a and b and b < a:
                field = self._meta.get_field(later)
                raise ValidationError(
                    {
                        later: _("%(field)s cannot be before the date above it.")
                        % {"field": field.verbose_name.capitalize()}
                    }
                )
        if self.min_participants and self.max_participants and self.min_participants > self.max_participants:
            raise ValidationError({"max_participants": _("The maximum cannot be below the minimum.")})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def start_of(self, day):
        """The first instant of a calendar day in the edition's zone, as an aware datetime."""
        return dt.datetime.combine(day, dt.time.min, tzinfo=self.zone)

    def end_of(self, day):
        """The last instant of a calendar day in the edition's zone (23:59:59.999999)."""
        return dt.datetime.combine(day, dt.time.max, tzinfo=self.zone)

    @property
    def deadline(self):
        return self.end_of(self.application_deadline)

    @property
    def call_opens_at(self):
        return self.start_of(self.call_opens)

    def accepts_applications(self, now=None):
        now = now or timezone.now()
        return self.call_opens_at <= now <= self.deadline

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.call_opens_at:
            return Phase.UPCOMING
        if now <= self.deadline:
            return Phase.CALL_OPEN
        if now <= self.end_of(self.review_closes):
            return Phase.REVIEW
        if now < self.start_of(self.online_start):
            return Phase.SELECTION
        if now <= self.end_of(self.online_end):
            return Phase.ONLINE
        if now < self.start_of(self.in_person_start):
            return Phase.HOMEWORK
        if now <= self.end_of(self.in_person_end):
            return Phase.IN_PERSON
        return Phase.COMPLETED

    @property
    def current_phase(self):
        return self.phase()
