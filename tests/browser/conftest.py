import pathlib
import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from tests.browser.academy_days import coursework, meeting_room, programme  # noqa: F401  (fixtures shared by tests)

AXE = pathlib.Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.1 A and AA rules. Only the violations are wanted: axe works out every node of those only
# (resultTypes: the passes, the incomplete and the inapplicable keep one node each, which spares axe a selector for
# each node of a long page), and only they come back over the protocol.
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'],
  });
  return result.violations.map(v => [v.id, v.help, v.nodes.slice(0, 3).map(n => n.target)]);
}"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            # A live server needs committed rows, and the flush after each test would also wipe the
            # reference data that migrations load (the 14 ecosystems): restore it before every test (only it:
            # settings.TEST_NON_SERIALIZED_APPS).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, answering one request at a time where its request threads share the test's
    in-memory SQLite connection: two requests at once (an autosave and a submit) interleaved their transactions on
    it and one failed with "database table is locked". On PostgreSQL each thread has its own connection and the
    server stays as it is."""
    if live_server.thread.connections_override:
        live_server.thread.httpd.set_app(one_request_at_a_time(live_server.thread.httpd.get_app()))
    return live_server


def one_request_at_a_time(app):
    """The WSGI `app`, serialised; the body is read inside the lock, since a streamed one reads the database."""
    lock = threading.Lock()

    def serial(environ, start_response):
        with lock:
            result = app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return serial


@pytest.fixture(autouse=True)
def _no_cached_content_types():
    """The serialized rollback leaves out the content types: none cached from an earlier test is used, Django makes
    it again when asked."""
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, read once per test process (about 650 kB)."""
    return AXE.read_text()


@pytest.fixture
def axe_violations(axe_source):
    """Run axe-core in the page (WCAG 2.1 A and AA rules) and return the violations."""

    def run(page):
        if not page.evaluate("() => 'axe' in window"):  # unless the context has it: add_init_script(axe_source)
            page.evaluate(axe_source)  # evaluated over the DevTools protocol, so the page's CSP still holds
        return [(rule_id, help_, targets) for rule_id, help_, targets in page.evaluate(AXE_RUN)]

    return run


@pytest.fixture
def login(page, live_server):
    """Log a person in through the real form, as they would."""

    def run(email, password, *, on=None):
        """`on`: another page (of another browser context), for a second person in the same test."""
        target = on or page
        target.goto(f"{live_server.url}/accounts/login/")
        target.get_by_label("Email").fill(email)
        target.get_by_label("Password").fill(password)
        target.get_by_role("button", name="Sign In").click()

    return run


@pytest.fixture
def sign_in(page, live_server):
    """Give the browser the session of a person logged in on the server (no form): for a test whose flow starts
    once they are signed in. Their next page is the test's to open."""

    def run(email, *, on=None):
        """`on`: another page (of another browser context), for a second person in the same test."""
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        (on or page).context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return run
