"""The two-edition world (world.py) is built once per test module, not once per test.

It is written inside a transaction that stays open while the module's tests run and is rolled back when the
module ends. Each test runs inside it in a savepoint of its own (pytest-django's `db`), so whatever a test
writes is undone before the next test, and the next module starts from an empty database again. A test that
commits (`transaction=True`) cannot use it: that would flush the world under the tests that follow."""

import pytest
from django.apps import apps
from django.db import transaction

from . import world as w


def _row_counts():
    models = [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]
    return {model._meta.label: model._base_manager.count() for model in models}


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # like Django's TestCase: a test's durable atomic block may nest in it
        atomic.__enter__()
        try:
            world = w.build()
            built = _row_counts()
            yield world
            # every test's savepoint is rolled back by now: a difference is a test that wrote past it
            leaked = {
                label: (n, m) for (label, n), m in zip(built.items(), _row_counts().values(), strict=True) if n != m
            }
            assert not leaked, f"a test of this module changed the shared world's rows (before, after): {leaked}"
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(built_world, db):
    """The module's world, inside this test's savepoint."""
    return built_world
