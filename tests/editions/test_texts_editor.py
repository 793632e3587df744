import pytest

from academy.accounts.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_organiser_edits_the_texts_of_the_call(client, edition):
    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    data = {
        "summary": "Four days for cluster managers.",
        "objectives": "Learn from peers.\n\nMeet experts.",
        "format_text": "2 online days, 2 in person.",
        "who_can_apply": "Managers in charge.",
        "costs": "Free; food and drinks covered; travel and hotel at your own cost.",
        "how_to_apply": "Fill in the form.",
        "contact_email": "events@clustercollaboration.eu",
    }
    assert client.post(f"/orga/{edition.slug}/texts/", data).status_code == 302
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert "<p>Learn from peers.</p>\n\n<p>Meet experts.</p>" in page
    assert "travel and hotel at your own cost" in page and "mailto:events@clustercollaboration.eu" in page
    assert AuditEntry.objects.get(action="edition.texts_changed").actor == organiser


def test_texts_are_shown_escaped(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    client.post(
        f"/orga/{edition.slug}/texts/", {"objectives": "<script>alert(1)</script>", "contact_email": "a@example.org"}
    )
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_a_bad_contact_address_is_refused_and_nothing_changes(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    response = client.post(f"/orga/{edition.slug}/texts/", {"objectives": "New", "contact_email": "not an address"})
    assert response.status_code == 400 and "Enter a valid email address" in response.content.decode()
    edition.refresh_from_db()
    assert edition.objectives != "New"


@pytest.mark.parametrize("role", ["reviewer", "coach"])
def test_only_organisers_of_the_edition_edit_its_texts(client, edition, role):
    for person in (factories.with_role(role, edition), factories.with_role("organiser", factories.edition())):
        client.force_login(person)
        assert (
            client.post(
                f"/orga/{edition.slug}/texts/", {"objectives": "Hacked", "contact_email": "a@b.org"}
            ).status_code
            == 403
        )
    edition.refresh_from_db()
    assert edition.objectives != "Hacked"
