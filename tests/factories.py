"""Small factories for tests: plain functions that create real rows with sensible defaults."""

import datetime as dt
import itertools

from allauth.account.models import EmailAddress

from academy.accounts.models import Role, User
from academy.accounts.services import grant_role
from academy.editions.models import Academy, Edition
from academy.registry.models import ClusterOrganisation, RegisteredPerson, RegistryRole
from academy.registry.services import set_default_eligible_countries

PASSWORD = "a-long-test-password"
_n = itertools.count(1)


def academy(**fields):
    n = next(_n)
    defaults = {"name": f"Academy {n}", "slug": f"academy-{n}", "contact_email": "events@example.org"}
    return Academy.objects.create(**(defaults | fields))


def edition(*, deadline=dt.date(2022, 10, 31), time_zone="Europe/Brussels", eligible_countries=True, **fields):
    """An edition shaped like the 2022 call; the dates shift with `deadline`."""
    n = next(_n)
    online = deadline + dt.timedelta(days=31)
    in_person = online + dt.timedelta(days=91)
    defaults = {
        "academy": fields.pop("academy", None) or academy(),
        "name": f"Edition {n}",
        "slug": f"edition-{n}",
        "year": deadline.year,
        "time_zone": time_zone,
        "call_opens": deadline - dt.timedelta(days=35),
        "application_deadline": deadline,
        "review_closes": deadline + dt.timedelta(days=14),
        "online_start": online,
        "online_end": online + dt.timedelta(days=1),
        "in_person_start": in_person,
        "in_person_end": in_person + dt.timedelta(days=1),
        "venue": "University of Strasbourg",
        "city": "Strasbourg",
        "contact_email": "events@example.org",
    }
    created = Edition.objects.create(**(defaults | fields))
    if eligible_countries:
        set_default_eligible_countries(created)
    return created


def user(email=None, *, password=PASSWORD, verified=True, **fields):
    email = email or f"person{next(_n)}@example.org"
    created = User.objects.create_user(email, password, full_name=fields.pop("full_name", "Test Person"), **fields)
    if verified:
        EmailAddress.objects.create(user=created, email=created.email, verified=True, primary=True)
    return created


def admin(email=None):
    return user(email, is_staff=True, is_superuser=True)


def with_role(role: Role, edition_, email=None):
    person = user(email)
    grant_role(person, edition_, role)
    return person


def organisation(country="DE", **fields):
    n = next(_n)
    defaults = {"registry_id": f"ORG-{n}", "name": f"Cluster {n}", "country": country}
    return ClusterOrganisation.objects.create(**(defaults | fields))


def registered(email, *, organisation_=None, role=RegistryRole.MANAGER, country="DE", **fields):
    org = organisation_ or organisation(country=country)
    return RegisteredPerson.objects.create(
        organisation=org, email=email, name=fields.pop("name", "Registered Person"), role=role, **fields
    )
