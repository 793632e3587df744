import pytest
from django_countries import countries

from academy.registry.models import CountryGroup, EligibleCountry
from academy.registry.services import set_default_eligible_countries
from tests import factories


def test_every_iso_country_and_kosovo_is_known():
    codes = dict(countries)
    assert len(codes) >= 249
    assert codes["XK"] == "Kosovo"
    assert codes["MK"] and codes["TR"]


@pytest.mark.django_db
def test_default_eligible_countries_are_the_27_member_states_and_11_cosme_countries(edition):
    rows = EligibleCountry.objects.filter(edition=edition)
    assert rows.filter(group=CountryGroup.EU).count() == 27
    cosme = set(rows.filter(group=CountryGroup.COSME).values_list("country", flat=True))
    assert cosme == {"IS", "AL", "BA", "XK", "ME", "MK", "RS", "TR", "AM", "MD", "UA"}
    assert not rows.filter(country__in=["CH", "NO", "GB"]).exists()


@pytest.mark.django_db
def test_setting_the_defaults_again_keeps_one_row_per_country_and_restores_its_group(edition):
    EligibleCountry.objects.filter(edition=edition, country="TR").update(group=CountryGroup.EU)
    kept = EligibleCountry.objects.get(edition=edition, country="FR").pk
    set_default_eligible_countries(edition)
    rows = EligibleCountry.objects.filter(edition=edition)
    assert rows.count() == 38
    assert rows.get(country="TR").group == CountryGroup.COSME
    assert rows.get(country="FR").pk == kept


@pytest.mark.django_db
def test_the_list_belongs_to_the_edition(client):
    one, other = factories.edition(), factories.edition()
    organiser = factories.with_role("organiser", one)
    client.force_login(organiser)
    response = client.post(f"/orga/{one.slug}/countries/", {"country": "NO", "group": "cosme"})
    assert response.status_code == 302
    assert EligibleCountry.objects.filter(edition=one, country="NO").exists()
    assert not EligibleCountry.objects.filter(edition=other, country="NO").exists()


@pytest.mark.django_db
def test_organiser_removes_a_country_and_the_audit_log_says_who(client, edition):
    from academy.accounts.models import AuditEntry

    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    row = EligibleCountry.objects.get(edition=edition, country="UA")
    assert client.post(f"/orga/{edition.slug}/countries/{row.pk}/remove/").status_code == 302
    assert not EligibleCountry.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(actor=organiser, action="eligible_country.removed").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "reviewer", "coach", "other-organiser"])
def test_only_organisers_of_the_edition_edit_the_list(client, edition, role):
    if role == "other-organiser":
        person = factories.with_role("organiser", factories.edition())
    elif role:
        person = factories.with_role(role, edition)
    else:
        person = factories.user()
    client.force_login(person)
    response = client.post(f"/orga/{edition.slug}/countries/", {"country": "NO", "group": "cosme"})
    assert response.status_code == 403
    assert not EligibleCountry.objects.filter(edition=edition, country="NO").exists()


@pytest.mark.django_db
def test_a_country_that_does_not_exist_is_refused_in_words(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    response = client.post(f"/orga/{edition.slug}/countries/", {"country": "QQ", "group": "eu"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
