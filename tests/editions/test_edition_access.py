"""The edition of an edition team's page comes from the person's roles (no query of its own), as a copy, and
anyone without a role in it still meets the edition's 404 or the 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from academy.accounts.context_processors import roles_of
from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from tests import factories

pytestmark = pytest.mark.django_db


@edition_role_required(Role.ORGANISER)
def seen(request, edition):
    return edition


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_an_organiser_gets_a_copy_of_the_edition_of_their_roles_without_a_query(django_assert_num_queries):
    edition = factories.edition()
    request = _request(factories.with_role(Role.ORGANISER, edition))
    with django_assert_num_queries(1):  # the roles, with their editions and academies
        got = seen(request, edition.slug)
    header = roles_of(request)[0].edition
    assert got.pk == edition.pk and got.academy.pk == edition.academy_id
    assert got is not header
    got.name = "Changed by a form that was then rejected"
    assert header.name == edition.name


def test_others_meet_the_404_or_the_403():
    edition = factories.edition()
    coach = _request(factories.with_role(Role.COACH, edition))
    with pytest.raises(PermissionDenied):
        seen(coach, edition.slug)
    with pytest.raises(Http404):
        seen(coach, "no-such-edition")
    admin = factories.user(is_superuser=True)
    assert seen(_request(admin), edition.slug).pk == edition.pk
    assert seen(_request(AnonymousUser()), edition.slug).status_code == 302  # to the login page
