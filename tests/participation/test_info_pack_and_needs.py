"""The info pack (page, PDF, mail) and the caterer's summary of needs, without names by default."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from academy.accounts.models import AuditEntry
from academy.participation import info
from academy.participation.models import Dietary, InfoPack, ParticipantNeeds
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(edition):
    return InfoPack.objects.create(
        edition=edition,
        venue="University of Strasbourg",
        address="46 boulevard de la Victoire, 67000 Strasbourg",
        map_link="https://www.openstreetmap.org/?mlat=48.58&mlon=7.76",
        hotels="Hôtel Esplanade, ten minutes on foot.",
        transport="Tram C from the station to Universités.",
        catering="Lunch and coffee are covered.",
        what_to_bring="A laptop.",
    )


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_info_pack_pdf_contains_the_venue_and_the_practical_details(pack):
    text = pdf_text(info.info_pack_pdf(pack))
    for expected in (
        "University of Strasbourg",
        "46 boulevard de la Victoire",
        "Hôtel Esplanade",
        "Tram C",
        "A laptop",
    ):
        assert expected in text


def test_participant_reads_the_page_and_downloads_the_pdf(client, edition, pack, application):
    client.force_login(application.applicant)
    page = client.get(f"/me/editions/{edition.slug}/info-pack/").content.decode()
    assert (
        "University of Strasbourg" in page and 'href="https://www.openstreetmap.org/?mlat=48.58&amp;mlon=7.76"' in page
    )
    response = client.get(f"/me/editions/{edition.slug}/info-pack.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "Tram C from the station" in pdf_text(response.content)


def test_before_the_pack_exists_participants_are_told_it_is_coming(client, edition, application):
    client.force_login(application.applicant)
    assert "preparing the info pack" in client.get(f"/me/editions/{edition.slug}/info-pack/").content.decode()
    assert client.get(f"/me/editions/{edition.slug}/info-pack.pdf").status_code == 404


def test_organiser_sends_the_pack_with_the_pdf_to_every_participant(client, edition, pack, application):
    helpers.cohort(edition, 2)
    client.force_login(factories.with_role("organiser", edition))
    response = client.post(f"/orga/{edition.slug}/info-pack/send/")
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == f"info-pack-{edition.slug}.pdf" and mimetype == "application/pdf"
    assert "University of Strasbourg" in pdf_text(content)
    pack.refresh_from_db()
    assert pack.sent_at is not None
    assert AuditEntry.objects.get(action="info_pack.sent").data["count"] == 3


def test_organiser_creates_the_pack_starting_from_the_editions_venue(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    page = client.get(f"/orga/{edition.slug}/info-pack/").content.decode()
    assert 'value="University of Strasbourg"' in page
    response = client.post(
        f"/orga/{edition.slug}/info-pack/", {"venue": "Campus", "address": "", "map_link": "not a link"}
    )
    assert response.status_code == 400 and not InfoPack.objects.exists()
    assert 'value="Campus"' in response.content.decode()
    client.post(f"/orga/{edition.slug}/info-pack/", {"venue": "Campus", "address": "1 rue X", "map_link": ""})
    assert InfoPack.objects.get().venue == "Campus"


def test_record_needs_replaces_the_previous_answer(application):
    info.record_needs(application, dietary="vegan", accessibility="Step-free access")
    info.record_needs(application, dietary="halal")
    needs = ParticipantNeeds.objects.get()
    assert (needs.dietary, needs.accessibility) == ("halal", "")


def test_other_diet_needs_details(application):
    with pytest.raises(ValidationError, match="which diet"):
        info.record_needs(application, dietary="other")
    with pytest.raises(ValidationError, match="Choose one of the listed diets"):
        info.record_needs(application, dietary="carnivore")
    assert not ParticipantNeeds.objects.exists()


def test_participant_tells_their_needs_by_form(client, edition, application):
    client.force_login(application.applicant)
    url = f"/me/editions/{edition.slug}/needs/"
    response = client.post(url, {"dietary": "other", "dietary_notes": "", "accessibility": "A chair near the door"})
    assert response.status_code == 400 and "A chair near the door" in response.content.decode()
    client.post(url, {"dietary": "other", "dietary_notes": "No nuts", "accessibility": "A chair near the door"})
    assert ParticipantNeeds.objects.get().dietary_notes == "No nuts"


def test_the_needs_summary_counts_diets_without_names(client, edition):
    people = helpers.cohort(edition, 5)
    info.record_needs(people[0], dietary=Dietary.VEGETARIAN)
    info.record_needs(people[1], dietary=Dietary.VEGETARIAN)
    info.record_needs(people[2], dietary=Dietary.OTHER, dietary_notes="No nuts")
    info.record_needs(people[3], dietary=Dietary.NONE, accessibility="Wheelchair access")
    summary = info.needs_summary(edition)
    counts = dict(summary.diets)
    assert (summary.participants, summary.answered) == (5, 4)
    assert counts["Vegetarian"] == 2 and counts["No special diet"] == 1 and counts["Vegan"] == 0
    assert [n.text for n in summary.dietary_notes] == ["Other (please say): No nuts"]
    assert [n.text for n in summary.accessibility] == ["Wheelchair access"]
    client.force_login(factories.with_role("organiser", edition))
    page = client.get(f"/orga/{edition.slug}/needs/").content.decode()
    assert "Wheelchair access" in page and "No nuts" in page
    assert not any(p.applicant.full_name in page for p in people)
    named = client.get(f"/orga/{edition.slug}/needs/?names=1").content.decode()
    assert people[3].applicant.full_name in named and people[2].applicant.full_name in named
    assert AuditEntry.objects.filter(action="needs.viewed").count() == 1


def test_needs_of_people_who_are_no_longer_participants_are_not_counted(edition):
    gone = helpers.participant(edition)
    info.record_needs(gone, dietary=Dietary.VEGAN)
    gone.status = "declined"
    gone.save()
    assert dict(info.needs_summary(edition).diets)["Vegan"] == 0
