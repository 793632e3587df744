"""A real SMTP server on loopback (aiosmtpd) that records what it accepts, for tests."""

import asyncio
import email
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """Accepts every message, except for addresses in `refuse` ({address: "451 …" or "550 …"}).

    With `hold_at=n`, the n-th message is recorded and then not acknowledged until `release` is set:
    the sender is caught in the window where the server has the message and the sender does not know."""

    def __init__(self, *, refuse=None, hold_at=None):
        self.refuse = refuse or {}
        self.hold_at = hold_at
        self.received = []  # (Message-ID, To, Subject)
        self.held = threading.Event()
        self.release = threading.Event()
        self.changed = threading.Condition()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.changed:
            self.received.append((message["Message-ID"], message["To"], message["Subject"]))
            count = len(self.received)
            self.changed.notify_all()
        if count == self.hold_at:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 120)
        return "250 Message accepted for delivery"

    def wait_until(self, predicate, timeout):
        """Wait (bounded) until predicate(received) holds; return whether it did."""
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.received), timeout)

    def mailers(self):
        options = {"host": "127.0.0.1", "port": self.port, "timeout": 10}
        return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.controller.stop()
