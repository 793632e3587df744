"""Every page each role may open, in a real browser at a desktop's and a phone's width.

The pages and the roles come from the authorisation matrix (tests/security: its world and RULES), so a new
view is covered by its one line there. Each role's pages are the URLs its rule allows that answer a GET with a
whole HTML page (downloads, htmx fragments, redirects and the API aside). A page fails when it is wider than the
window (document.documentElement.scrollWidth > innerWidth) at 1280 or 390 px, when the browser logs an error
(a script error, a blocked resource, a CSP violation) or when axe-core finds a WCAG 2.1 A/AA violation (run once,
at 390 px, to keep the test fast)."""

import pytest
from django.conf import settings
from django.urls import reverse

from academy.applications.models import Application
from academy.mail.models import OutboxMessage
from academy.participation.models import HandIn, HomeworkAssignment
from academy.programme.models import Session
from tests.http import body
from tests.security import matrix
from tests.security import world as w
from tests.security.test_authorisation_matrix import RULES

WIDTHS = (1280, 390)
AXE_AT = 390

# the outermost elements that stick out of the window (not those a scrolling region clips), so the failure says
# where to look
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;  // escapes a scrolling parent
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement.getBoundingClientRect().right;
    if (right > width + 1 && parent <= width + 1 && !clipped(el)) wide.push(`${name(el)} to ${Math.round(right)}px`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 4)};
}"""


def html_pages(world, role):
    """(URL name, path) of every whole HTML page `role` may GET according to RULES."""
    grid = matrix.Matrix(world, RULES)
    found = []
    for name, url in sorted(grid.urls.items()):
        rule = RULES[name]
        if url.api or role not in rule.allowed:
            continue
        path = reverse(name, kwargs=grid.kwargs(url, rule))
        response = grid.request(role, "get", url, path)
        if response is None or response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if b"<html" in body(response)[:500].lower():
            found.append((name, path))
    return found, grid


def sign_in(context, grid, role, base_url):
    """The browser carries the session of the matrix's client for `role` (logged in with force_login)."""
    if role == w.ANON:
        return
    session = grid.client(role).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def check_page(page, errors, url, name, axe_violations, *, axe):
    problems = []
    errors.clear()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        size = page.evaluate(OVERFLOW)
        if size["scroll"] > size["inner"]:
            problems.append(f"{name} at {width} px: {size['scroll']} px wide ({', '.join(size['wide'])})")
        if axe and width == AXE_AT:
            for rule_id, help_, targets in axe_violations(page):
                problems.append(f"{name}: axe {rule_id} ({help_}) at {targets}")
    problems += [f"{name}: console error {text}" for text in dict.fromkeys(errors)]
    return problems


@pytest.fixture
def world(db, monkeypatch):
    """The matrix's two-edition world, committed in this test's database (the live server reads it)."""
    monkeypatch.setattr("academy.participation.info.info_pack_pdf", lambda pack: w.PDF)
    world = w.build()
    with_long_words(world.editions["A"], world.objects["A"])
    return world


def with_long_words(edition, objects):
    """Edition A's texts as people write them: a long edition name, an address with no place to break, long names
    of organisations, sessions, files and mail subjects. A page must wrap them, not grow wider than the phone."""
    url = "https://www.example.org/clusters/internationalisation/" + "very-long-path-segment-" * 4 + "end"
    edition.name = f"Cluster Booster Academy {edition.year} for Internationalisation"
    edition.save(update_fields=["name"])
    application = Application.objects.get(pk=objects["application"])
    application.answers = {**application.answers, "motivation": f"{application.answers['motivation']} See {url}"}
    application.save(update_fields=["answers"])
    application.organisation.name = "Regional Cluster for Advanced-Manufacturing-and-Industrial-Biotechnology"
    application.organisation.save(update_fields=["name"])
    Session.objects.filter(pk=objects["session"]).update(title=f"Strategy workshop: internationalisation ({url})")
    HomeworkAssignment.objects.filter(pk=objects["homework"]).update(
        brief=f"Map your members; the template is at {url}"
    )
    HandIn.objects.filter(pk=objects["hand_in"]).update(
        original_name="cluster-internationalisation-strategy-2026-final-version-3.pdf"
    )
    OutboxMessage.objects.filter(pk=objects["message"]).update(subject=f"Your application: next steps ({url})")


def test_every_page_fits_the_window_logs_no_error_and_passes_axe(world, browser, live_server, axe_violations):
    """One test over all roles, so the world is built once; axe runs once per URL (the first role to open it)."""
    problems, visited, axed = [], 0, set()
    for role in w.ROLES:
        pages, grid = html_pages(world, role)
        assert pages, f"{role} opens no page: is the world built?"
        context = browser.new_context()
        sign_in(context, grid, role, live_server.url)
        page, errors = context.new_page(), []
        page.on(
            "console", lambda message, errors=errors: errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        try:
            for name, path in pages:
                label = f"{name} ({path}) as {role}"
                problems += check_page(
                    page, errors, live_server.url + path, label, axe_violations, axe=name not in axed
                )
                axed.add(name)
                visited += 1
        finally:
            context.close()
    assert not problems, f"{len(problems)} problem(s) on {visited} page visit(s):\n" + "\n".join(problems)
