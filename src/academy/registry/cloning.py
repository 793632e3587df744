"""Next edition: the eligible countries carry over (organisers edit them when associations change)."""

from academy.editions.cloning import part

from .models import EligibleCountry


@part("registry.eligible_countries")
def eligible_countries(source, target, clone):
    rows = [EligibleCountry(edition=target, country=c.country, group=c.group) for c in source.eligible_countries.all()]
    return len(EligibleCountry.objects.bulk_create(rows))
