"""Peer groups in an edition: formed from the confirmed cohort, moved by hand, published to participants."""

from collections import Counter

import pytest

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import Status
from academy.applications.queries import diversity_answers
from academy.community import groups
from academy.community.models import GroupMember, PeerGroup
from tests import factories

from . import helpers

pytestmark = pytest.mark.django_db
COUNTRIES = ["PT", "PT", "ES", "ES", "DE", "DE", "FR", "FR", "IT", "PL", "SE", "NL"]


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition)


@pytest.fixture
def cohort(edition):
    return helpers.cohort(edition, COUNTRIES)


def test_the_diversity_reader_takes_the_latest_submitted_version(edition):
    application = helpers.member(edition, experience="3–5 years", ecosystems=["Health"])
    application.versions.create(number=2, answers={"experience": "Over 10 years"}, submitted_at=application.created_at)
    found = diversity_answers(edition, [application.pk])[application.pk]
    assert found.experience == "Over 10 years" and found.ecosystems == ()


def test_forming_groups_places_every_confirmed_participant_once_with_no_country_twice(edition, cohort, organiser):
    helpers.member(edition, country="PT", status=Status.WAITLISTED)
    result = groups.form(edition, size=4, seed=1, by=organiser)
    assert result.status == "optimal"
    members = GroupMember.objects.filter(group__edition=edition).select_related("application__organisation")
    assert sorted(m.application_id for m in members) == sorted(a.pk for a in cohort)
    by_group = Counter(m.group_id for m in members)
    assert sorted(by_group.values()) == [4, 4, 4]
    for group in PeerGroup.objects.filter(edition=edition):
        countries = [m.application.organisation.country.code for m in members if m.group_id == group.pk]
        assert len(countries) == len(set(countries)), countries
    assert AuditEntry.objects.filter(action="groups.formed", edition=edition).exists()


def test_forming_again_replaces_the_groups_and_unpublishes_them(edition, cohort, organiser):
    groups.form(edition, size=4, seed=1, by=organiser)
    groups.publish(edition, by=organiser)
    groups.form(edition, size=6, seed=2, by=organiser)
    assert PeerGroup.objects.filter(edition=edition).count() == 2
    assert GroupMember.objects.filter(group__edition=edition).count() == len(cohort)
    assert groups.settings_for(edition).groups_published_at is None


def test_the_organiser_page_forms_shows_moves_and_publishes(client, edition, cohort, organiser):
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/groups/")
    assert page.status_code == 200 and "Form groups" in page.content.decode()
    response = client.post(f"/orga/{edition.slug}/groups/", {"group_size": 4, "group_seed": 3}, follow=True)
    text = response.content.decode()
    assert "3 groups formed" in text and "Not published" in text
    assert "Portugal" in text and "Under 3 years" in text
    person = cohort[0]
    current = GroupMember.objects.get(application=person).group
    target = PeerGroup.objects.filter(edition=edition).exclude(pk=current.pk).first()
    response = client.post(
        f"/orga/{edition.slug}/groups/{person.pk}/move/", {f"p{person.pk}-group": target.pk}, follow=True
    )
    assert GroupMember.objects.get(application=person).group == target
    assert f"is now in {target}" in response.content.decode()
    assert AuditEntry.objects.filter(action="groups.moved", object_id=str(person.pk)).exists()
    client.post(f"/orga/{edition.slug}/groups/publish/", {"action": "publish"})
    assert groups.settings_for(edition).groups_published_at is not None


def test_an_invalid_size_is_refused_with_the_reason(client, edition, cohort, organiser):
    client.force_login(organiser)
    response = client.post(f"/orga/{edition.slug}/groups/", {"group_size": 1, "group_seed": 3})
    assert response.status_code == 400 and "greater than or equal to 2" in response.content.decode()
    assert not PeerGroup.objects.filter(edition=edition).exists()


