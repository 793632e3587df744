"""The data download: everything about the person, nothing about anyone else, and audit-logged."""

import json

import pytest
from django.urls import reverse

from academy.accounts.models import AuditEntry
from academy.participation.models import SurveyResponse
from academy.privacy import services

from .footprint import leave_footprint, past_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_people():
    edition = past_edition()
    return leave_footprint(edition), leave_footprint(edition, label="Other")


def test_the_export_holds_their_data_and_nobody_elses(two_people):
    me, other = two_people
    text = json.dumps(services.export_data(me.user), ensure_ascii=False)
    for needle in me.needles:
        assert needle in text
    for needle in other.needles:
        assert needle not in text
    for response in SurveyResponse.objects.filter(application=None):  # nothing links anonymous answers to them
        assert response.answers["1"] not in text


def test_the_export_lists_every_version_and_uploads_by_name_only(two_people):
    me, _other = two_people
    data = services.export_data(me.user)
    application = data["applications"]["applications"][0]
    assert [v["number"] for v in application["submitted_versions"]] == [1]
    cv = next(a["answer"] for a in application["current_answers"] if a["question"] == "Your CV")
    assert cv == {"file": f"{me.phrase}-cv.pdf", "size": cv["size"]}
    assert "applications/test/" not in json.dumps(data)  # where files are stored is not theirs to know
    assert data["reviews"]["reviews_written"][0]["comment"] == me.phrase
    assert data["participation"]["needs"][0]["accessibility"] == me.phrase
    assert data["participation"]["survey_answers"][0]["answers"][1]["answer"] == me.phrase
    assert len(data["mail"]) == 2 and data["programme"]["attendance"][0]["present"] is True


def test_downloading_gives_a_json_file_and_writes_the_audit_log(client, two_people):
    me, _other = two_people
    client.force_login(me.user)
    response = client.post(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert json.loads(response.content)["person"]["email"] == me.email
    entry = AuditEntry.objects.get(action="personal_data.exported")
    assert entry.actor == me.user and entry.object_id == str(me.user.pk)


def test_the_download_needs_a_post_and_a_signed_in_person(client, two_people):
    me, _other = two_people
    assert client.post(reverse("privacy:my_data_download")).status_code == 302  # to the login page
    client.force_login(me.user)
    assert client.get(reverse("privacy:my_data_download")).status_code == 405
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200 and "Download my data (JSON)" in page.content.decode()
