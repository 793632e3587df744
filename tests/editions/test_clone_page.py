"""The clone screen at /orga/<slug>/clone/: organisers only, prefilled with next year, clear errors."""

import pytest

from academy.accounts.models import EditionRole, Role
from academy.editions.models import Edition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return factories.edition(name="Cluster Booster Academy 2022", slug="cba-2022")


def test_the_form_is_prefilled_with_next_year(client, source):
    client.force_login(factories.with_role(Role.ORGANISER, source))
    page = client.get("/orga/cba-2022/clone/").content.decode()
    assert 'value="Cluster Booster Academy 2023"' in page and 'value="cba-2023"' in page
    assert "29 February becomes 28 February" in page


def test_an_organiser_clones_and_lands_on_the_new_editions_dashboard(client, source):
    organiser = factories.with_role(Role.ORGANISER, source)
    client.force_login(organiser)
    response = client.post("/orga/cba-2022/clone/", {"name": "CBA 2023", "slug": "cba-2023"}, follow=True)
    assert response.redirect_chain == [("/orga/cba-2023/", 302)]
    page = response.content.decode()
    assert "CBA 2023 is set up from Cluster Booster Academy 2022" in page
    assert EditionRole.objects.filter(edition__slug="cba-2023", user=organiser, role=Role.ORGANISER).exists()


def test_a_taken_short_name_is_refused_with_what_was_typed_kept(client, source):
    factories.edition(slug="cba-2023")
    client.force_login(factories.with_role(Role.ORGANISER, source))
    response = client.post("/orga/cba-2022/clone/", {"name": "My new edition", "slug": "cba-2023"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Another edition already uses “cba-2023”: choose another short name." in page
    assert 'value="My new edition"' in page
    assert Edition.objects.filter(slug="cba-2023").count() == 1
    assert not Edition.objects.filter(name="My new edition").exists()


def test_a_bad_short_name_says_what_is_allowed(client, source):
    client.force_login(factories.with_role(Role.ORGANISER, source))
    response = client.post("/orga/cba-2022/clone/", {"name": "X", "slug": "CBA 2023!"})
    assert response.status_code == 400 and "lower-case letters, digits and hyphens" in response.content.decode()
    assert Edition.objects.count() == 1


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COACH])
def test_other_roles_are_refused(client, source, role):
    client.force_login(factories.with_role(role, source))
    assert client.get("/orga/cba-2022/clone/").status_code == 403
    assert client.post("/orga/cba-2022/clone/", {"name": "X", "slug": "x-2023"}).status_code == 403
    assert not Edition.objects.filter(slug="x-2023").exists()


def test_an_applicant_and_another_editions_organiser_are_refused(client, source):
    client.force_login(factories.user())
    assert client.get("/orga/cba-2022/clone/").status_code == 403
    client.force_login(factories.with_role(Role.ORGANISER, factories.edition()))
    assert client.post("/orga/cba-2022/clone/", {"name": "X", "slug": "x-2023"}).status_code == 403
    assert not Edition.objects.filter(slug="x-2023").exists()


def test_signed_out_visitors_are_sent_to_log_in_and_unknown_editions_are_404(client, source):
    assert client.get("/orga/cba-2022/clone/").status_code == 302
    client.force_login(factories.admin())
    assert client.get("/orga/nope/clone/").status_code == 404
