"""Peer-learning groups of an edition: formed by the program in grouping.py, adjusted by hand, published.

Participants see their group only once it is published; forming the groups again unpublishes them."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.applications.queries import Diversity, diversity_answers, participants

from .grouping import Member, form_groups
from .models import CommunitySettings, GroupMember, PeerGroup

TIME_LIMIT = 5.0  # seconds; the best grouping found by then is kept (40 people solve to optimality in ~1 s)


def settings_for(edition):
    """The edition's community settings (defaults, unsaved, when it has none yet)."""
    return CommunitySettings.objects.filter(edition=edition).first() or CommunitySettings(edition=edition)


def _settings_row(edition):
    return CommunitySettings.objects.select_for_update().get_or_create(edition=edition)[0]


@dataclass(frozen=True)
class Person:
    application: object
    diversity: Diversity

    @property
    def name(self):
        return self.application.applicant.full_name or self.application.applicant.email

    @property
    def organisation(self):
        return self.application.organisation

    @property
    def country(self):
        return self.organisation.country if self.organisation else None


def cohort(edition):
    """The confirmed participants with their diversity answers, by name."""
    applications = list(participants(edition))
    answers = diversity_answers(edition, [a.pk for a in applications])
    return [Person(a, answers.get(a.pk, Diversity())) for a in applications]


def _member(person):
    return Member(
        id=person.application.pk,
        country=person.country.code if person.country else None,
        experience=person.diversity.experience,
        ecosystems=frozenset(person.diversity.ecosystems),
    )


def form(edition, *, size, seed, by, time_limit=TIME_LIMIT):
    """Form the groups anew (replacing any, unpublished) and return the Grouping the program found."""
    people = cohort(edition)
    if len(people) < 2:
        raise ValidationError(_("Groups need at least two confirmed participants."))
    result = form_groups([_member(p) for p in people], size, seed=seed, time_limit=time_limit)
    with transaction.atomic():
        options = _settings_row(edition)
        PeerGroup.objects.filter(edition=edition).delete()
        for number, ids in enumerate(result.groups, start=1):
            group = PeerGroup.objects.create(edition=edition, number=number)
            GroupMember.objects.bulk_create(GroupMember(group=group, application_id=pk) for pk in ids)
        options.group_size, options.group_seed = size, seed
        options.groups_formed_at, options.groups_optimal = timezone.now(), result.status == "optimal"
        options.groups_published_at = None
        options.save()
        record(
            "groups.formed",
            actor=by,
            edition=edition,
            size=size,
            seed=seed,
            groups=len(result.groups),
            status=result.status,
            country_pairs=result.penalty.country_pairs,
        )
    return result


@transaction.atomic
def move(edition, application, group, *, by):
    """Put a participant in another group of the same edition, by hand."""
    if group.edition_id != edition.pk or application.edition_id != edition.pk:
        raise ValidationError(_("That group belongs to another edition."))
    membership = GroupMember.objects.select_related("group").filter(application=application).first()
    before = membership.group.number if membership else None
    GroupMember.objects.update_or_create(application=application, defaults={"group": group})
    record("groups.moved", actor=by, obj=application, edition=edition, before=before, after=group.number)


@transaction.atomic
def publish(edition, *, by):
    if not PeerGroup.objects.filter(edition=edition).exists():
        raise ValidationError(_("Form the groups before publishing them."))
    options = _settings_row(edition)
    options.groups_published_at = timezone.now()
    options.save(update_fields=["groups_published_at"])
    record("groups.published", actor=by, edition=edition)


@transaction.atomic
def unpublish(edition, *, by):
    options = _settings_row(edition)
    options.groups_published_at = None
    options.save(update_fields=["groups_published_at"])
    record("groups.unpublished", actor=by, edition=edition)


@dataclass
class GroupView:
    group: object
    people: list

    @property
    def warnings(self):
        countries = Counter(p.country.name for p in self.people if p.country)
        return [
            _("%(count)d people from %(country)s") % {"count": n, "country": country}
            for country, n in sorted(countries.items())
            if n > 1
        ]


def groups_of(edition, people=None):
    """The edition's groups with their people (confirmed participants only), and who is in no group."""
    people = {p.application.pk: p for p in (people if people is not None else cohort(edition))}
    groups = {g.pk: GroupView(g, []) for g in PeerGroup.objects.filter(edition=edition)}
    placed = set()
    for group_id, application_id in GroupMember.objects.filter(group__edition=edition).values_list(
        "group_id", "application_id"
    ):
        if application_id in people:
            groups[group_id].people.append(people[application_id])
            placed.add(application_id)
    for view in groups.values():
        view.people.sort(key=lambda p: p.name.lower())
    unplaced = [p for pk, p in people.items() if pk not in placed]
    return list(groups.values()), unplaced


def sizes_uneven(groups):
    sizes = [len(g.people) for g in groups]
    return bool(sizes) and max(sizes) - min(sizes) > 1


def my_group(edition, application):
    """The participant's published group as a GroupView, or None (not published, or in no group)."""
    if settings_for(edition).groups_published_at is None:
        return None
    membership = GroupMember.objects.select_related("group").filter(application=application).first()
    if membership is None:
        return None
    mates = participants(edition).filter(peer_group_member__group=membership.group)
    return GroupView(membership.group, [Person(a, Diversity()) for a in mates])
