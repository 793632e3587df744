from django.db import transaction

from .models import CountryGroup, EligibleCountry
from .reference import COSME_ASSOCIATED_2022, EU_MEMBER_STATES


@transaction.atomic
def set_default_eligible_countries(edition):
    """The 27 EU member states and the countries associated to COSME in 2022."""
    rows = [(code, CountryGroup.EU) for code in EU_MEMBER_STATES]
    rows += [(code, CountryGroup.COSME) for code in COSME_ASSOCIATED_2022]
    for code, group in rows:
        EligibleCountry.objects.update_or_create(edition=edition, country=code, defaults={"group": group})


def eligible_country_codes(edition):
    return set(EligibleCountry.objects.filter(edition=edition).values_list("country", flat=True))