def test_moving_into_another_editions_group_or_someone_elses_participant_is_refused(client, edition, cohort, organiser):
    other = factories.edition()
    stranger = helpers.member(other)
    groups.form(edition, size=4, seed=1, by=organiser)
    other_group = PeerGroup.objects.create(edition=other, number=1)
    client.force_login(organiser)
    person = cohort[0]
    before = GroupMember.objects.get(application=person).group
    client.post(f"/orga/{edition.slug}/groups/{person.pk}/move/", {f"p{person.pk}-group": other_group.pk})
    assert GroupMember.objects.get(application=person).group == before
    mine = PeerGroup.objects.filter(edition=edition).first()
    response = client.post(f"/orga/{edition.slug}/groups/{stranger.pk}/move/", {f"p{stranger.pk}-group": mine.pk})
    assert response.status_code == 404 and not GroupMember.objects.filter(application=stranger).exists()


def test_a_participant_sees_their_group_only_once_published(client, edition, cohort, organiser):
    groups.form(edition, size=4, seed=1, by=organiser)
    me = cohort[0]
    client.force_login(me.applicant)
    page = client.get(f"/me/editions/{edition.slug}/group/").content.decode()
    assert "have not published the groups yet" in page
    groups.publish(edition, by=organiser)
    page = client.get(f"/me/editions/{edition.slug}/group/").content.decode()
    mates = GroupMember.objects.filter(group=GroupMember.objects.get(application=me).group)
    for mate in mates.select_related("application__applicant", "application__organisation"):
        assert mate.application.applicant.full_name in page
        assert mate.application.organisation.name in page
    outsiders = [a for a in cohort if a.pk not in {m.application_id for m in mates}]
    assert all(a.applicant.full_name not in page for a in outsiders)


def test_group_pages_refuse_people_outside_the_edition(client, edition, cohort, organiser):
    groups.form(edition, size=4, seed=1, by=organiser)
    other = factories.edition()
    for person, expected in [
        (factories.with_role(Role.ORGANISER, other), 403),
        (factories.with_role(Role.COACH, edition), 403),
        (cohort[0].applicant, 403),
    ]:
        client.force_login(person)
        assert client.get(f"/orga/{edition.slug}/groups/").status_code == expected
        assert client.post(f"/orga/{edition.slug}/groups/publish/", {"action": "publish"}).status_code == expected
        assert client.post(f"/orga/{edition.slug}/groups/", {"group_size": 3, "group_seed": 1}).status_code == expected
        target = PeerGroup.objects.filter(edition=edition).last()
        move = client.post(f"/orga/{edition.slug}/groups/{cohort[0].pk}/move/", {f"p{cohort[0].pk}-group": target.pk})
        assert move.status_code == expected
    assert groups.settings_for(edition).groups_published_at is None
    assert not AuditEntry.objects.filter(action="groups.moved").exists()
    client.force_login(helpers.member(other).applicant)
    assert client.get(f"/me/editions/{edition.slug}/group/").status_code == 403
    client.logout()
    assert client.get(f"/me/editions/{edition.slug}/group/").status_code == 302


def test_the_organiser_page_keeps_a_constant_number_of_queries(
    client, edition, organiser, django_assert_max_num_queries
):
    helpers.cohort(edition, COUNTRIES[:6])
    groups.form(edition, size=3, seed=1, by=organiser)
    client.force_login(organiser)
    with django_assert_max_num_queries(20) as few:
        client.get(f"/orga/{edition.slug}/groups/")
    helpers.cohort(edition, COUNTRIES * 2)
    groups.form(edition, size=3, seed=1, by=organiser)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/orga/{edition.slug}/groups/")


def test_a_solver_that_stops_without_an_answer_is_told_in_words_and_nothing_changes(
    client, edition, cohort, organiser, monkeypatch
):
    from academy.failures import SolverStopped

    def stopped(*args, **kwargs):
        raise SolverStopped("Unknown")

    monkeypatch.setattr(groups, "form_groups", stopped)
    client.force_login(organiser)
    response = client.post(f"/orga/{edition.slug}/groups/", {"group_size": 4, "group_seed": 3})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The optimiser stopped without an answer. Try again with another seed" in page
    assert "SolverStopped" not in page and "HiGHS" not in page
    assert not PeerGroup.objects.filter(edition=edition).exists()
