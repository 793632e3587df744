"""One error base: every app's refusal is a `core.errors.Refused`, with its message in the person's words and a
status; one that leaves a view is answered by the site's refusal page (in the site's layout, with ways back)."""

import importlib

import pytest
import time_machine

from academy.accounts.models import User
from academy.core.errors import Refused
from tests import factories
from tests.core.refusal_urls import SAVED_EMAIL
from tests.reviews import builders

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.refusal_urls")]

# Every refusal of the apps, by module; the ones callers also catch as ValueError keep that base.
REFUSALS = {
    "academy.applications.answers": ["AnswerError"],
    "academy.applications.form_builder": ["FormBuilderError"],
    "academy.applications.services": ["ApplyError", "CallClosed", "NotEditable", "NotEligible", "Incomplete", "Stale"],
    "academy.applications.status": ["InvalidTransition"],
    "academy.editions.cloning": ["CloneError"],
    "academy.imports": ["FileUnreadable"],
    "academy.mail.rendering": ["TemplateError"],
    "academy.participation.homework": ["HomeworkClosed", "AssignmentHasHandIns"],
    "academy.participation.surveys": ["SurveyClosed", "AlreadyAnswered"],
    "academy.privacy.models": ["NoticeIsPublished"],
    "academy.privacy.services": ["CannotDelete"],
    "academy.programme.attendance_import": ["ReportError"],
    "academy.programme.report_dates": ["DatesUndecided"],
    "academy.registry.importer": ["ImportFailed"],
    "academy.reviews.assigning": ["AssignmentRefused"],
    "academy.reviews.assignment_checks": ["AssignmentInfeasible"],
    "academy.reviews.pool": ["InvitationRefused"],
    "academy.reviews.services": ["ReviewRefused", "RubricLocked"],
    "academy.selection.instance": ["InstanceError"],
    "academy.selection.offers": ["OfferError"],
    "academy.selection.runs": ["RunError"],
}
ALSO_VALUE_ERRORS = {"AnswerError", "TemplateError", "InstanceError", "OfferError"}


def refusal_classes():
    for module, names in REFUSALS.items():
        for name in names:
            yield name, getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("name", "cls"), list(refusal_classes()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_refusal_of_the_apps_is_a_refused(name, cls):
    assert issubclass(cls, Refused)
    assert issubclass(cls, ValueError) == (name in ALSO_VALUE_ERRORS)
    assert cls.status in (403, 404, 409, 422)


def test_a_refusal_keeps_its_message_and_status():
    refusal = Refused("The call is closed.", status=409)
    assert (refusal.message, refusal.status, str(refusal)) == ("The call is closed.", 409, "The call is closed.")
    assert Refused("No.").status == 403
    assert str(Refused()) == "This cannot be done.", "a refusal without words still says something"


def test_an_uncaught_refusal_answers_the_refusal_page_in_the_site_layout(client):
    client.force_login(factories.user())
    response = client.get("/test/refuses/")
    html = response.content.decode()
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["refused.html", "base.html"]
    assert "<h1>You may not do this</h1>" in html
    assert "<p>You cannot open the cupboard of another edition.</p>" in html
    assert 'href="/me/"' in html or "My page" in html, "a way back"


def test_a_subclass_answers_with_its_own_status_and_nothing_it_wrote_is_kept(client):
    response = client.get("/test/writes-then-refuses/")
    assert response.status_code == 422
    assert "This file is not a CSV file." in response.content.decode()
    assert not User.objects.filter(email=SAVED_EMAIL).exists()


def test_other_errors_are_not_taken_for_refusals(client):
    with pytest.raises(KeyError):
        client.get("/test/breaks/")
    assert client.get("/test/answers/").content == b"fine"


def test_a_reviewer_view_raises_and_the_middleware_answers(client):
    """The reviewer pages lost their own try/except: the refusal page comes from the middleware."""
    edition = builders.edition()
    application = builders.application(edition)
    client.force_login(builders.reviewer(edition))
    with time_machine.travel(builders.DURING_REVIEW, tick=True):
        response = client.get(f"/review/{edition.slug}/{application.pk}/")
    assert response.status_code == 403 and response.templates[0].name == "refused.html"
    assert "This application is not assigned to you." in response.content.decode()
    response = client.get("/review/invitations/not-a-token/")
    assert response.status_code == 404 and response.templates[0].name == "refused.html"
