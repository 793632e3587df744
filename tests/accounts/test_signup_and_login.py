import re

import pytest
from django.core import mail

from academy.accounts.models import User
from tests import factories


@pytest.mark.django_db
def test_sign_up_verify_and_log_in_through_the_real_urls(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Ana@Example.org",
            "full_name": "Ana Silva",
            "password1": "cluster-manager-42",
            "password2": "cluster-manager-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "ana@example.org" and user.full_name == "Ana Silva"

    # Unverified: logging in sends the person to the verification notice, not into the platform.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body).group(1)
    client.logout()
    response = client.post("/accounts/login/", {"login": "ana@example.org", "password": "cluster-manager-42"})
    assert response.status_code == 302 and "confirm-email" in response.url

    confirm = client.post(link)
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "ANA@example.org", "password": "cluster-manager-42"})
    assert response.status_code == 302
    me = client.get("/me/")
    assert me.status_code == 200 and "Ana Silva" in me.content.decode()


@pytest.mark.django_db
def test_weak_password_is_refused_and_the_email_typed_is_kept(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "bo@example.org", "full_name": "Bo", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="bo@example.org"' in page and "too short" in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_email_is_unique_whatever_its_case(client):
    factories.user("ana@example.org")
    client.post(
        "/accounts/signup/",
        {
            "email": "ANA@example.org",
            "full_name": "Ana",
            "password1": "cluster-manager-42",
            "password2": "cluster-manager-42",
        },
    )
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1


@pytest.mark.django_db
def test_password_reset_mails_a_link(client):
    factories.user("ana@example.org")
    response = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    assert response.status_code == 302
    assert "password/reset/key" in mail.outbox[0].body


@pytest.mark.django_db
def test_header_shows_who_is_logged_in_and_their_role(client, edition):
    organiser = factories.with_role("organiser", edition, "olga@example.org")
    client.force_login(organiser)
    page = client.get(f"/editions/{edition.slug}/").content.decode()
    assert "Signed in as Test Person" in page and f"Organiser · {edition.name}" in page


@pytest.mark.django_db
def test_admin_is_for_the_platform_admin_only(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    assert client.get("/admin/").status_code == 302
    client.force_login(factories.admin())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/registry/clusterorganisation/").status_code == 200


@pytest.mark.django_db
def test_api_token_is_stored_only_as_a_hash(person):
    from academy.accounts.models import ApiToken
    from academy.accounts.services import create_api_token, user_for_token

    raw = create_api_token(person)
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert user_for_token(raw) == person
    assert user_for_token(raw + "x") is None
