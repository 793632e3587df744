import io

import pytest
from django.core.management import call_command
from django.db.models import F

from academy.applications import exports
from academy.applications.models import Application, Question, Status, SubmittedVersion
from academy.editions.models import Edition

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # the whole demo seed
def test_the_demo_seeds_600_applications_to_2022_and_drafts_in_the_open_edition(client):
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert "applications: 600 to 2022" in out.getvalue()
    y2022 = Edition.objects.get(slug="cba-2022")
    current = Edition.objects.exclude(pk=y2022.pk).get()
    assert Question.objects.filter(edition=current).count() == Question.objects.filter(edition=y2022).count() == 9
    applications = Application.objects.filter(edition=y2022)
    assert applications.count() == 600
    assert 20 < applications.filter(is_eligible=False).count() < 100
    assert 5 < applications.filter(status=Status.WITHDRAWN).count() < 50
    assert applications.values("organisation__country").distinct().count() > 25
    assert SubmittedVersion.objects.filter(application__edition=y2022).values("application").distinct().count() == 600
    assert not applications.filter(submitted_at__gt=y2022.deadline).exists()
    last_week = applications.filter(submitted_at__gte=y2022.start_of(y2022.application_deadline.replace(day=25)))
    assert last_week.count() > 250  # the deadline rush
    ineligible = applications.filter(is_eligible=False).first()
    assert ineligible.eligibility_reasons and ineligible.eligibility_reasons[0]["message"]

    assert applications.get(applicant__email="applicant@academy.example").versions.count() == 1
    ana = Application.objects.get(edition=current, applicant__email="applicant@academy.example")
    assert ana.status == Status.DRAFT and set(ana.answers) == {"experience", "background", "ecosystems", "motivation"}
    assert Application.objects.filter(edition=current, status=Status.DRAFT).count() > 5

    client.force_login(ana.applicant)
    page = client.get(f"/editions/{current.slug}/apply/").content.decode()
    assert "You can apply" in page and "Lisbon Digital Health Cluster" in page and "4 of 9 required answers" in page
    assert f"privacy notice, version {current.year}-2 of" in page  # the open edition's second notice
    assert not applications.exclude(consent_version="2022-1").exists()  # every 2022 applicant agreed to 2022-1
    assert not applications.filter(consent_at__isnull=True).exists()
    first = applications.exclude(submitted_at=F("consent_at")).first()  # resubmitted: consent from the first time
    assert first.consent_at == first.versions.get(number=1).submitted_at
    assert exports.answer_text(first.answers["privacy"]) == "agreed to version 2022-1"  # the export's column
    some = applications.filter(status=Status.SUBMITTED).first()
    client.force_login(some.applicant)
    response = client.get(f"/applications/{some.pk}/receipt/1/")  # rendered on the first download
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
