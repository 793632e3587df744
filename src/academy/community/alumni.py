"""Alumni: one person across editions. Some months after an edition's in-person days (an edition setting,
6 by default) its participants are asked how they passed the knowledge on; one answer per person and
edition, editable; organisers read the totals per edition."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.applications.models import Status
from academy.applications.queries import participants, participations_of
from academy.editions.models import Edition
from academy.mail.services import queue_mail

from .groups import settings_for
from .models import CommunitySettings, FollowUpAnswer

ANSWER_FIELDS = ("trainings_given", "people_reached", "services_launched", "story")
INVITE_WINDOW = dt.timedelta(days=60)  # a job that starts late never mails the alumni of long-past editions


def opens_at(edition, options=None):
    """The instant the follow-up opens: the start of its day in the edition's zone."""
    return edition.start_of((options or settings_for(edition)).followup_opens)


def is_open(edition, now=None, options=None):
    return (now or timezone.now()) >= opens_at(edition, options)


@dataclass
class AlumnusEdition:
    application: object
    opens_at: object
    is_open: bool
    answer: object

    @property
    def edition(self):
        return self.application.edition


def my_editions(user, now=None):
    """Every edition the person took part in, latest first, with the follow-up's state and their answer."""
    applications = list(participations_of(user))
    editions = [a.edition_id for a in applications]
    options = {s.edition_id: s for s in CommunitySettings.objects.filter(edition__in=editions)}
    answers = {a.application_id: a for a in FollowUpAnswer.objects.filter(application__in=applications)}
    rows = []
    for application in applications:
        edition = application.edition
        option = options.get(edition.pk) or CommunitySettings(edition=edition)
        rows.append(
            AlumnusEdition(
                application, opens_at(edition, option), is_open(edition, now, option), answers.get(application.pk)
            )
        )
    return rows


class FollowUpNotOpen(ValidationError):
    pass


@transaction.atomic
def save_answer(application, *, by, now=None, **values):
    """Create or update the person's answer for the application's edition (non-negative whole numbers)."""
    if application.status != Status.CONFIRMED:
        raise ValidationError(_("Only participants of this edition answer its follow-up."))
    if not is_open(application.edition, now):
        raise FollowUpNotOpen(_("The follow-up of this edition is not open yet."))
    clean = {name: values[name] for name in ANSWER_FIELDS}
    errors = {
        name: _("Enter a whole number, 0 or more.")
        for name in ANSWER_FIELDS[:3]
        if not isinstance(clean[name], int) or clean[name] < 0
    }
    if errors:
        raise ValidationError(errors)
    answer, created = FollowUpAnswer.objects.update_or_create(application=application, defaults=clean)
    record(
        "alumni.followup_answered" if created else "alumni.followup_updated",
        actor=by,
        obj=answer,
        edition=application.edition,
    )
    return answer


@dataclass(frozen=True)
class Totals:
    alumni: int
    answered: int
    trainings_given: int
    people_reached: int
    services_launched: int


def totals(edition):
    """The edition's follow-up summed over its participants' answers: two queries."""
    sums = FollowUpAnswer.objects.filter(application__edition=edition, application__status=Status.CONFIRMED).aggregate(
        answered=Count("pk"),
        trainings_given=Sum("trainings_given"),
        people_reached=Sum("people_reached"),
        services_launched=Sum("services_launched"),
    )
    return Totals(alumni=participants(edition).count(), **{key: value or 0 for key, value in sums.items()})


def export_rows(edition):
    yield [
        _("Participant"),
        _("E-mail"),
        _("Organisation"),
        _("Country"),
        _("Trainings given"),
        _("People reached"),
        _("Services launched"),
        _("What they passed on"),
        f"{_('Last changed')} ({edition.time_zone})",
    ]
    answers = (
        FollowUpAnswer.objects.filter(application__edition=edition, application__status=Status.CONFIRMED)
        .select_related("application__applicant", "application__organisation")
        .order_by("application__applicant__full_name", "pk")
    )
    for answer in answers.iterator(chunk_size=500):
        person, organisation = answer.application.applicant, answer.application.organisation
        yield [
            person.full_name,
            person.email,
            organisation.name if organisation else "",
            organisation.country.name if organisation else "",
            answer.trainings_given,
            answer.people_reached,
            answer.services_launched,
            answer.story,
            answer.updated_at.astimezone(edition.zone).strftime("%Y-%m-%d %H:%M"),
        ]


def followup_url(edition):
    return settings.SITE_URL.rstrip("/") + reverse("community:followup", args=[edition.slug])


def invite(edition, *, now=None):
    """Queue the follow-up invitation for each participant who has not answered; once per person (dedupe)."""
    options = settings_for(edition)
    pending = participants(edition).exclude(pk__in=FollowUpAnswer.objects.values("application_id"))
    count = 0
    for application in pending:
        person = application.applicant
        queue_mail(
            purpose="alumni_followup",
            to_email=person.email,
            to_user=person,
            edition=edition,
            related=application,
            dedupe_key=f"alumni-followup:{application.pk}",
            context={"followup_url": followup_url(edition), "months": options.followup_months},
        )
        count += 1
    return count


def editions_to_invite(now):
    """Editions whose follow-up opened within the invitation window before `now`."""
    latest_end = now.date()
    candidates = Edition.objects.filter(in_person_end__lt=latest_end)
    options = {s.edition_id: s for s in CommunitySettings.objects.filter(edition__in=candidates)}
    for edition in candidates:
        start = opens_at(edition, options.get(edition.pk) or CommunitySettings(edition=edition))
        if start <= now < start + INVITE_WINDOW:
            yield edition
