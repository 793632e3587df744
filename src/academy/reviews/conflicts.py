"""The database seen as the pure assignment core sees it: applications in scope, the reviewer pool, the
declared conflicts, and the one question every reviewer page asks — may this person review this one?"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from academy.accounts.models import EditionRole, Role
from academy.applications.queries import SUBMITTED_STATES, submitted

from . import assignment as core
from .models import Conflict, ConflictKind, Reviewer, ReviewSetup

REASONS = {
    "organisation": _("The reviewer works for the applicant's organisation."),
    "country": _("The reviewer is from the applicant's country, and this edition avoids that."),
    "declared": _("The reviewer declared a conflict with this application."),
    "declared_organisation": _("The reviewer declared a conflict with the applicant's organisation."),
    "declared_country": _("The reviewer declared a conflict with the applicant's country."),
}


def setup_for(edition):
    """The edition's review settings: its saved row, or the defaults (unsaved) if organisers changed none."""
    setup = getattr(edition, "_review_setup", None)
    if setup is None:
        setup = ReviewSetup.objects.filter(edition=edition).first() or ReviewSetup(edition=edition)
        edition._review_setup = setup
    return setup


def in_scope(edition):
    """Applications to review: submitted, not withdrawn, and eligible."""
    return submitted(edition).filter(is_eligible=True)


def scope_filter(prefix="application__"):
    """``in_scope`` as a filter through a relation, e.g. on assignments or (with a longer prefix) reviews."""
    return Q(**{f"{prefix}status__in": SUBMITTED_STATES, f"{prefix}is_eligible": True})


def core_application(application):
    """``application`` needs ``organisation`` loaded (select_related) or none."""
    organisation = application.organisation
    return core.Application(
        id=application.pk,
        organisation=application.organisation_id,
        country=organisation.country.code if organisation is not None else None,
    )


def scope_applications(edition):
    rows = in_scope(edition).values_list("pk", "organisation_id", "organisation__country")
    return [core.Application(id=pk, organisation=org, country=country or None) for pk, org, country in rows]


def pool(edition):
    """The reviewers of the edition (everyone holding the reviewer role), with the organisation, country and
    personal limit from their invitation when there is one."""
    user_ids = EditionRole.objects.filter(edition=edition, role=Role.REVIEWER).values_list("user_id", flat=True)
    profiles = {
        p["user_id"]: p
        for p in Reviewer.objects.filter(edition=edition, user__isnull=False).values(
            "user_id", "organisation_id", "organisation__country", "country", "capacity"
        )
    }
    return [_core_reviewer(uid, profiles.get(uid)) for uid in sorted(set(user_ids))]


def _core_reviewer(user_id, profile):
    if profile is None:
        return core.Reviewer(id=user_id)
    return core.Reviewer(
        id=user_id,
        organisation=profile["organisation_id"],
        country=profile["country"] or profile["organisation__country"] or None,
        capacity=profile["capacity"],
    )


def reviewer_of(edition, user):
    profile = (
        Reviewer.objects.filter(edition=edition, user=user)
        .values("user_id", "organisation_id", "organisation__country", "country", "capacity")
        .first()
    )
    return _core_reviewer(user.pk, profile)


def declared(edition, reviewers=None):
    """The declared conflicts of the edition (of some reviewers only, if given) as ``core.Conflicts``."""
    rows = Conflict.objects.filter(edition=edition)
    if reviewers is not None:
        rows = rows.filter(reviewer__in=reviewers)
    pairs, organisations, countries = set(), {}, {}
    for reviewer, kind, organisation, country, application in rows.values_list(
        "reviewer_id", "kind", "organisation_id", "country", "application_id"
    ):
        if kind == ConflictKind.APPLICATION:
            pairs.add((reviewer, application))
        elif kind == ConflictKind.ORGANISATION:
            organisations.setdefault(reviewer, set()).add(organisation)
        else:
            countries.setdefault(reviewer, set()).add(country)
    return core.Conflicts(pairs=frozenset(pairs), organisations=organisations, countries=countries)


@dataclass(frozen=True)
class ConflictCheck:
    """Everything needed to test many (reviewer, application) pairs of one edition without more queries."""

    reviewers: dict
    conflicts: core.Conflicts
    avoid_same_country: bool

    def reason(self, user_id, application):
        """A code of ``REASONS`` or None; ``application`` is a ``core.Application``."""
        reviewer = self.reviewers.get(user_id) or core.Reviewer(id=user_id)
        return core.conflict_reason(reviewer, application, self.conflicts, avoid_same_country=self.avoid_same_country)


def checker(edition, user=None):
    """A ``ConflictCheck`` for the whole pool, or for one reviewer (three queries either way)."""
    if user is None:
        reviewers = {r.id: r for r in pool(edition)}
        conflicts = declared(edition)
    else:
        reviewers = {user.pk: reviewer_of(edition, user)}
        conflicts = declared(edition, [user])
    return ConflictCheck(reviewers, conflicts, setup_for(edition).avoid_same_country)


def conflict_reason(edition, user, application):
    """Why ``user`` may not review ``application`` (in words), or None."""
    code = checker(edition, user).reason(user.pk, core_application(application))
    return REASONS[code] if code else None
