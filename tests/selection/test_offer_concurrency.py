"""Two declines processed at the same moment, each in its own thread with its own database connection.

Meant for PostgreSQL (`DATABASE_URL=postgres://... pytest -m postgres`), where the two transactions
really run side by side until the edition's row lock makes the second wait; on SQLite the IMMEDIATE
transactions serialise them, and the test passes too. The test suite's SQLite database lives in
memory with a shared cache, which answers "database table is locked" at once where the file database
of the platform waits (its busy timeout): there, and only there, a thread tries its decline again
until the other one's transaction is over, as the busy timeout would."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from academy.applications.models import Status
from academy.selection import offers
from academy.selection.models import Offer

from . import offer_builders as b

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def busy_timeout(action, seconds=60):
    give_up = time.monotonic() + seconds
    while True:
        try:
            return action()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error) or time.monotonic() > give_up:
                raise


def test_two_declines_at_once_never_overfill_and_promote_two_different_people():
    edition = b.edition(seats=(1, 3))
    rows = [("Ada", "DE", 9.0), ("Bo", "FR", 8.0), ("Cy", "IT", 7.0)]
    rows += [("Di", "PT", 6.0), ("Ed", "ES", 5.0), ("Flo", "PL", 4.0)]
    people = b.pool(edition, rows)
    b.adopted(edition, people)
    declining = [Offer.objects.get(application=people["Ada"]), Offer.objects.get(application=people["Bo"])]
    barrier = threading.Barrier(len(declining))
    answers, errors = [], []

    def decline(offer):
        try:
            barrier.wait(timeout=30)
            answers.append(busy_timeout(lambda: offers.decline(offer, by=None, reason="at the same moment")))
        except Exception as error:  # reported below, with the thread's own failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=decline, args=(offer,)) for offer in declining]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    promoted = sorted(answer.promoted[0].application.applicant.full_name for answer in answers)
    assert promoted == ["Di", "Ed"]
    seated = edition.applications.filter(status__in=(Status.OFFERED, Status.CONFIRMED))
    assert seated.count() == edition.max_participants
    assert Offer.objects.filter(from_waitlist=True).count() == 2
