from django.db.models import Value
from django.db.models.functions import Lower

from .models import CountryGroup, EligibleCountry, RegisteredPerson
from .reference import COSME_ASSOCIATED_2022, EU_MEMBER_STATES


def set_default_eligible_countries(edition):
    """The 27 EU member states and the countries associated to COSME in 2022, in one statement: a country already
    on the list keeps its row and takes its default group again."""
    rows = [(code, CountryGroup.EU) for code in EU_MEMBER_STATES]
    rows += [(code, CountryGroup.COSME) for code in COSME_ASSOCIATED_2022]
    EligibleCountry.objects.bulk_create(
        [EligibleCountry(edition=edition, country=code, group=group) for code, group in rows],
        update_conflicts=True,
        unique_fields=["edition", "country"],
        update_fields=["group"],
    )


def eligible_country_codes(edition):
    return set(EligibleCountry.objects.filter(edition=edition).values_list("country", flat=True))


def people_with_email(email):
    """The registrations of an e-mail address whatever its case, read through the index on the lower-cased address
    (`email__iexact` would read every person on SQLite)."""
    return RegisteredPerson.objects.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(email)))
