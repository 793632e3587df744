import pytest
from django.test import override_settings

from .sink import Sink


@pytest.fixture
def smtp_sink():
    """A real SMTP server on loopback, wired in as the default mailer."""
    refuse = {"later@example.org": "451 4.3.0 Mailbox busy, try later", "nobody@example.org": "550 5.1.1 No such user"}
    with Sink(refuse=refuse) as sink, override_settings(MAILERS=sink.mailers()):
        yield sink
