"""Who may apply to an edition, and why not: the rules of the call, checked against the registry."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from academy.registry.models import EligibleCountry, RegisteredPerson, RegistryRole
from academy.registry.services import people_with_email

from .models import EligibilityOverride, EligibilityRule


@dataclass
class Verdict:
    eligible: bool
    person: RegisteredPerson | None
    failed: list = field(default_factory=list)  # [(rule, message)] of rules not met and not overridden
    overridden: list = field(default_factory=list)  # [(rule, reason)]

    @property
    def organisation(self):
        return self.person.organisation if self.person else None

    def as_json(self):
        return [{"rule": rule, "message": str(message)} for rule, message in self.failed]


_PERSON_FIELDS = ("name", "role", "verified", "organisation__name", "organisation__country")


def _best_registration(email, edition):
    """Among the person's registrations, the one that passes the most rules; `in_eligible_country` tells whether
    its organisation's country is on the edition's list (asked in the same query)."""
    eligible = EligibleCountry.objects.filter(edition=edition, country=OuterRef("organisation__country"))
    people = people_with_email(email).select_related("organisation").annotate(in_eligible_country=Exists(eligible))
    # ranked below, so unordered; only what the verdict and its pages read
    people = people.order_by().only(*_PERSON_FIELDS)

    def rank(p):
        manager = p.role == RegistryRole.MANAGER or edition.admit_staff
        return (manager and p.in_eligible_country, manager, p.verified, -p.pk)

    return max(people, key=rank, default=None)


def check(user, edition):
    person = _best_registration(user.email, edition)
    failed = []
    if person is None:
        failed.append(
            (
                EligibilityRule.REGISTERED,
                _(
                    "Your e-mail address %(email)s is not registered on the cluster registry. Register there as the "
                    "manager in charge of your cluster organisation, or sign in with the address you registered with."
                )
                % {"email": user.email},
            )
        )
    else:
        if person.role != RegistryRole.MANAGER and not edition.admit_staff:
            failed.append(
                (
                    EligibilityRule.MANAGER,
                    _(
                        "You are registered as staff of %(org)s. This edition is open only to the manager in charge "
                        "of a cluster organisation."
                    )
                    % {"org": person.organisation.name},
                )
            )
        if not person.in_eligible_country:
            failed.append(
                (
                    EligibilityRule.COUNTRY,
                    _(
                        "%(org)s is in %(country)s, which is not an EU member state or a country associated to the "
                        "COSME strand of the Single Market Programme for this edition."
                    )
                    % {"org": person.organisation.name, "country": person.organisation.country.name},
                )
            )
    overrides = {}
    if failed:  # an override matters only to a rule not met: an eligible person costs no query here
        overrides = dict(EligibilityOverride.objects.filter(edition=edition, person=user).values_list("rule", "reason"))
    overridden = [(rule, overrides[rule]) for rule, _msg in failed if rule in overrides]
    failed = [(rule, msg) for rule, msg in failed if rule not in overrides]
    return Verdict(eligible=not failed, person=person, failed=failed, overridden=overridden)
