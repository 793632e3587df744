"""Bad input and permissions: each gets a clear refusal and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from academy.applications import services
from academy.applications.models import Application, QuestionType
from tests import factories

from .helpers import add_question, fill, pdf_upload, post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(edition, form):
    return add_question(edition, "plan", QuestionType.FILE, label="Your cluster's strategy (PDF)", required=False)


def autosave(client, application, key, data):
    return client.post(f"/editions/{application.edition.slug}/apply/save/{key}/", data)


def test_a_pdf_uploads_by_autosave_and_downloads_under_its_clean_name(client, application, plan):
    client.force_login(application.applicant)
    response = autosave(client, application, "plan", {"q-plan": pdf_upload("../../x.pdf")})
    assert "Saved at" in response.content.decode() and "x.pdf" in response.content.decode()
    value = Application.objects.get(pk=application.pk).answers["plan"]
    assert value["name"] == "x.pdf" and "/x.pdf" not in value["path"]
    download = client.get(f"/applications/{application.pk}/files/plan/")
    assert download["Content-Disposition"] == 'attachment; filename="x.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_stored(client, application, plan):
    client.force_login(application.applicant)
    fake = SimpleUploadedFile("plan.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = autosave(client, application, "plan", {"q-plan": fake})
    assert "Only PDF files can be uploaded" in response.content.decode()
    assert "plan" not in Application.objects.get(pk=application.pk).answers


def test_a_file_over_5_mb_is_refused(client, application, plan):
    client.force_login(application.applicant)
    response = autosave(client, application, "plan", {"q-plan": pdf_upload(size=5 * 1024 * 1024 + 1)})
    assert "the largest allowed is 5 MB" in response.content.decode()
    assert Application.objects.get(pk=application.pk).answers == {}


def test_a_choice_not_offered_is_refused_through_the_form(client, application):
    client.force_login(application.applicant)
    response = client.post(
        f"/editions/{application.edition.slug}/apply/",
        post_data({"experience": "50 years", "ecosystems": ["Digital", "Space mining"]}, application=application),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "“50 years” is not one of the options offered." in page and "“Space mining”" in page
    assert Application.objects.get(pk=application.pk).answers == {}


def test_over_long_text_is_refused_and_kept_in_the_form(client, application):
    client.force_login(application.applicant)
    long_text = "word " * 401  # 2,005 characters; the limit is 2,000
    response = client.post(
        f"/editions/{application.edition.slug}/apply/", post_data({"motivation": long_text}, application=application)
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Keep this under 2000 characters; it has 2005." in page
    assert long_text in page
    assert "motivation" not in Application.objects.get(pk=application.pk).answers


def test_posting_another_persons_application_id_only_ever_touches_your_own(client, application, edition):
    other = factories.user("bo@example.org")
    factories.registered(other.email, country="FR")
    theirs = services.start_application(other, edition)
    fill(theirs)
    client.force_login(application.applicant)
    data = post_data({"motivation": "Overwritten?"}, application=theirs)
    client.post(f"/editions/{edition.slug}/apply/", data)
    theirs.refresh_from_db()
    assert theirs.answers["motivation"] != "Overwritten?"
    assert Application.objects.get(pk=application.pk).answers["motivation"] == "Overwritten?"


def test_another_persons_files_and_receipts_are_not_found(client, application, plan):
    client.force_login(application.applicant)
    autosave(client, application, "plan", {"q-plan": pdf_upload()})
    client.force_login(factories.user())
    assert client.get(f"/applications/{application.pk}/files/plan/").status_code == 404
    assert client.get(f"/applications/{application.pk}/receipt/1/").status_code == 404


def test_autosave_without_an_application_or_for_an_unknown_question_is_not_found(client, application):
    stranger = factories.user()
    client.force_login(stranger)
    assert autosave(client, application, "motivation", {"q-motivation": "x"}).status_code == 404
    client.force_login(application.applicant)
    assert autosave(client, application, "salary", {"q-salary": "1"}).status_code == 404


def test_my_applications_lists_only_mine(client, application, django_assert_num_queries):
    other = factories.user()
    services.start_application(other, application.edition)
    client.force_login(application.applicant)
    page = client.get("/me/applications/").content.decode()
    assert page.count("<tr>") == 2 and application.edition.name in page  # the header row and mine


@pytest.mark.parametrize("editions", [1, 6])
def test_my_applications_takes_the_same_number_of_queries_for_1_or_6_editions(
    client, during_call, applicant, editions, django_assert_num_queries
):
    for _ in range(editions):
        edition = factories.edition()
        services.start_application(applicant, edition)
    client.force_login(applicant)
    client.get("/me/applications/")  # warm the session
    with django_assert_num_queries(4):
        assert client.get("/me/applications/").status_code == 200


def test_the_apply_pages_need_a_login(client, edition):
    response = client.get(f"/editions/{edition.slug}/apply/")
    assert response.status_code == 302 and response.url == f"/accounts/login/?next=/editions/{edition.slug}/apply/"
    assert client.get("/me/applications/").status_code == 302


def test_my_page_links_to_my_applications_and_an_organisers_tools(client, edition):
    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    page = client.get("/me/").content.decode()
    assert 'href="/me/applications/"' in page
    for tool in ("form/", "texts/", "eligibility/"):
        assert f'href="/orga/{edition.slug}/{tool}"' in page
