"""The edition menu: on every organiser page the dashboard, then every tool, the page's own marked with
aria-current; built from the dashboard's tool list, and shown to nobody but the edition's organisers."""

import re

import pytest
from django.urls import reverse, set_script_prefix

from academy.accounts.models import EditionRole, Role
from academy.reports.tools import DASHBOARD, TOOL_NAMES, TOOLS, edition_menu
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db

EVERY_PAGE = [DASHBOARD, *(name for _group, links in TOOLS for _label, name in links)]


@pytest.fixture
def edition():
    return factories.edition()


def _menu(html):
    found = re.search(r'<nav class="container edition-menu" aria-label="Edition menu">(.*?)</nav>', html, re.S)
    return found.group(1) if found else None


def _url(name, edition):
    return reverse(name, kwargs={"slug": edition.slug})


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_every_organiser_page_has_the_menu_with_the_dashboard_first_and_itself_current(client, edition, name):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = client.get(_url(name, edition))
    assert response.status_code == 200
    menu = _menu(response.content.decode())
    assert menu is not None, f"{name} has no edition menu"
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', menu)
    assert links[0][0] == _url(DASHBOARD, edition)
    assert {href for href, _ in links} == {_url(n, edition) for n in EVERY_PAGE}
    assert [href for href, current in links if current] == [_url(name, edition)]


def test_the_dashboard_lists_the_same_tools_as_the_menu(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    html = client.get(_url(DASHBOARD, edition)).content.decode()
    tools = html[html.index('id="tools-heading"') : html.index("</section>\n\n", html.index('id="tools-heading"'))]
    assert set(re.findall(r'<a href="([^"]+)">', tools)) == {_url(n, edition) for n in TOOL_NAMES}


def test_a_page_inside_a_tool_marks_that_tool():
    menu = edition_menu("cba-2022", "selection:run", "/orga/cba-2022/selection/runs/3/")
    current = [link["label"] for group in menu["groups"] for link in group["links"] if link["current"]]
    assert current == ["Selection runs"]
    assert [group["label"] for group in menu["groups"] if group["current"]] == ["Review and selection"]
    roll_call = edition_menu("cba-2022", "programme:roll_call", "/orga/cba-2022/sessions/4/attendance/")
    assert [link["label"] for g in roll_call["groups"] for link in g["links"] if link["current"]] == ["Programme"]
    assert not menu["dashboard"]["current"]


@pytest.mark.parametrize("prefix", ["/", "/academy/"])
def test_the_menus_addresses_are_reversed_for_each_slug_and_script_prefix(prefix):
    set_script_prefix(prefix)
    try:
        for slug in ("cba-2022", "slug_2"):
            menu = edition_menu(slug, "reports:dashboard", f"{prefix}orga/{slug}/")
            links = [link["url"] for group in menu["groups"] for link in group["links"]]
            expected = [reverse(name, kwargs={"slug": slug}) for _group, tools in TOOLS for _label, name in tools]
            assert [menu["dashboard"]["url"], *links] == [reverse(DASHBOARD, kwargs={"slug": slug}), *expected]
            assert all(url.startswith(prefix) and f"/{slug}/" in url for url in links)
    finally:
        set_script_prefix("/")


def test_coaches_participants_and_other_editions_organisers_see_no_menu(client, edition):
    other = factories.edition(deadline=edition.application_deadline.replace(year=2023))
    for person, name in [
        (factories.with_role(Role.COACH, edition), "participation:review_list"),
        (factories.with_role(Role.ORGANISER, other), "editions:call"),
    ]:
        client.force_login(person)
        html = client.get(reverse(name, kwargs={"slug": edition.slug})).content.decode()
        assert "edition-menu" not in html, name
    client.logout()
    assert "edition-menu" not in client.get(edition.get_absolute_url()).content.decode()


def test_the_menu_rendered_once_per_tool_is_each_editions_and_each_pages_own(client, edition):
    """The menu's HTML is kept per edition and tool: an organiser of two editions, going from one to the other and
    from a tool to a page inside it, sees each edition's addresses and the right tool marked."""
    other = factories.edition(deadline=edition.application_deadline.replace(year=2023))
    person = factories.with_role(Role.ORGANISER, edition)
    EditionRole.objects.create(user=person, edition=other, role=Role.ORGANISER)
    applications = {e.slug: sf.application(e) for e in (edition, other)}
    client.force_login(person)
    for shown in (edition, other, edition):
        detail = reverse("screening:detail", args=[shown.slug, applications[shown.slug].pk])
        for address, current in (
            (_url("screening:list", shown), "screening:list"),
            (_url("reviews:rubric", shown), "reviews:rubric"),
            (detail, "screening:list"),  # a page inside the screening tool
        ):
            menu = _menu(client.get(address).content.decode())
            links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', menu)
            assert all(f"/{shown.slug}/" in href for href, _ in links), address
            assert [href for href, marked in links if marked] == [_url(current, shown)], address
