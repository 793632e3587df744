import pytest

from academy.accounts.models import EditionRole, Role
from academy.applications.models import Application, Status
from academy.registry.models import RegisteredPerson, RegistryRole
from tests import factories


@pytest.mark.django_db
def test_a_participant_finds_every_page_of_the_edition_on_their_page(client, edition, person):
    Application.objects.create(edition=edition, applicant=person, status=Status.CONFIRMED)
    client.force_login(person)
    page = client.get("/me/").content.decode()
    for path in ("programme/", "attendance/", "homework/", "info-pack/", "needs/", "surveys/"):
        assert f"/{edition.slug}/{path}" in page


@pytest.mark.django_db
def test_an_applicant_not_yet_selected_sees_no_participant_links(client, edition, person):
    Application.objects.create(edition=edition, applicant=person, status=Status.SUBMITTED)
    client.force_login(person)
    assert "Editions I take part in" not in client.get("/me/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", ["/orga/{slug}/applications/", "/orga/{slug}/reviews/", "/orga/{slug}/homework/"]),
        ("reviewer", ["/review/{slug}/"]),
        ("coach", ["/me/editions/{slug}/coaching/", "/coach/{slug}/homework/"]),
    ],
)
def test_each_role_finds_its_pages(client, edition, role, expected):
    client.force_login(factories.with_role(role, edition))
    page = client.get("/me/").content.decode()
    for path in expected:
        assert path.format(slug=edition.slug) in page


def test_a_roles_label_is_what_get_role_display_gives_for_every_role():
    """The header and the registry verdict read role_label, which skips Django's dict of every choice per call."""
    for model, roles in ((EditionRole, Role), (RegisteredPerson, RegistryRole)):
        for role in roles:
            row = model(role=role.value)
            assert row.role_label == row.get_role_display() == role.label
