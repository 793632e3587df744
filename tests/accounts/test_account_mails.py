"""The account mails (sign-up verification, password reset) are the platform's own: the academy's name and
SITE_URL, never the request's host; and after sign-up and verification the person lands where they were going."""

import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.test import Client, override_settings

from tests import factories

pytestmark = pytest.mark.django_db
SIGNUP = {"email": "ines@example.org", "full_name": "Inês Costa", "password1": "cluster-manager-42"}
SIGNUP["password2"] = SIGNUP["password1"]
SITE = {"SITE_URL": "https://academy.example.org", "SITE_NAME": "Cluster Booster Academy"}


def link_in(body, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]*", body).group(0)


@override_settings(**SITE)
def test_the_verification_mail_names_the_academy_and_links_to_the_site_url(client):
    client.post("/accounts/signup/", SIGNUP)
    message = mail.outbox[-1]
    assert message.subject == "[Cluster Booster Academy] Confirm your e-mail address"
    assert "Cluster Booster Academy" in message.body and "https://academy.example.org" in message.body
    assert "Hello from" not in message.body and "testserver" not in message.body
    assert link_in(message.body, "/accounts/confirm-email/").startswith("https://academy.example.org/accounts/")


@override_settings(**SITE)
def test_the_password_reset_mail_names_the_academy_and_links_to_the_site_url(client):
    factories.user("ana@example.org")
    client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    message = mail.outbox[-1]
    assert message.subject == "[Cluster Booster Academy] Reset your password"
    assert "Hello from" not in message.body and "testserver" not in message.body
    assert link_in(message.body, "/accounts/password/reset/key/").startswith("https://academy.example.org/")


@override_settings(**SITE)
def test_a_reset_for_an_unknown_address_also_speaks_for_the_academy(client):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    message = mail.outbox[-1]
    assert "Cluster Booster Academy" in message.body and "testserver" not in message.body
    assert link_in(message.body, "/accounts/signup/").startswith("https://academy.example.org/")


def sign_up_to_apply(client, edition):
    apply = f"/editions/{edition.slug}/apply/"
    response = client.post(f"/accounts/signup/?next={apply}", SIGNUP | {"next": apply})
    assert response.status_code == 302
    return apply, link_in(mail.outbox[-1].body, "/accounts/confirm-email/")


def confirm(client, link):
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    hidden = re.search(r'name="next" value="([^"]+)"', page.content.decode())
    return client.post("/" + path.split("?")[0], {"next": unquote(hidden.group(1))} if hidden else {})


def test_after_sign_up_and_verification_in_the_same_browser_the_person_lands_on_the_apply_page(client, edition):
    apply, link = sign_up_to_apply(client, edition)
    assert "next=" in link, "the verification link carries where the person was going"
    response = confirm(client, link)
    assert response.status_code == 302 and response.url == apply
    assert client.get(apply).status_code == 200


def test_verifying_from_another_browser_asks_to_log_in_and_then_lands_on_the_apply_page(client, edition):
    apply, link = sign_up_to_apply(client, edition)
    other = Client()
    response = confirm(other, link)
    assert response.status_code == 302 and response.url == apply
    to_login = other.get(apply)
    assert to_login.status_code == 302 and to_login.url.startswith("/accounts/login/")
    login = other.post(to_login.url, {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert login.status_code == 302 and login.url == apply


def test_a_next_to_another_site_is_never_carried_into_the_mail(client):
    client.post("/accounts/signup/?next=https://evil.example/", SIGNUP | {"next": "https://evil.example/"})
    assert "evil.example" not in mail.outbox[-1].body
