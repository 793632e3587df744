"""Every page each role may open, in a real browser at a desktop's and a phone's width.

The pages and the roles come from the authorisation matrix (tests/security: its world and RULES), so a new
view is covered by its one line there. Each role's pages are the URLs its rule allows that answer a GET with a
whole HTML page (downloads, htmx fragments, redirects and the API aside). A page fails when it is wider than the
window (document.documentElement.scrollWidth > innerWidth) at 1280 or 390 px, when the browser logs an error
(a script error, a blocked resource, a CSP violation) or when axe-core finds a WCAG 2.1 A/AA violation (run once
per URL name, at 390 px, to keep the test fast). Each page is loaded once, at 390 px, then widened to 1280 px."""

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

# loaded at a phone's width, as a phone does (a chart sizes itself when the page loads), then widened
WIDTHS = (390, 1280)
AXE_AT = WIDTHS[0]
# The roles' pages in parts of about 40 visits, each part a test of its own so that pytest-xdist shares them out:
# (roles, part, parts) takes every `parts`-th page of each role, from the `part`-th.
GROUPS = [
    ((w.ANON, w.APPLICANT, w.OTHER_APPLICANT), 1),
    ((w.REVIEWER, w.CONFLICTED, w.OTHER_ORGANISER), 1),
    ((w.COACH, w.PARTICIPANT), 1),
    ((w.ORGANISER,), 3),  # the first to open most organiser pages: it runs axe on them
    ((w.ADMIN,), 2),
]
PARTS = [(roles, part, parts) for roles, parts in GROUPS for part in range(parts)]
assert sorted(role for roles, _ in GROUPS for role in roles) == sorted(w.ROLES), "GROUPS must name every role once"

# two frames: what the page does when the window is resized (resize listeners, ResizeObservers) is done
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
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
# measured once the resize is done, in the same call
SETTLED_OVERFLOW = f"async () => {{ await ({SETTLED})(); return ({OVERFLOW})(); }}"


def html_page(grid, role, name):
    """The path of `name` if `role` may GET it according to RULES and it answers with a whole HTML page."""
    url, rule = grid.urls[name], RULES[name]
    if url.api or role not in rule.allowed:
        return None
    path = reverse(name, kwargs=grid.kwargs(url, rule))
    response = grid.request(role, "get", url, path)
    if response is None or response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return path if b"<html" in body(response)[:500].lower() else None


class Pages:
    """The whole HTML pages of a test's world, each role and URL name asked once (`html_page`): a role's own
    pages and whether an earlier role opens the same page are read from the same answers."""

    def __init__(self, grid):
        self.grid, self.known = grid, {}

    def path(self, role, name):
        if (role, name) not in self.known:
            self.known[role, name] = html_page(self.grid, role, name)
        return self.known[role, name]

    def of(self, role, part, parts):
        """(URL name, path) of every whole HTML page `role` may open, in part `part` of `parts`."""
        names = sorted(name for name, url in self.grid.urls.items() if not url.api and role in RULES[name].allowed)
        found = [(name, self.path(role, name)) for name in names[part::parts]]
        return [(name, path) for name, path in found if path]

    def axed_by(self, role, name):
        """Whether `role` runs axe on `name`: the first role (in w.ROLES order) that opens it as a page does."""
        earlier = w.ROLES[: w.ROLES.index(role)]
        return not any(self.path(other, name) for other in earlier if other in RULES[name].allowed)


def sign_in(context, grid, role, base_url):
    """The browser carries the session of the matrix's client for `role` (logged in with force_login)."""
    if role == w.ANON:
        return
    session = grid.client(role).cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def too_wide(page, name):
    """The page, loaded at WIDTHS[0], measured at each width of WIDTHS: the window is resized (the layout
    reflows, as when a window is widened) instead of the page loaded again."""
    problems = []
    for width in WIDTHS:
        resized = page.viewport_size["width"] != width
        if resized:
            page.set_viewport_size({"width": width, "height": 900})
        size = page.evaluate(SETTLED_OVERFLOW if resized else OVERFLOW)
        if size["scroll"] > size["inner"]:
            problems.append(f"{name} at {width} px: {size['scroll']} px wide ({', '.join(size['wide'])})")
    return problems


def check_page(page, errors, url, name, axe_violations, *, axe):
    errors.clear()
    page.set_viewport_size({"width": AXE_AT, "height": 900})
    page.goto(url)
    found = axe_violations(page) if axe else []
    problems = [f"{name}: axe {rule_id} ({help_}) at {targets}" for rule_id, help_, targets in found]
    problems += too_wide(page, name)
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


@pytest.mark.parametrize("roles,part,parts", PARTS, ids=[f"{'+'.join(r)}-{i + 1}of{n}" for r, i, n in PARTS])
def test_every_page_fits_the_window_logs_no_error_and_passes_axe(
    roles, part, parts, world, browser, live_server, axe_source, axe_violations
):
    """A part of the roles' pages (parts run in parallel, each with its world); axe runs once per URL name,
    in the part of the first role that opens it."""
    grid = matrix.Matrix(world, RULES)
    known, problems, visited = Pages(grid), [], 0
    for role in roles:
        pages = [(name, path, known.axed_by(role, name)) for name, path in known.of(role, part, parts)]
        assert pages, f"{role} opens no page: is the world built?"
        context = browser.new_context()
        if any(axe for _, _, axe in pages):
            context.add_init_script(axe_source)  # sent to the browser once, not with each page axe runs on
        sign_in(context, grid, role, live_server.url)
        page, errors = context.new_page(), []
        page.on(
            "console", lambda message, errors=errors: errors.append(message.text) if message.type == "error" else None
        )
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        try:
            for name, path, axe in pages:
                label = f"{name} ({path}) as {role}"
                problems += check_page(page, errors, live_server.url + path, label, axe_violations, axe=axe)
                visited += 1
        finally:
            context.close()
    assert not problems, f"{len(problems)} problem(s) on {visited} page visit(s):\n" + "\n".join(problems)


def test_the_width_check_fails_a_page_too_wide_at_one_width_only(page):
    """The page is loaded once and widened: what a media query makes too wide at 390 px only (or at 1280 px
    only) is found."""
    style = (
        "@media (max-width: 600px) { .phone { width: 500px } } @media (min-width: 1000px) { .desk { width: 1400px } }"
    )
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    for kind, wide_at in (("phone", 390), ("desk", 1280), ("fits", None)):
        page.set_content(f"<!doctype html><style>{style}</style><main><div class={kind}>Text</div></main>")
        problems = too_wide(page, kind)
        expected = [f"{kind} at {wide_at} px"] if wide_at else []
        assert [problem.split(":")[0] for problem in problems] == expected, problems
        assert all(f"div.{kind} to" in problem for problem in problems), problems
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def test_axe_reports_each_violated_rule_with_the_elements_that_break_it(page, axe_violations):
    """Only the violations come back from axe (resultTypes): each rule broken, with its first three elements."""
    images = "".join(f'<img src="data:," id="image{n}">' for n in range(4))
    page.set_content(f'<!doctype html><html lang="en"><title>T</title><main>{images}<label>Name <input></label></main>')
    found = axe_violations(page)
    assert [rule_id for rule_id, _, _ in found] == ["image-alt"], found
    assert found[0][2] == [["#image0"], ["#image1"], ["#image2"]]
