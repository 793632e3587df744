"""Deleting an account: nothing that names the person is left anywhere; the statistics still add up."""

import pytest
from django.core.files.storage import default_storage
from django.db.models import Count

from academy.accounts.models import AuditEntry, Role, User
from academy.applications.models import Application, Status
from academy.core import personal_data as registry
from academy.participation.models import HandIn, SurveyResponse
from academy.privacy import services
from academy.privacy.models import Anonymisation, Reason
from academy.reviews.models import Review
from tests import factories

from .footprint import explain, leave_footprint, past_edition, personal_data_left

pytestmark = pytest.mark.django_db


def counts(edition):
    apps = Application.objects.filter(edition=edition)
    return {
        "per_country": sorted(apps.values_list("organisation__country").annotate(n=Count("pk"))),
        "per_status": sorted(apps.values_list("status").annotate(n=Count("pk"))),
        "experience": sorted(a.answers.get("experience", "") for a in apps),
        "ecosystems": sorted(str(a.answers.get("ecosystems")) for a in apps),
        "review_totals": sorted(Review.objects.values_list("total", flat=True)),
        "hand_ins": HandIn.objects.count(),
    }


def test_deleting_an_account_leaves_no_personal_data_in_any_table(django_capture_on_commit_callbacks):
    edition = past_edition()
    person = leave_footprint(edition)
    assert personal_data_left(person.needles)  # the search finds what is there
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(person.user)
    left = personal_data_left(person.needles)
    assert not left, explain(left)


def test_deletion_keeps_what_statistics_need(django_capture_on_commit_callbacks):
    edition = past_edition()
    person = leave_footprint(edition, country="PT")
    leave_footprint(edition, country="DE", label="Other")
    before = counts(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(person.user)
    assert counts(edition) == before
    app = Application.objects.get(pk=person.application.pk)
    assert app.status == Status.CONFIRMED and app.organisation.country.code == "PT"
    assert set(app.answers) == {"experience", "ecosystems"}
    response = SurveyResponse.objects.get(application=app)
    assert list(response.answers.values()) == [4]  # the rating stays, the typed answer goes
    assert Anonymisation.objects.get(application=app).reason == Reason.ACCOUNT_DELETED


def test_deletion_removes_the_uploaded_files_from_disk(django_capture_on_commit_callbacks):
    person = leave_footprint(past_edition())
    assert all(default_storage.exists(path) for path in person.files)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(person.user)
    assert not any(default_storage.exists(path) for path in person.files)


def test_the_account_row_stays_anonymised_and_cannot_sign_in():
    person = leave_footprint(past_edition())
    services.delete_account(person.user)
    user = User.objects.get(pk=person.user.pk)
    assert user.full_name == "" and user.email.endswith("@anonymised.invalid")
    assert not user.is_active and not user.has_usable_password()
    assert not user.edition_roles.exists() and not user.api_tokens.exists()
    assert AuditEntry.objects.filter(action="privacy.account_deleted", object_id=str(user.pk)).exists()


def test_a_failing_section_rolls_the_whole_deletion_back(monkeypatch):
    person = leave_footprint(past_edition())
    broken = registry.section("zz_broken", label="Broken", order=99)

    def fail(subject):
        raise RuntimeError("disk full")

    monkeypatch.setattr(broken, "eraser", fail)
    try:
        with pytest.raises(RuntimeError):
            services.delete_account(person.user)
    finally:
        registry.SECTIONS.unregister("zz_broken")
    user = User.objects.get(pk=person.user.pk)
    assert user.email == person.email
    assert person.phrase in Application.objects.get(pk=person.application.pk).answers["motivation"]


def test_the_only_organiser_of_an_edition_not_yet_ended_cannot_delete():
    running = factories.edition(deadline=factories.dt.date.today())
    organiser = factories.with_role(Role.ORGANISER, running)
    reasons = services.deletion_blockers(organiser)
    assert len(reasons) == 1 and running.name in reasons[0] and "someone else organiser" in reasons[0]
    with pytest.raises(services.CannotDelete):
        services.delete_account(organiser)
    factories.with_role(Role.ORGANISER, running)
    assert services.deletion_blockers(organiser) == []


def test_the_only_organiser_of_a_finished_edition_may_delete():
    organiser = factories.with_role(Role.ORGANISER, past_edition())
    assert services.deletion_blockers(organiser) == []


def test_every_model_that_points_at_a_person_is_declared():
    """A model with a link to the user model must be in some personal_data.py section (or listed here
    with the reason it holds nothing personal)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    # Links to whoever configured something keep pointing at the anonymised account, naming nobody.
    staff_links = {"updated_by", "created_by", "granted_by", "invited_by", "adopted_by", "published_by"}
    declared = registry.declared_models()
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("academy.") or model in declared:
            continue
        links = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]
        if links and not staff_links >= set(links):
            missing.append(f"{model._meta.label} ({', '.join(links)})")
    assert not missing, "Not declared in any personal_data.py: " + "; ".join(missing)
