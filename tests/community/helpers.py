"""Small factories for community tests: confirmed participants with an organisation and submitted answers."""

import itertools

from django.utils import timezone

from academy.applications.models import Application, Status, SubmittedVersion
from tests import factories

_n = itertools.count(1)


def member(
    edition, *, country="PT", experience="Under 3 years", ecosystems=("Digital",), status=Status.CONFIRMED, **fields
):
    """A participant's application in `edition` (a fresh person, organisation and submitted answers)."""
    n = next(_n)
    person = factories.user(full_name=fields.pop("full_name", f"Participant {n:03}"), **fields)
    application = Application.objects.create(
        edition=edition,
        applicant=person,
        organisation=factories.organisation(country=country, name=f"Cluster of {person.full_name}"),
        status=status,
    )
    SubmittedVersion.objects.create(
        application=application,
        number=1,
        answers={"experience": experience, "ecosystems": list(ecosystems)},
        submitted_at=timezone.now(),
    )
    return application


def cohort(edition, countries):
    bands = ["Under 3 years", "3–5 years", "6–10 years", "Over 10 years"]
    return [
        member(edition, country=country, experience=bands[i % 4], ecosystems=[["Digital", "Health", "Energy"][i % 3]])
        for i, country in enumerate(countries)
    ]
