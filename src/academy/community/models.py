"""The cohort as a community: peer-learning groups, the directory participants opt into, and the alumni
follow-up. Every row of a person points at their confirmed application, so it belongs to one person in one
edition; the person across editions is the User behind those applications."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class CommunitySettings(models.Model):
    """Per edition: the last peer-group run's choices, whether groups are published, and when alumni are asked."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="community")
    group_size = models.PositiveSmallIntegerField(
        _("people per group"), default=5, validators=[MinValueValidator(2), MaxValueValidator(20)]
    )
    group_seed = models.PositiveIntegerField(_("seed"), default=1)
    groups_formed_at = models.DateTimeField(null=True, blank=True)
    groups_optimal = models.BooleanField(default=False)
    groups_published_at = models.DateTimeField(null=True, blank=True)
    followup_months = models.PositiveSmallIntegerField(
        _("months after the in-person days"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("When alumni are asked how they passed their knowledge on."),
    )

    class Meta:
        verbose_name = _("community settings")
        verbose_name_plural = _("community settings")

    def __str__(self):
        return f"{self.edition}"

    @property
    def followup_opens(self):
        return add_months(self.edition.in_person_end, self.followup_months)


class PeerGroup(models.Model):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="peer_groups")
    number = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("peer-learning group")
        verbose_name_plural = _("peer-learning groups")
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_group_number")]

    def __str__(self):
        return _("Group %(number)d") % {"number": self.number}


class GroupMember(models.Model):
    """One participant in one group: the one-to-one keeps everyone in exactly one group."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="members")
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="peer_group_member"
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self):
        return f"{self.application.applicant} · {self.group}"


class DirectoryEntry(models.Model):
    """A participant's consent to the cohort directory and what they share. Withdrawing deletes the row."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="directory_entry"
    )
    consented_at = models.DateTimeField()
    share_organisation = models.BooleanField(_("my organisation"), default=True)
    share_country = models.BooleanField(_("my country"), default=True)
    share_email = models.BooleanField(_("my e-mail address"), default=False)
    bio = models.TextField(_("a few words about me"), max_length=800, blank=True)
    link = models.URLField(_("a profile link (LinkedIn or similar)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self):
        return f"{self.application.applicant}"

    @property
    def shared_fields(self):
        flags = {"organisation": self.share_organisation, "country": self.share_country, "email": self.share_email}
        typed = {"bio": self.bio, "link": self.link, "phone": self.phone}
        return [name for name, on in flags.items() if on] + [name for name, value in typed.items() if value]


class FollowUpAnswer(models.Model):
    """An alumnus's answer to the follow-up of one edition: how they passed the knowledge on."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="followup")
    trainings_given = models.PositiveIntegerField(_("trainings or workshops you gave"))
    people_reached = models.PositiveIntegerField(_("people you reached"))
    services_launched = models.PositiveIntegerField(_("new services you launched"))
    story = models.TextField(_("what you passed on, in a few words"), max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alumni follow-up answer")
        verbose_name_plural = _("alumni follow-up answers")

    def __str__(self):
        return f"{self.application}"
