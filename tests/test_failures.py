"""Failures in words: the sentence a person reads, and the technical text only in the log."""

import errno
import logging

from django.db import OperationalError

from academy.failures import SolverStopped, in_words


def raised(error):
    try:
        raise error
    except Exception as caught:  # noqa: BLE001 - a raised error carries its traceback, as in a task
        return caught


def test_an_unknown_failure_gets_a_generic_sentence_with_a_reference_that_the_log_carries(caplog):
    with caplog.at_level(logging.ERROR, logger="academy.failures"):
        text = in_words(raised(KeyError("candidates")), doing="solving selection run 4")
    assert text.startswith("Something went wrong on our side while solving selection run 4, and it was stopped.")
    assert "Try again" in text and "KeyError" not in text and "candidates" not in text
    reference = text.rsplit(" ", 1)[1].rstrip(".")
    record = caplog.records[-1]
    assert reference in record.getMessage() and isinstance(record.exc_info[1], KeyError)
    assert "Traceback" in caplog.text, "the technical text goes to the log"


def test_known_failures_get_their_own_sentence():
    assert in_words(raised(OperationalError("database is locked")), doing="x").startswith("The database was busy")
    assert "disk is full" in in_words(raised(OSError(errno.ENOSPC, "No space left on device")), doing="x")
    assert "ran out of memory" in in_words(raised(MemoryError()), doing="x")
    assert in_words(raised(SolverStopped("Unknown")), doing="x").startswith("The optimiser stopped without an answer")


def test_a_callers_own_sentence_comes_before_the_general_ones():
    def empty(error):
        return "Score applications first." if getattr(error, "status", None) == "Empty" else None

    assert in_words(raised(SolverStopped("Empty")), doing="x", known=[empty]) == "Score applications first."
    assert in_words(raised(SolverStopped("Unknown")), doing="x", known=[empty]).startswith("The optimiser")
