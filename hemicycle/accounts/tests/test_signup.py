"""Sign-up: the form, the confirmation mail through a real SMTP server, the link, then the first login."""

import base64
import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client

from hemicycle.accounts.models import User
from hemicycle.accounts.tokens import EMAIL_CONFIRMATION_MAX_AGE, email_confirmation_token

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"
GOOD_PASSWORD = "a long and unusual passphrase 42"


def _sign_up(client, email="bob@example.org", *, path=SIGNUP, password=GOOD_PASSWORD, **extra):
    data = {"email": email, "display_name": "Bob", "password1": password, "password2": password, **extra}
    return client.post(path, data)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.django_db
def test_sign_up_confirm_by_email_then_log_in(client, smtp_server):
    page = client.get(SIGNUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autocomplete="email"' in html and 'autocomplete="new-password"' in html
    assert '<label for="id_email">' in html

    response = _sign_up(client, "Bob@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/done/"
    assert "bob@example.org" in client.get(response["Location"]).content.decode()

    bob = User.objects.get(email="bob@example.org")
    assert not bob.email_confirmed
    assert bob.display_name == "Bob"
    assert bob.preferred_language == "en"

    # Not yet: the address is unconfirmed.
    refused = client.post(LOGIN, {"username": "bob@example.org", "password": GOOD_PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Please confirm your email address first" in refused.content.decode()

    message = smtp_server.last(to="bob@example.org")
    assert message["Subject"] == "Confirm your email address for Hemicycle"
    assert message["From"] == "Hemicycle <no-reply@hemicycle.localhost>"
    link = next(url for url in smtp_server.links(message) if "/confirm/" in url)
    assert link.startswith("http://testserver/en/accounts/confirm/")
    # The address is not readable in the link (links end up in access logs).
    payload = link.split("/confirm/")[1].split(":")[0]
    assert b"bob" not in base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))

    confirmed = client.get(_path(link), follow=True)
    assert confirmed.redirect_chain[-1][0] == LOGIN
    assert "your email address is confirmed" in confirmed.content.decode()
    bob.refresh_from_db()
    assert bob.email_confirmed

    logged_in = client.post(LOGIN, {"username": "bob@example.org", "password": GOOD_PASSWORD})
    assert logged_in.status_code == 302
    assert int(client.session["_auth_user_id"]) == bob.pk

    # Following the link again is harmless.
    assert client.get(_path(link)).status_code == 302


@pytest.mark.django_db
def test_sign_up_in_french_keeps_french(client, smtp_server):
    assert _sign_up(client, "chloe@example.org", path="/fr/accounts/signup/").status_code == 302
    assert User.objects.get(email="chloe@example.org").preferred_language == "fr"
    link = next(url for url in smtp_server.links(smtp_server.last(to="chloe@example.org")) if "/confirm/" in url)
    assert urlsplit(link).path.startswith("/fr/accounts/confirm/")


@pytest.mark.django_db
def test_sign_up_with_a_known_address_tells_only_its_owner(client, smtp_server, alice):
    response = _sign_up(client, "ALICE@example.org")
    # The same answer as for a new address: the form does not reveal who has an account...
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/done/"
    assert User.objects.filter(email="alice@example.org").count() == 1
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery staple")
    # ...but the owner of the address hears about it.
    message = smtp_server.last(to="alice@example.org")
    assert message["Subject"] == "You already have a Hemicycle account"
    assert any("/en/accounts/password/reset/" in url for url in smtp_server.links(message))


@pytest.mark.django_db
def test_sign_up_again_while_unconfirmed_sends_a_new_link(client, smtp_server):
    _sign_up(client, "dan@example.org")
    _sign_up(client, "dan@example.org", password="another very long passphrase")
    assert len(smtp_server.wait(2)) == 2
    assert all(m["Subject"] == "Confirm your email address for Hemicycle" for m in smtp_server.messages)
    dan = User.objects.get(email="dan@example.org")
    assert dan.check_password(GOOD_PASSWORD)  # a second sign-up does not take the account over


@pytest.mark.django_db
def test_sign_up_form_errors_are_linked_to_their_fields(client):
    response = _sign_up(client, "eve@example.org", password="short")
    assert response.status_code == 200
    html = response.content.decode()
    assert not User.objects.filter(email="eve@example.org").exists()
    assert 'role="alert"' in html
    assert 'id="id_password1_error"' in html
    password_input = re.search(r'<input[^>]*name="password1"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in password_input
    assert re.search(r'aria-describedby="[^"]*id_password1_error', password_input)

    mismatch = client.post(SIGNUP, {"email": "eve@example.org", "password1": GOOD_PASSWORD,
                                    "password2": GOOD_PASSWORD + "!"})
    assert "The two passwords differ." in mismatch.content.decode()
    assert not User.objects.filter(email="eve@example.org").exists()


@pytest.mark.django_db
def test_sign_up_needs_a_csrf_token(smtp_server):
    strict = Client(enforce_csrf_checks=True)
    response = _sign_up(strict, "mallory@example.org")
    assert response.status_code == 403
    assert not User.objects.filter(email="mallory@example.org").exists()
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_sign_up_is_rate_limited(client, settings, smtp_server):
    settings.RATELIMIT_SIGNUP = "2/h"  # per hour: a test never straddles the window
    assert _sign_up(client, "one@example.org").status_code == 302
    assert _sign_up(client, "two@example.org").status_code == 302
    over = _sign_up(client, "three@example.org")
    assert over.status_code == 429
    assert over["Retry-After"]
    assert "Too many attempts" in over.content.decode()
    assert not User.objects.filter(email="three@example.org").exists()
    # Reading the form is not counted.
    assert client.get(SIGNUP).status_code == 200


@pytest.mark.django_db
def test_rate_limit_is_per_ip_address(settings, smtp_server):
    settings.RATELIMIT_SIGNUP = "1/h"
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert _sign_up(first, "one@example.org").status_code == 302
    assert _sign_up(first, "two@example.org").status_code == 429
    assert _sign_up(second, "three@example.org").status_code == 302


@pytest.mark.django_db
def test_damaged_link_is_refused(client):
    bob = User.objects.create_user(email="bob@example.org", password=GOOD_PASSWORD)
    token = email_confirmation_token(user_id=bob.pk, email=bob.email)
    for bad in ("nonsense", token[:-3] + "abc", token.replace(":", "x", 1)):
        response = client.get(f"/en/accounts/confirm/{bad}/")
        assert response.status_code == 400
        assert "This confirmation link is not valid" in response.content.decode()
    bob.refresh_from_db()
    assert not bob.email_confirmed


@pytest.mark.django_db
def test_expired_link_is_refused(client, monkeypatch):
    bob = User.objects.create_user(email="bob@example.org", password=GOOD_PASSWORD)
    sent = int(time.time() - EMAIL_CONFIRMATION_MAX_AGE.total_seconds() - 60)
    with monkeypatch.context() as patched:
        patched.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(sent))
        token = email_confirmation_token(user_id=bob.pk, email=bob.email)
    response = client.get(f"/en/accounts/confirm/{token}/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "This confirmation link has expired." in html
    assert 'action="/en/accounts/confirm/resend/"' in html
    bob.refresh_from_db()
    assert not bob.email_confirmed


@pytest.mark.django_db
def test_link_for_a_former_address_is_refused(client):
    bob = User.objects.create_user(email="bob@example.org", password=GOOD_PASSWORD)
    token = email_confirmation_token(user_id=bob.pk, email=bob.email)
    bob.email = "robert@example.org"
    bob.save()
    assert client.get(f"/en/accounts/confirm/{token}/").status_code == 400
    bob.refresh_from_db()
    assert not bob.email_confirmed


@pytest.mark.django_db
def test_resend_the_link(client, smtp_server, alice):
    User.objects.create_user(email="bob@example.org", password=GOOD_PASSWORD)
    response = client.post("/en/accounts/confirm/resend/", {"email": "bob@example.org"})
    assert response.status_code == 302
    message = smtp_server.last(to="bob@example.org")
    link = next(url for url in smtp_server.links(message) if "/confirm/" in url)
    client.get(_path(link))
    assert User.objects.get(email="bob@example.org").email_confirmed

    # Unknown and already confirmed addresses get the same answer, and no mail.
    smtp_server.clear()
    for email in ("nobody@example.org", "alice@example.org"):
        assert client.post("/en/accounts/confirm/resend/", {"email": email})["Location"] == \
            "/en/accounts/signup/done/"
    assert smtp_server.messages == []
