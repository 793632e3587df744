"""Production mail is a setting: SMTP or any django-anymail provider, through Django 6.1's MAILERS."""

import pytest
from django.core import mail
from django.core.mail import mailers
from django.test import override_settings

from academy.mail.models import State
from academy.mail.purposes import sample_context
from academy.mail.services import queue_mail


@pytest.mark.django_db
def test_an_anymail_provider_sends_the_outbox_with_the_stored_message_id(edition):
    with override_settings(MAILERS={"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}):
        row = queue_mail(
            purpose="receipt",
            to_email="ana@example.org",
            edition=edition,
            context=sample_context(edition) | {"application_url": "u"},
        )
    row.refresh_from_db()
    assert row.state == State.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id
    assert mail.outbox[0].anymail_status.status == {"sent"}


def test_a_providers_credentials_come_from_the_mailer_options():
    postmark = {
        "BACKEND": "anymail.backends.postmark.EmailBackend",
        "OPTIONS": {"server_token": "from-the-environment"},
    }
    with override_settings(MAILERS={"default": postmark}):
        backend = mailers.default
    assert backend.server_token == "from-the-environment"
