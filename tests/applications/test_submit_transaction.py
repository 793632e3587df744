"""Submitting holds its transaction only for the application's own rows: the form and the registry are read
before it begins, since on SQLite every write transaction holds the database's one write lock and, in the
deadline rush, each statement inside it makes every other applicant's submission wait a little longer."""

import pytest
from django.db import connection

from academy.applications import services

from .helpers import fill

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # submit commits for real


def test_the_form_and_the_registry_are_read_before_the_submit_transaction_begins(application):
    fill(application)
    inside = []

    def watch(execute, sql, params, many, context):
        if connection.in_atomic_block:
            inside.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        result = services.submit(application, by=application.applicant)

    assert result.created and result.version.number == 1
    assert result.version.application.is_eligible
    assert inside, "the version is written inside a transaction"
    read_inside = [sql for sql in inside if "registry_" in sql or '"applications_question"' in sql]
    assert read_inside == []
