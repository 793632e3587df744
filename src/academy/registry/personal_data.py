"""Our copy of the cluster registry names people (managers and staff). The registry belongs to the
cluster platform: deleting an account removes our copy of the person's entries; a later import brings
them back only if the platform still lists them (the deletion page says so). The retention purge
leaves the registry alone: it is not application data."""

from academy.core.personal_data import section

from .models import RegisteredPerson
from .services import people_with_email

data = section("registry", label="Cluster registry", order=50, models=[RegisteredPerson])


@data.export
def export(user):
    rows = people_with_email(user.email).select_related("organisation")
    return [
        {"organisation": p.organisation.name, "name": p.name, "email": p.email, "role": p.role, "verified": p.verified}
        for p in rows
    ]


@data.erase
def erase(subject):
    people_with_email(subject.email).delete()
