"""A real SMTP server for tests: mail leaves through Django's SMTP backend and arrives here.

Use the ``smtp_server`` fixture (the root conftest.py loads this module as a pytest plugin): it starts an aiosmtpd
server on a free localhost port, points Django's mail settings at it for the test, and collects what arrives.

    def test_signup(client, smtp_server):
        ...
        message = smtp_server.last(to="alice@example.org")
        link = smtp_server.links(message)[0]
"""

import email
import re
import socket
import threading
import time
from email import policy
from email.message import EmailMessage

import pytest


class MailCollector:
    """An aiosmtpd handler that keeps every delivered message, parsed."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait(self, count: int = 1, timeout: float = 5.0) -> list[EmailMessage]:
        """Wait until at least ``count`` messages have arrived; return them all."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} message(s), {len(self.messages)} arrived")
                self._arrived.wait(remaining)
            return list(self.messages)

    def last(self, to: str | None = None, timeout: float = 5.0) -> EmailMessage:
        """The latest message (to ``to``, when given), waiting for one to arrive."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages if to is None or to.lower() in m["X-Envelope-To"].lower()]
            if found:
                return found[-1]
            if time.monotonic() > deadline:
                raise AssertionError(f"no message to {to!r}; got {len(self.messages)} other(s)")
            time.sleep(0.02)

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    @classmethod
    def links(cls, message: EmailMessage) -> list[str]:
        """The http(s) addresses in the message's text, in order."""
        return re.findall(r"https?://[^\s<>\"]+", cls.body(message))

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server on localhost that Django sends mail to for the duration of the test."""
    from aiosmtpd.controller import Controller

    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield collector
    finally:
        controller.stop()
