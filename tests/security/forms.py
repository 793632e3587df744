"""Find the forms a person can reach: every page the matrix rules let them open, parsed for <form>s, with
each field's name, type, default and options. The fuzz tests post arbitrary values to them."""

import dataclasses
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve
from hypothesis import Phase, settings

THIRD_PARTY = ("allauth.", "django.contrib.")


def bounded(examples):
    """A fixed number of examples and no shrinking (a failure is shown as found); the same examples every run,
    no deadline and no example database come from the suite's Hypothesis profile (tests/conftest.py)."""
    return settings(max_examples=examples, phases=[Phase.explicit, Phase.generate])


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # text, hidden, checkbox, radio, select, file, textarea, submit, number, ...
    default: str = ""
    options: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Form:
    role: str
    page: str
    method: str
    action: str
    fields: dict  # name → Field

    view: str = ""  # the URL name the form posts to

    @property
    def key(self):
        return (self.role, self.method, self.view, tuple(sorted(self.fields)))


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options.append(a.get("value", ""))
            return
        name, fields = a["name"], self._form["fields"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            field = fields.setdefault(
                name, Field(name, kind, "" if kind in ("checkbox", "radio") else a.get("value", ""))
            )
            if kind in ("checkbox", "radio", "submit"):
                field.options.append(a.get("value", "on"))
        elif tag == "select":
            self._select = fields.setdefault(name, Field(name, "select"))
        elif tag == "textarea":
            self._textarea = fields.setdefault(name, Field(name, "textarea"))
        elif tag == "button":
            fields.setdefault(name, Field(name, "submit")).options.append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.default += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_on(html, page, role):
    parser = _Parser()
    parser.feed(html)
    found = []
    for raw in parser.forms:
        action = urlsplit(urljoin(page, raw["action"])).path
        try:
            match = resolve(action)
        except Resolver404:
            continue
        if match.func.__module__.startswith(THIRD_PARTY):
            continue  # allauth's log-out and e-mail forms: not ours, and log-out would end the session
        if raw["fields"] or raw["method"] == "post":
            found.append(Form(role, page, raw["method"], action, raw["fields"], match.view_name))
    return found
