"""The applicant's offer page and the organisers' offers page, through real HTTP."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from academy.applications.models import Status
from academy.participation.models import ParticipantNeeds
from academy.selection.models import Offer
from tests import factories
from tests.http import body

from . import offer_builders as b

pytestmark = pytest.mark.django_db
COMMIT = {"commit_commit_attend": "on", "commit_commit_camera": "on"}


@pytest.fixture
def edition():
    return b.two_seats_three_applicants()[0]


def app(edition, name):
    return edition.applications.get(applicant__full_name=name)


def url(application):
    return f"/me/applications/{application.pk}/offer/"


def test_the_offer_page_is_the_applicants_alone(client, edition):
    ada = app(edition, "Ada Lovelace")
    assert client.get(url(ada)).status_code == 302  # to the login
    client.force_login(app(edition, "Bo Berg").applicant)
    assert client.get(url(ada)).status_code == 404
    client.force_login(factories.with_role("organiser", edition))
    assert client.get(url(ada)).status_code == 404
    client.force_login(app(edition, "Cy Conte").applicant)  # waitlisted: no offer
    assert client.get(url(app(edition, "Cy Conte"))).status_code == 404


def test_the_offer_page_shows_the_respond_by_in_the_editions_zone_and_the_commitments(client, edition):
    ada = app(edition, "Ada Lovelace")
    client.force_login(ada.applicant)
    page = client.get(url(ada)).content.decode()
    respond_by = timezone.localtime(ada.offer.respond_by, edition.zone)
    assert respond_by.strftime("%-d %B %Y, 23:59") in page and "CET" in page
    assert "data-local-time" in page
    assert "I commit to turn on my camera during the online days." in page
    assert "Confirm my seat" in page and "Decline my seat" in page


def test_confirming_with_needs_confirms_the_seat_and_a_second_post_is_harmless(client, edition):
    ada = app(edition, "Ada Lovelace")
    client.force_login(ada.applicant)
    data = {"action": "confirm", **COMMIT, "dietary": "vegetarian", "accessibility": "A chair near the door"}
    response = client.post(url(ada), data, follow=True)
    assert "Your seat is confirmed" in response.content.decode()
    assert client.post(url(ada), data).status_code == 302  # a double submit: nothing more happens
    ada.refresh_from_db()
    assert ada.status == Status.CONFIRMED
    assert ParticipantNeeds.objects.get(application=ada).accessibility == "A chair near the door"


def test_a_confirmation_without_every_commitment_is_refused_and_keeps_what_was_typed(client, edition):
    ada = app(edition, "Ada Lovelace")
    client.force_login(ada.applicant)
    data = {"action": "confirm", "commit_commit_attend": "on", "dietary": "other", "accessibility": "Hearing loop"}
    response = client.post(url(ada), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tick this box: every participant makes this commitment." in page
    assert "Hearing loop" in page and re.search(r'<input[^>]*value="other"[^>]*checked', page)
    ada.refresh_from_db()
    assert ada.status == Status.OFFERED


def test_other_diet_without_details_is_explained_on_the_field(client, edition):
    ada = app(edition, "Ada Lovelace")
    client.force_login(ada.applicant)
    response = client.post(url(ada), {"action": "confirm", **COMMIT, "dietary": "other"})
    assert response.status_code == 400 and "Tell us which diet you follow." in response.content.decode()


def test_declining_with_a_reason_offers_the_seat_to_the_next_on_the_waitlist(client, edition):
    bo = app(edition, "Bo Berg")
    client.force_login(bo.applicant)
    response = client.post(url(bo), {"action": "decline", "reason": "A family event"}, follow=True)
    assert "You declined your seat" in response.content.decode()
    assert Offer.objects.get(application=bo).decline_reason == "A family event"
    assert app(edition, "Cy Conte").status == Status.OFFERED
    assert client.post(url(bo), {"action": "decline"}).status_code == 302  # again: nothing more


def test_after_respond_by_the_page_says_the_offer_expired_and_refuses_answers(client, edition):
    ada = app(edition, "Ada Lovelace")
    Offer.objects.filter(application=ada).update(respond_by=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(ada.applicant)
    page = client.get(url(ada)).content.decode()
    assert "This offer has expired" in page and "Confirm my seat" not in page
    response = client.post(url(ada), {"action": "confirm", **COMMIT, "dietary": "none"})
    assert response.status_code == 400 and "This offer has expired" in response.content.decode()
    ada.refresh_from_db()
    assert ada.status == Status.OFFERED  # the expiry job closes it and tells the person


def test_my_applications_links_the_offer_with_its_state(client, edition):
    ada = app(edition, "Ada Lovelace")
    client.force_login(ada.applicant)
    page = client.get("/me/applications/").content.decode()
    assert f'href="{url(ada)}"' in page and "Confirm or decline your seat by" in page


def test_the_offers_page_is_for_organisers(client, edition):
    client.force_login(app(edition, "Ada Lovelace").applicant)
    assert client.get(f"/orga/{edition.slug}/offers/").status_code == 403
    assert client.get(f"/orga/{edition.slug}/offers/export.csv").status_code == 403
    assert client.post(f"/orga/{edition.slug}/offers/expire/").status_code == 403


def test_the_offers_page_lists_offers_filters_by_state_and_shows_the_waitlist(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    page = client.get(f"/orga/{edition.slug}/offers/").content.decode()
    assert "Ada Lovelace" in page and "Bo Berg" in page and "2 of 2 seats taken" in page
    assert "<ol>\n  <li>Cy Conte</li>" in page
    Offer.objects.filter(application__applicant__full_name="Bo Berg").update(response="declined")
    filtered = client.get(f"/orga/{edition.slug}/offers/?state=declined").content.decode()
    assert "Bo Berg" in filtered and "Ada Lovelace" not in filtered


def test_the_offers_export_as_csv_and_xlsx_follows_the_filter(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    csv = body(client.get(f"/orga/{edition.slug}/offers/export.csv")).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("name,email,organisation,country,state")
    assert "Ada Lovelace" in csv and ",open," in csv
    response = client.get(f"/orga/{edition.slug}/offers/export.xlsx?state=confirmed")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0] == "name" and len(rows) == 1


def test_expire_now_from_the_offers_page(client, edition):
    Offer.objects.update(respond_by=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(factories.with_role("organiser", edition))
    response = client.post(f"/orga/{edition.slug}/offers/expire/", follow=True)
    assert "2 offer(s) expired; 1 seat(s) offered from the waitlist." in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_offers_page_takes_the_same_number_of_queries_for_3_or_30_offers(client, size, django_assert_num_queries):
    edition = b.edition(seats=(1, size))
    people = b.pool(edition, [(f"P{i}", "DE", float(i)) for i in range(size + 2)])
    b.adopted(edition, people)
    client.force_login(factories.with_role("organiser", edition))
    client.get(f"/orga/{edition.slug}/offers/")
    with django_assert_num_queries(7):
        assert client.get(f"/orga/{edition.slug}/offers/").status_code == 200
