"""Who may screen an edition's applications: its organisers and platform admins; everyone else is refused
and nothing is recorded."""

import pytest
from django.urls import reverse

from academy.accounts.models import AuditEntry, Role
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db

PAGES = ["list", "detail", "export_csv", "export_xlsx"]


def url(name, app):
    args = [app.edition.slug, app.pk] if name == "detail" else [app.edition.slug]
    return reverse(f"screening:{name}", args=args)


@pytest.fixture
def app(edition):
    return sf.application(edition)


def outsider(kind, edition, app):
    if kind == "applicant":
        return app.applicant
    if kind == "other-organiser":
        return factories.with_role(Role.ORGANISER, factories.edition())
    return factories.with_role(Role(kind), edition)


@pytest.mark.parametrize("view_name", PAGES)
def test_anonymous_is_sent_to_log_in(client, app, view_name):
    response = client.get(url(view_name, app))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("view_name", PAGES)
@pytest.mark.parametrize("kind", ["applicant", "reviewer", "coach", "other-organiser"])
def test_others_are_refused_and_nothing_is_recorded(client, edition, app, view_name, kind):
    client.force_login(outsider(kind, edition, app))
    response = client.get(url(view_name, app))
    assert response.status_code == 403
    assert "You may not open this page" in response.content.decode()
    assert not AuditEntry.objects.filter(action__in=["application.viewed", "applications.exported"]).exists()


@pytest.mark.parametrize("view_name", PAGES)
def test_a_platform_admin_may_screen_any_edition(client, app, view_name):
    client.force_login(factories.admin())
    assert client.get(url(view_name, app)).status_code == 200


def test_an_unknown_edition_is_not_found(client, app):
    client.force_login(factories.admin())
    assert client.get(reverse("screening:list", args=["no-such-edition"])).status_code == 404
