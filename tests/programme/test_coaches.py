import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from academy.accounts.models import EditionRole, Role
from academy.programme.models import Coach
from academy.programme.services import link_pending_coach_profiles
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, edition):
    user = factories.with_role(Role.ORGANISER, edition)
    client.force_login(user)
    return user


def add(client, edition, **fields):
    data = {"kind": "coach", "name": "Marta Lindqvist", "email": "marta@coaching.example", "title": "", "bio": ""}
    return client.post(
        reverse("programme:organiser_coaches", kwargs={"slug": edition.slug}), data | fields, follow=True
    )


def is_coach(user, edition):
    return EditionRole.objects.filter(user=user, edition=edition, role=Role.COACH).exists()


def test_a_coach_with_an_account_gets_the_role_at_once_and_an_invitation(client, edition, organiser):
    marta = factories.user("marta@coaching.example")
    response = add(client, edition, email="Marta@Coaching.example", invite="1")
    assert "Marta Lindqvist is added and invited by e-mail." in response.content.decode()
    coach = Coach.objects.get()
    assert (coach.user, coach.email) == (marta, "marta@coaching.example")
    assert is_coach(marta, edition)
    assert mail.outbox[-1].to == ["Marta Lindqvist <marta@coaching.example>"]
    assert "Log in at http" in mail.outbox[-1].body and edition.name in mail.outbox[-1].subject


def test_an_invited_coach_without_an_account_gets_the_role_on_first_login(client, edition, organiser):
    add(client, edition, invite="1")
    assert "Sign up with this address (marta@coaching.example)" in mail.outbox[-1].body
    assert Coach.objects.get().user is None
    marta = factories.user("marta@coaching.example")
    client.logout()
    client.login(username="marta@coaching.example", password=factories.PASSWORD)
    assert Coach.objects.get().user == marta
    assert is_coach(marta, edition)


def test_an_unverified_address_does_not_claim_a_coach_profile(edition):
    Coach.objects.create(edition=edition, name="Marta", email="marta@coaching.example")
    squatter = factories.user("marta@coaching.example", verified=False)
    assert link_pending_coach_profiles(squatter) == 0
    assert not is_coach(squatter, edition)
    EmailAddress.objects.create(user=squatter, email=squatter.email, verified=True)
    assert link_pending_coach_profiles(squatter) == 1


def test_changing_the_email_moves_the_profile_and_the_role(client, edition, organiser):
    old, new = factories.user("old@coaching.example"), factories.user("new@coaching.example")
    add(client, edition, email="old@coaching.example")
    coach = Coach.objects.get()
    client.post(
        reverse("programme:coach_edit", kwargs={"slug": edition.slug, "pk": coach.pk}),
        {"kind": "coach", "name": "Marta", "email": "new@coaching.example"},
    )
    coach.refresh_from_db()
    assert coach.user == new
    assert not is_coach(old, edition) and is_coach(new, edition)


def test_removing_a_coach_revokes_the_role(client, edition, organiser):
    coach = pf.coach(edition)
    client.post(reverse("programme:coach_delete", kwargs={"slug": edition.slug, "pk": coach.pk}))
    assert not Coach.objects.exists()
    assert not is_coach(coach.user, edition)


def test_the_same_email_twice_in_an_edition_is_refused(client, edition, organiser):
    add(client, edition)
    response = add(client, edition, email="MARTA@coaching.example", name="Someone else")
    assert "already has a coach or expert with this e-mail address" in response.content.decode()
    assert Coach.objects.count() == 1


def png(size=(40, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, "PNG")
    return out.getvalue()


def test_a_photo_is_stored_under_a_random_name_and_served(client, edition, organiser):
    add(client, edition, photo=SimpleUploadedFile("../../etc/passwd.jpg", png(), "image/jpeg"))
    coach = Coach.objects.get()
    assert coach.photo.name.startswith(f"coaches/{edition.pk}/") and coach.photo.name.endswith(".png")
    client.logout()
    response = client.get(reverse("programme:coach_photo", kwargs={"slug": edition.slug, "pk": coach.pk}))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == coach.photo.open("rb").read()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("cv.pdf", b"%PDF-1.7 not an image", "image/png"), "Upload a valid image"),
        (lambda: SimpleUploadedFile("big.png", png() + b"\0" * (2 * 1024 * 1024), "image/png"), "larger than 2 MB"),
    ],
)
def test_a_bad_photo_is_refused_and_nothing_is_saved(client, edition, organiser, upload, message):
    response = add(client, edition, photo=upload())
    html = response.content.decode()
    assert message in html and 'value="Marta Lindqvist"' in html
    assert not Coach.objects.exists()


def test_the_public_coaches_page_lists_profiles_with_their_sessions(client, edition):
    coach = pf.coach(edition, name="Marta Lindqvist")
    Coach.objects.filter(pk=coach.pk).update(bio="Twenty years of cluster management.", title="Strategy coach")
    pf.session(edition, title="Cluster strategy").coaches.add(coach)
    html = client.get(reverse("programme:coaches", kwargs={"slug": edition.slug})).content.decode()
    assert "Marta Lindqvist" in html and "Twenty years" in html and "Cluster strategy" in html
    assert coach.email not in html  # e-mail addresses stay with the organisers


def test_a_coach_sees_their_own_sessions_with_roll_call_links(client, edition):
    coach = pf.coach(edition)
    mine = pf.session(edition, title="Member engagement")
    mine.coaches.add(coach)
    pf.session(edition, title="Someone else's")
    client.force_login(coach.user)
    html = client.get(reverse("programme:my_sessions", kwargs={"slug": edition.slug})).content.decode()
    assert "Member engagement" in html and "Someone else" not in html
    assert reverse("programme:roll_call", kwargs={"slug": edition.slug, "pk": mine.pk}) in html


@pytest.mark.parametrize("url_name", ["organiser_coaches", "organiser_programme", "session_create"])
def test_coaches_and_coaches_of_other_editions_cannot_manage_the_programme(client, edition, url_name):
    for user in (factories.with_role(Role.COACH, edition), factories.with_role(Role.ORGANISER, factories.edition())):
        client.force_login(user)
        assert client.get(reverse(f"programme:{url_name}", kwargs={"slug": edition.slug})).status_code == 403
