"""A session that runs out at 23:58 loses nothing: the person is sent to log in and back to the form,
and what the expired post carried is saved once they are back (only into their own application)."""

import pytest

from academy.applications import services
from academy.applications.models import Application
from tests import factories

from .helpers import post_data

pytestmark = pytest.mark.django_db


def test_a_signed_out_autosave_asks_htmx_to_go_to_login_and_back(client, application):
    edition = application.edition
    response = client.post(
        f"/editions/{edition.slug}/apply/save/motivation/",
        {"q-motivation": "Typed at 23:58", "seen-motivation": "0", "application": application.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next=/editions/{edition.slug}/apply/"
    assert Application.objects.get(pk=application.pk).answers == {}
    client.force_login(application.applicant)  # login keeps the session's data, as allauth's login does
    page = client.get(f"/editions/{edition.slug}/apply/").content.decode()
    assert "What you typed before you were signed out has been saved." in page
    assert Application.objects.get(pk=application.pk).answers == {"motivation": "Typed at 23:58"}


def test_a_signed_out_save_button_redirects_to_login_with_next_and_keeps_the_text(client, application):
    edition = application.edition
    response = client.post(
        f"/editions/{edition.slug}/apply/", post_data({"motivation": "Long text"}, application=application)
    )
    assert response.status_code == 302 and response.url == f"/accounts/login/?next=/editions/{edition.slug}/apply/"
    client.post("/accounts/login/", {"login": "ana@example.org", "password": factories.PASSWORD})
    client.get(f"/editions/{edition.slug}/apply/")
    assert Application.objects.get(pk=application.pk).answers["motivation"] == "Long text"


def test_text_kept_from_a_signed_out_post_never_lands_in_someone_elses_application(client, application):
    edition = application.edition
    client.post(f"/editions/{edition.slug}/apply/", post_data({"motivation": "Ana's words"}, application=application))
    other = factories.user("bo@example.org")
    factories.registered(other.email, country="FR")
    theirs = services.start_application(other, edition)
    client.force_login(other)
    client.get(f"/editions/{edition.slug}/apply/")
    assert Application.objects.get(pk=theirs.pk).answers == {}
    assert Application.objects.get(pk=application.pk).answers == {}


def test_what_autosave_stored_before_the_session_ran_out_is_there_after_login(client, application):
    client.force_login(application.applicant)
    client.post(f"/editions/{application.edition.slug}/apply/save/motivation/", {"q-motivation": "Saved at 23:57"})
    client.logout()
    client.force_login(application.applicant)
    page = client.get(f"/editions/{application.edition.slug}/apply/").content.decode()
    assert "Saved at 23:57</textarea>" in page
