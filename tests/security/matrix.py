"""The authorisation matrix: every URL of the project, asked by every role, against a table of who may.

``run(world, rules)`` walks the URL resolver (so a new view cannot escape), fills each URL's arguments
with edition A's objects (``ARGUMENTS``, or the rule's own mapping), sends GET and an empty POST as
every role (a session for pages, a bearer token for the API; each request rolled back afterwards) and
returns the problems found, in words:

- a URL name without a rule, or a rule for no URL;
- a role the rule allows that is refused, or a role it does not allow that gets in (denied means a
  redirect to the login page or 401 for anonymous, 403 or 404 for everyone else; 405 says nothing);
- a response that contains a marker of private text (``world.MARKERS``) for someone outside its audience;
- a URL filled with edition B's objects under edition A's slug that is not refused (403 or 404);
- a server error."""

import dataclasses
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.http import body

from . import world as w

THIRD_PARTY = ("allauth.", "django.contrib.admin", "django.views.static")
ALL = frozenset(w.ROLES)
# URL argument → the object of the world that fills it, unless the rule says otherwise
ARGUMENTS = {
    "slug": "edition",
    "application": "application",
    "number": "version",
    "key": "question_key",
    "fmt": "export_format",
    "purpose": "purpose",
    "question": "survey_question",
}
NOT_OBJECTS = {"edition", "version", "question_key", "file_key", "export_format", "purpose"}
ALLOWED_POST = {200, 201, 204, 286, 302, 400, 409, 422}


@dataclasses.dataclass(frozen=True)
class Rule:
    allowed: frozenset
    post: frozenset  # who may POST (the same as `allowed` unless the rule says otherwise)
    args: dict
    credential: bool  # the URL's token is itself the credential (anyone holding it may open the URL)


def rule(allowed, *, post=None, credential=False, **args):
    """`allowed`: the roles that get in; `post`: if POST differs; `args`: URL argument → object name."""
    allowed = frozenset(allowed)
    return Rule(allowed, allowed if post is None else frozenset(post), args, credential)


@dataclasses.dataclass(frozen=True)
class Url:
    name: str
    route: str
    arguments: tuple
    api: bool


def walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = namespace + (f"{p.namespace}:" if p.namespace else "")
            yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace + (p.name or ""), p


def project_urls(urlconf=None):
    """Every named URL of the project (third-party login pages and Django's admin aside)."""
    found = {}
    for route, name, pattern in walk(get_resolver(urlconf).url_patterns):
        if pattern.callback.__module__.startswith(THIRD_PARTY) or route.startswith("admin/"):
            continue
        found[name] = Url(name, route, tuple(pattern.pattern.converters), name.startswith("api:"))
    return found


def rule_line(url):
    return f'"{url.name}": rule(...),  # {url.route}'


def is_login(response):
    return response.status_code == 302 and urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


def outcome(response):
    """'allowed', 'denied', 'n/a' (405) or 'error'."""
    status = response.status_code
    if status == 405:
        return "n/a"
    if status in (401, 403, 404) or is_login(response):
        return "denied"
    if status >= 500:
        return "error"
    return "allowed"


