"""Submitting holds its transaction only for the application's own rows: the form and the registry are read
before it begins, since on SQLite every write transaction holds the database's one write lock and, in the
deadline rush, each statement inside it makes every other applicant's submission wait a little longer."""

import pytest
from django.db import connection

from academy.applications import services

from .helpers import fill

# The test runs in its own transaction (pytest-django's `db`); submit's transaction is the atomic block it opens
# inside that one, so "inside" means deeper than the test's own blocks. No committed-for-real test: its flush would
# also empty the migrations' reference data (the ecosystems the form offers).
pytestmark = pytest.mark.django_db


def test_the_form_and_the_registry_are_read_before_the_submit_transaction_begins(application):
    fill(application)
    outer, inside = len(connection.atomic_blocks), []

    def watch(execute, sql, params, many, context):
        if len(connection.atomic_blocks) > outer:
            inside.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        result = services.submit(application, by=application.applicant)

    assert result.created and result.version.number == 1
    assert result.version.application.is_eligible
    assert inside, "the version is written inside a transaction"
    read_inside = [sql for sql in inside if "registry_" in sql or '"applications_question"' in sql]
    assert read_inside == []
