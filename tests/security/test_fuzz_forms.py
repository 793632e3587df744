"""Arbitrary input to every form a person can reach: each answer is a success (2xx, 3xx) or a 4xx that
says something, never a server error, and a refused request writes nothing.

The forms are found, not listed: every page the matrix rules let an organiser, an applicant (during the
call), a reviewer (during review), a coach or a participant open is parsed for its <form>s (forms.py).
Each field gets the typed default, an option, arbitrary text, or one of the nasty values below, or is
left out. Bounded and derandomised, so a run takes the same examples every time."""

import datetime as dt
import logging

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.http import body

from . import matrix
from . import world as w
from .forms import bounded, forms_on
from .test_authorisation_matrix import RULES

pytestmark = pytest.mark.slow

EXAMPLES = int(__import__("os").environ.get("FUZZ_EXAMPLES", 12))  # per form; about 60 forms
DURING_CALL = dt.datetime(2022, 10, 20, 10, tzinfo=dt.UTC)  # the factory edition's call is open
DURING_REVIEW = dt.datetime(2022, 11, 7, 10, tzinfo=dt.UTC)
WHEN = {w.APPLICANT: DURING_CALL, w.OTHER_APPLICANT: DURING_CALL, w.REVIEWER: DURING_REVIEW}
CRAWLED = (w.ORGANISER, w.APPLICANT, w.OTHER_APPLICANT, w.REVIEWER, w.COACH, w.PARTICIPANT)
MISSING = object()
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\U0001f600" * 40,
    "x" * 100_000,
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-9223372036854775809",
    "2022-02-30",
    "9999-12-31T25:61",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "../../etc/passwd",
    "\r\n\r\n",
]


def value_for(field):
    if field.kind == "file":
        upload = st.binary(max_size=3000).map(lambda b: SimpleUploadedFile("upload.pdf", b))
        return st.one_of(st.just(MISSING), upload)
    choices = [st.just(MISSING), st.sampled_from(NASTY), st.text(max_size=40)]
    if field.default:
        choices.insert(0, st.just(field.default))
    if field.options:
        choices.insert(0, st.sampled_from(field.options))
    if field.kind == "number":
        choices.append(st.integers(min_value=-(10**30), max_value=10**30).map(str))
    return st.one_of(*choices)


def _counts():
    """Rows of every project table, in one query."""
    tables = sorted({m._meta.db_table for m in apps.get_models() if m.__module__.startswith(("academy.", "allauth."))})
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _travel(role):
    return time_machine.travel(WHEN[role], tick=True) if role in WHEN else time_machine.travel(dt.datetime.now(dt.UTC))


def discover(world):
    """The forms each crawled role reaches, one per (role, method, action, field names)."""
    grid = matrix.Matrix(world, RULES)
    found = {}
    for role in CRAWLED:
        client = grid.client(role)
        with _travel(role):
            for name, url in sorted(grid.urls.items()):
                rule = RULES[name]
                if url.api or role not in rule.allowed:
                    continue
                page = reverse(name, kwargs=grid.kwargs(url, rule))
                response = client.get(page)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in forms_on(response.content.decode(), page, role):
                    found.setdefault(form.key, form)
    return grid, list(found.values())


def fuzz(grid, form, problems):
    client = grid.client(form.role)
    send = client.post if form.method == "post" else client.get
    payload = st.fixed_dictionaries({name: value_for(field) for name, field in form.fields.items()})
    where = f"{form.method.upper()} {form.action} as {form.role} (form on {form.page})"

    @bounded(EXAMPLES)
    @given(payload)
    def post(values):
        data = {k: v for k, v in values.items() if v is not MISSING}
        with transaction.atomic():
            before = _counts()
            response = send(form.action, data)
            status = response.status_code
            assert status < 500, f"{where}: {status} for {data!r:.300}"
            assert not matrix.is_login(response), f"{where}: the session ended"
            if status == 200 and form.method == "post":
                shown = 'class="errorlist' in body(response).decode("utf-8", "replace")
                assert not shown, f"{where}: shows form errors but answers 200 (say 400) for {data!r:.300}"
            if 400 <= status < 500 and status != 405:
                assert body(response).strip(), f"{where}: {status} without a message"
                changed = {t: (n, m) for (t, n), m in zip(before.items(), _counts().values(), strict=True) if n != m}
                assert not changed, f"{where}: refused with {status} but wrote rows {changed} for {data!r:.300}"
            transaction.set_rollback(True)

    try:
        with _travel(form.role):
            post()
    except Exception as error:  # noqa: BLE001 -- every form's first failure is reported together
        problems.append(f"{where}: {type(error).__name__} {error!s:.800}")


@pytest.fixture(scope="module")
def discovered(built_world):
    """The crawl, once per module: its logins and what its pages create (a completion rule, a privacy notice)
    become part of the module's world (tests/security/conftest.py), as if every shard had crawled first."""
    with pytest.MonkeyPatch.context() as patch:
        # PDFs are tested in tests/participation; the patch holds for every test of the module
        patch.setattr("academy.participation.info.info_pack_pdf", lambda pack: w.PDF)
        yield discover(built_world.world)


def test_the_crawl_finds_the_forms_of_every_crawled_role(discovered, world):
    grid, forms = discovered
    assert len(forms) >= 40, [f.action for f in forms]
    assert {f.role for f in forms} == set(CRAWLED)


# The forms in shards (every SHARDS-th form), so that parallel runs share the work; together they fuzz every form.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_form_answers_arbitrary_input_with_a_server_error_or_a_partial_write(discovered, world, shard):
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    grid, forms = discovered
    problems = []
    for form in forms[shard::SHARDS]:
        fuzz(grid, form, problems)
    assert not problems, f"{len(problems)} form(s) failed:\n" + "\n\n".join(problems)
