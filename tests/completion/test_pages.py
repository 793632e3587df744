"""The organiser's completion page, its CSV, exceptions, and who may open which page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from academy.accounts.models import AuditEntry
from academy.completion import certificates
from academy.completion.models import CompletionException
from academy.completion.rule import evaluate_one, rule_for
from tests import factories
from tests.completion import helpers
from tests.http import body
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db


def url(name, edition, **kwargs):
    return reverse(f"completion:{name}", kwargs={"slug": edition.slug, **kwargs})


@pytest.fixture
def organiser(edition):
    return factories.with_role("organiser", edition)


@pytest.fixture
def absent(edition, days, work):
    person = programme.participant(edition, full_name="Absent Person")
    helpers.complete(person, days[1:], [])
    return person


def test_the_page_lists_who_meets_the_rule_and_why_not(client, organiser, edition, done, absent):
    client.force_login(organiser)
    page = client.get(url("overview", edition)).text
    assert "1 of 2 participants meet the rule" in page
    assert "absent on 1 Dec 2022" in page and "homework “Cluster strategy canvas” not handed in" in page
    assert "Grant an exception to Absent Person" in page


def test_the_filter_shows_only_who_does_not_meet_the_rule(client, organiser, edition, done, absent):
    client.force_login(organiser)
    page = client.get(url("overview", edition), {"show": "not_met"}).text
    assert "Absent Person" in page and "Inês Costa" not in page
    page = client.get(url("overview", edition), {"q": "inês"}).text
    assert "Inês Costa" in page and "Absent Person" not in page


def test_the_rule_form_saves_and_refuses_a_share_over_100_in_words(client, organiser, edition, done, absent):
    client.force_login(organiser)
    data = {"require_all_days": "on", "day_share": "100", "camera_share": "101", "require_homework": "on"}
    response = client.post(url("rule_save", edition), data)
    assert response.status_code == 400 and "between 0 and 100" in response.text
    assert 'value="101"' in response.text  # what was typed is kept
    response = client.post(url("rule_save", edition), data | {"camera_share": "50", "require_homework": ""})
    assert response.status_code == 302
    rule = rule_for(edition)
    assert (rule.camera_share, rule.require_homework) == (50, False)
    assert AuditEntry.objects.filter(action="completion.rule_saved", actor=organiser).exists()


def test_an_organiser_grants_and_revokes_an_exception_with_a_reason(client, organiser, edition, absent):
    client.force_login(organiser)
    client.post(url("exception_grant", edition, pk=absent.pk), {"reason": "  "})
    assert not CompletionException.objects.exists()
    client.post(url("exception_grant", edition, pk=absent.pk), {"reason": "Ill on day one, caught up."})
    assert evaluate_one(absent, now=helpers.NOW).completes
    page = client.get(url("overview", edition), {"show": "exception"}).text
    assert "Ill on day one, caught up." in page and "Revoke exception for Absent Person" in page
    client.post(url("exception_revoke", edition, pk=absent.pk))
    assert not evaluate_one(absent, now=helpers.NOW).completes


def test_the_csv_has_one_row_per_participant_with_the_reasons(client, organiser, edition, done, absent):
    absent.applicant.full_name = "=HYPERLINK(1)"
    absent.applicant.save()
    client.force_login(organiser)
    response = client.get(url("export_csv", edition))
    lines = body(response).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("name,email,country,meets rule,exception,reasons")
    assert len(lines) == 3
    assert any(line.startswith("'=HYPERLINK(1)") and "absent on 1 Dec 2022" in line for line in lines)
    assert AuditEntry.objects.filter(action="completion.exported").exists()


def test_the_page_takes_the_same_queries_for_3_as_for_30_participants(
    client, organiser, edition, days, work, django_assert_num_queries
):
    people = [helpers.complete(programme.participant(edition), days, [work]) for _ in range(3)]
    client.force_login(organiser)
    client.get(url("overview", edition))
    with django_assert_num_queries(13) as three:
        client.get(url("overview", edition))
    people += [helpers.complete(programme.participant(edition), days, [work]) for _ in range(27)]
    with django_assert_num_queries(len(three)):
        client.get(url("overview", edition))


@pytest.mark.parametrize("name", ["overview", "export_csv"])
def test_organiser_pages_are_closed_to_coaches_participants_and_other_editions_organisers(client, edition, done, name):
    other = factories.edition(deadline=dt.date(2023, 10, 31))
    for person in (
        factories.with_role("coach", edition),
        done.applicant,
        factories.with_role("organiser", other),
    ):
        client.force_login(person)
        assert client.get(url(name, edition)).status_code == 403
    client.logout()
    assert client.get(url(name, edition)).status_code == 302


def test_an_organiser_of_another_edition_cannot_reach_this_editions_certificates(client, edition, done):
    certificate = certificates.issue(evaluate_one(done, now=helpers.NOW))[0]
    other = factories.edition(deadline=dt.date(2023, 10, 31))
    client.force_login(factories.with_role("organiser", other))
    assert client.get(url("certificate_pdf", other, pk=certificate.pk)).status_code == 404
    assert client.post(url("certificate_revoke", other, pk=certificate.pk), {"reason": "x"}).status_code == 404
    assert client.post(url("exception_grant", other, pk=done.pk), {"reason": "x"}).status_code == 404


def test_a_participant_downloads_their_own_certificate(client, edition, done):
    certificate = certificates.issue(evaluate_one(done, now=helpers.NOW))[0]
    client.force_login(done.applicant)
    page = client.get(url("my_certificate", edition)).text
    assert "Download the certificate (PDF)" in page and f"/verify/{certificate.code}/" in page
    response = client.get(url("my_certificate_pdf", edition))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Inês Costa" in text


def test_another_participant_never_gets_someone_elses_certificate(client, edition, done, absent):
    certificate = certificates.issue(evaluate_one(done, now=helpers.NOW))[0]
    client.force_login(absent.applicant)
    page = client.get(url("my_certificate", edition)).text
    assert certificate.code not in page and "absent on 1 Dec 2022" in page
    assert client.get(url("my_certificate_pdf", edition)).status_code == 404


def test_a_coach_has_no_certificate_page(client, edition, done):
    certificates.issue(evaluate_one(done, now=helpers.NOW))
    client.force_login(factories.with_role("coach", edition))
    assert client.get(url("my_certificate", edition)).status_code == 403
    assert client.get(url("my_certificate_pdf", edition)).status_code == 403


def test_an_organiser_downloads_a_certificate_as_issued(client, organiser, edition, done):
    certificate = certificates.issue(evaluate_one(done, now=helpers.NOW), mail=False)[0]
    client.force_login(organiser)
    response = client.get(url("certificate_pdf", edition, pk=certificate.pk))
    assert response["Content-Disposition"] == f'attachment; filename="certificate-{edition.slug}.pdf"'
    assert certificate.code in PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace("\n", "")
    certificate.refresh_from_db()
    assert certificate.pdf  # rendered once, stored, and served from storage from now on
