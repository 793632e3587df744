"""Failures in words: what a person reads when background work fails, never an exception's text.

A task that fails (a selection run, peer groups, a certificate run, a mail) stores the sentence
`in_words(error, doing=...)` returns and shows it on its page; the technical text (the exception,
its traceback) goes to the log only, under a reference that the sentence names, so whoever reads
the server's log finds it. Known failures get their own sentence: general ones here (the database
busy or out of reach, no memory, a full disk, the optimiser stopping without an answer), and a
caller adds its own as `known`, callables from the error to a sentence or None.
"""

import errno
import logging
import uuid

from django.db import DatabaseError, OperationalError
from django.utils.translation import gettext as _

log = logging.getLogger("academy.failures")


class SolverStopped(RuntimeError):
    """HiGHS stopped without an answer; `status` is its model status in HiGHS's words ("Empty", …)."""

    def __init__(self, status):
        super().__init__(f"HiGHS stopped without an answer: {status}")
        self.status = status


def _database(error):
    if isinstance(error, OperationalError) and "locked" in str(error).lower():
        return _(
            "The database was busy with other work and did not answer in time. Nothing was lost: try again in a minute."
        )
    if isinstance(error, DatabaseError):
        return _(
            "The database could not be reached or refused the change. Nothing was lost: try again in a few "
            "minutes; if it fails again, tell the platform's administrator."
        )
    return None


def _resources(error):
    if isinstance(error, MemoryError):
        return _("The server ran out of memory. Try again later; if it fails again, tell the platform's administrator.")
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _("The server's disk is full. Tell the platform's administrator; then try again.")
    if isinstance(error, TimeoutError):
        return _("The work took too long and was stopped. Try again; if it happens again, try at a quieter time.")
    return None


def _solver(error):
    if isinstance(error, SolverStopped):
        return _(
            "The optimiser stopped without an answer. Try again with another seed; if it stops again, loosen a "
            "rule or tell the platform's administrator."
        )
    return None


GENERAL = (_database, _resources, _solver)


def reference():
    """A short reference that ties the sentence a person reads to the technical text in the log."""
    return uuid.uuid4().hex[:8]


def in_words(error, *, doing, known=()):
    """The sentence for `error`, raised while `doing` ("solving selection run 3"); logs the technical text.

    `known` are callables from the error to a sentence (or None), asked before the general ones."""
    ref = reference()
    log.error("Failed while %s (reference %s)", doing, ref, exc_info=(type(error), error, error.__traceback__))
    for explain in (*known, *GENERAL):
        sentence = explain(error)
        if sentence:
            return sentence
    return _(
        "Something went wrong on our side while %(doing)s, and it was stopped. Try again; if it fails again, "
        "tell the platform's administrator and give them the reference %(ref)s."
    ) % {"doing": doing, "ref": ref}
