from .models import CountryGroup, EligibleCountry
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
