"""The two-edition world (world.py) is built once per test module, not once per test.

It is written inside a transaction that stays open while the module's tests run and is rolled back when the
module ends. Each test runs inside it in a savepoint of its own (pytest-django's `db`), so whatever a test
writes is undone before the next test, and the next module starts from an empty database again. A module-scoped
fixture that requests `built_world` may add to the world for all its module's tests (the form fuzz's crawl).
When the module ends, its rows must be as the first test found them: a difference is a test whose writes
outlived its savepoint, and fails the module. A test that commits (`transaction=True`) cannot use it."""

import dataclasses

import pytest
from django.apps import apps
from django.db import transaction

from . import world as w


def row_counts():
    models = [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]
    return {model._meta.label: model._base_manager.count() for model in models}


@dataclasses.dataclass
class _Shared:
    world: w.World
    rows: dict | None = None  # the row counts the module's first test found


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # like Django's TestCase: a test's durable atomic block may nest in it
        atomic.__enter__()
        try:
            shared = _Shared(w.build())
            yield shared
            if shared.rows is not None:
                now = row_counts()
                leaked = {label: (n, now[label]) for label, n in shared.rows.items() if now[label] != n}
                assert not leaked, f"a test of this module changed the shared world's rows (before, after): {leaked}"
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(built_world, db):
    """The module's world, inside this test's savepoint."""
    if built_world.rows is None:
        built_world.rows = row_counts()
    return built_world.world