class Matrix:
    def __init__(self, world, rules, urlconf=None):
        self.world, self.rules, self.urlconf = world, rules, urlconf
        self.urls = project_urls(urlconf)
        self.clients = {}
        self.problems = []

    def client(self, role):
        if role not in self.clients:
            client = Client()
            if role != w.ANON:
                client.force_login(self.world.users[role])
            self.clients[role] = client
        return self.clients[role]

    def kwargs(self, url, rule, *, objects="A"):
        values = {}
        for argument in url.arguments:
            name = rule.args.get(argument, ARGUMENTS.get(argument))
            if name is None:
                raise LookupError(f'{url.name}: say which object fills <{argument}>: rule(..., {argument}="...")')
            source = "A" if name in NOT_OBJECTS or argument == "slug" else objects
            values[argument] = self.world.objects[source][name]
        return values

    def request(self, role, method, url, path):
        headers = {}
        if url.api and role != w.ANON:
            headers["Authorization"] = f"Bearer {self.world.tokens[role]}"
        client = self.client(role)
        with transaction.atomic():
            try:
                response = getattr(client, method)(path, headers=headers)
            except Exception as error:  # noqa: BLE001 -- a view that raises is reported, not fatal
                self.problems.append(f"{method.upper()} {path} as {role}: raised {error!r}")
                response = None
            transaction.set_rollback(True)
        return response

    def check(self, role, method, url, rule, path, allowed):
        response = self.request(role, method, url, path)
        if response is None:
            return
        got = outcome(response)
        where = f"{method.upper()} {path} as {role}"
        if got == "error":
            self.problems.append(f"{where}: server error {response.status_code}")
        elif got == "allowed" and not allowed:
            self.problems.append(f"{where}: should be refused, got {response.status_code} ({url.name})")
        elif got == "denied" and allowed:
            self.problems.append(f"{where}: should be allowed, got {response.status_code} ({url.name})")
        elif got == "allowed" and method == "post" and response.status_code not in ALLOWED_POST:
            self.problems.append(f"{where}: unexpected {response.status_code}")
        elif got == "allowed" and method == "get" and response.status_code not in (200, 204, 286, 302):
            self.problems.append(f"{where}: allowed but answered {response.status_code}")
        elif got == "denied" and not allowed:
            self._check_refusal(where, role, url, response)
        if response.status_code == 200 and not rule.credential:  # a credential makes its holder the owner
            self._check_markers(where, role, response)

    def _check_refusal(self, where, role, url, response):
        if role == w.ANON:
            expected = 401 if url.api else "a redirect to the login page"
            if not (
                response.status_code in (401, 404) if url.api else is_login(response) or response.status_code == 404
            ):
                self.problems.append(f"{where}: anonymous should get {expected}, got {response.status_code}")
        elif response.status_code not in (403, 404):
            self.problems.append(f"{where}: should be 403 or 404, got {response.status_code}")

    def _check_markers(self, where, role, response):
        text = body(response).decode("utf-8", "replace")
        for marker, audience in w.MARKERS.items():
            if role not in audience and marker in text:
                self.problems.append(f"{where}: leaks {marker} (for {', '.join(sorted(audience))} only)")

    def cross_edition(self, url, rule, path_a):
        """The URL with edition B's objects (under A's slug, if it has one): every role is refused."""
        objects = [a for a in url.arguments if rule.args.get(a, ARGUMENTS.get(a)) not in NOT_OBJECTS]
        has_slug = "slug" in url.arguments
        if not objects or (rule.credential and not has_slug):
            return
        path = reverse(url.name, kwargs=self.kwargs(url, rule, objects="B"), urlconf=self.urlconf)
        if path == path_a:
            return
        for role in sorted(rule.allowed | rule.post):
            if role == w.ADMIN and not has_slug:
                continue  # a platform admin may open any edition's objects by their own address
            for method in ("get", "post"):
                response = self.request(role, method, url, path)
                if response is not None and outcome(response) not in ("denied", "n/a"):
                    self.problems.append(
                        f"{method.upper()} {path} as {role} (edition B's object): should be 403 or 404, "
                        f"got {response.status_code}"
                    )

    def run(self, only=None):
        quiet = logging.getLogger("django.request")
        level, quiet.level = quiet.level, logging.CRITICAL  # every refusal would log a warning
        try:
            return self._run(only)
        finally:
            quiet.level = level

    def _run(self, only):
        """`only`: the URL names to ask (all by default); a rule or a URL missing is reported among them."""
        for name in sorted(set(self.rules) - set(self.urls)):
            if only is None or name in only:
                self.problems.append(f"RULES has a line for {name!r}, which is no URL of the project: remove it")
        for name, url in sorted(self.urls.items()):
            if only is not None and name not in only:
                continue
            rule_ = self.rules.get(name)
            if rule_ is None:
                self.problems.append(f"no rule for {url.route}: add to RULES  {rule_line(url)}")
                continue
            try:
                path = reverse(name, kwargs=self.kwargs(url, rule_), urlconf=self.urlconf)
            except LookupError as error:
                self.problems.append(str(error))
                continue
            for role in w.ROLES:
                self.check(role, "get", url, rule_, path, role in rule_.allowed)
                self.check(role, "post", url, rule_, path, role in rule_.post)
            self.cross_edition(url, rule_, path)
        return self.problems


def run(world, rules, *, urlconf=None, only=None):
    return Matrix(world, rules, urlconf).run(only)
