"""Logging in and out, the password reset by email, and "my account"."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from conftest import PASSWORD
from hemicycle.accounts.models import User

LOGIN = "/en/accounts/login/"
NEW_PASSWORD = "a brand new passphrase 2026"


def _log_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_log_in_and_out(client, alice):
    page = client.get(LOGIN)
    html = page.content.decode()
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert 'href="/en/accounts/password/reset/"' in html

    response = _log_in(client, "Alice@Example.org")  # the address is not case-sensitive
    assert response.status_code == 302
    assert int(_logged_in_as(client)) == alice.pk
    assert "My account" in client.get("/en/").content.decode()

    assert client.get("/en/accounts/logout/").status_code == 405  # logging out is a POST
    assert client.post("/en/accounts/logout/").status_code == 302
    assert _logged_in_as(client) is None


@pytest.mark.django_db
def test_wrong_password_is_refused(client, alice):
    response = _log_in(client, "alice@example.org", "not the password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "do not match an account" in html
    assert 'id="login-errors"' in html
    assert re.search(r'<input[^>]*aria-describedby="login-errors"[^>]*name="password"|'
                     r'<input[^>]*name="password"[^>]*aria-describedby="login-errors"', html)
    assert _logged_in_as(client) is None


@pytest.mark.django_db
def test_unconfirmed_account_is_refused_with_a_way_to_get_the_link(client, smtp_server):
    User.objects.create_user(email="bob@example.org", password=PASSWORD)
    response = _log_in(client, "bob@example.org")
    assert response.status_code == 200
    assert _logged_in_as(client) is None
    html = response.content.decode()
    assert "Please confirm your email address first" in html
    assert '<input type="hidden" name="email" value="bob@example.org">' in html

    assert client.post("/en/accounts/confirm/resend/", {"email": "bob@example.org"}).status_code == 302
    link = next(url for url in smtp_server.links(smtp_server.last(to="bob@example.org")) if "/confirm/" in url)
    client.get(urlsplit(link).path)
    assert _log_in(client, "bob@example.org").status_code == 302


@pytest.mark.django_db
def test_deactivated_account_is_refused(client, alice):
    alice.is_active = False
    alice.save()
    assert _log_in(client, "alice@example.org").status_code == 200
    assert _logged_in_as(client) is None


@pytest.mark.django_db
def test_login_is_rate_limited_by_ip(settings, alice):
    settings.RATELIMIT_LOGIN = "2/h"
    client = Client(REMOTE_ADDR="192.0.2.10")
    for email in ("x@example.org", "y@example.org"):
        assert _log_in(client, email, "guess").status_code == 200
    over = _log_in(client, "alice@example.org")  # even the right password
    assert over.status_code == 429
    assert _logged_in_as(client) is None
    # Someone else, elsewhere, can still log in.
    assert _log_in(Client(REMOTE_ADDR="192.0.2.11"), "alice@example.org").status_code == 302


@pytest.mark.django_db
def test_login_is_rate_limited_by_account(settings, alice):
    settings.RATELIMIT_LOGIN = "2/h"
    for n in range(2):
        assert _log_in(Client(REMOTE_ADDR=f"198.51.100.{n}"), "alice@example.org", "guess").status_code == 200
    # A third address, a third IP: the account itself is protected, whatever the case of the address.
    assert _log_in(Client(REMOTE_ADDR="198.51.100.9"), "ALICE@example.org", "guess").status_code == 429


@pytest.mark.django_db
def test_back_office_login_shares_the_limit(settings, ada):
    settings.RATELIMIT_LOGIN = "2/h"
    client = Client()
    for _ in range(2):
        client.post("/en/admin/login/", {"username": "ada@parliament.example", "password": "guess"})
    assert client.post("/en/admin/login/", {"username": "ada@parliament.example",
                                            "password": PASSWORD}).status_code == 429
    assert _log_in(client, "ada@parliament.example").status_code == 429


@pytest.mark.django_db
def test_password_reset_by_email(client, smtp_server, alice):
    alice.preferred_language = "fr"
    alice.save()
    form = client.get("/en/accounts/password/reset/")
    assert 'autocomplete="email"' in form.content.decode()
    response = client.post("/en/accounts/password/reset/", {"email": "ALICE@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/sent/"

    message = smtp_server.last(to="alice@example.org")
    link = next(url for url in smtp_server.links(message) if "/password/reset/" in url)
    # The mail and its link are in the language of the account, not of the page that asked.
    assert urlsplit(link).path.startswith("/fr/accounts/password/reset/")

    set_password = client.get(urlsplit(link).path, follow=True)
    assert set_password.status_code == 200
    assert "new_password1" in set_password.content.decode()
    done = client.post(set_password.redirect_chain[-1][0],
                       {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/fr/accounts/password/reset/done/"

    assert _log_in(client, "alice@example.org").status_code == 200  # the old password no longer works
    assert _log_in(client, "alice@example.org", NEW_PASSWORD).status_code == 302
    # A link works once.
    spent = Client().get(urlsplit(link).path, follow=True).content.decode()
    assert "new_password1" not in spent
    assert 'href="/fr/accounts/password/reset/"' in spent


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing(client, smtp_server):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_password_reset_confirms_the_address(client, smtp_server):
    bob = User.objects.create_user(email="bob@example.org", password=PASSWORD)
    client.post("/en/accounts/password/reset/", {"email": "bob@example.org"})
    link = next(url for url in smtp_server.links(smtp_server.last(to="bob@example.org")) if "/reset/" in url)
    set_password = client.get(urlsplit(link).path, follow=True)
    client.post(set_password.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    bob.refresh_from_db()
    assert bob.email_confirmed
    assert _log_in(client, "bob@example.org", NEW_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_my_account(client, alice):
    assert client.get("/en/accounts/")["Location"].startswith("/en/accounts/login/?next=")
    client.force_login(alice)
    page = client.get("/en/accounts/")
    assert page.status_code == 200
    assert "alice@example.org" in page.content.decode()
    response = client.post("/en/accounts/", {"display_name": " Alice L. ", "preferred_language": "kk"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.preferred_language) == ("Alice L.", "kk")
    assert client.post("/en/accounts/", {"display_name": "", "preferred_language": "xx"}).status_code == 200


@pytest.mark.django_db
def test_change_password(client, alice):
    client.force_login(alice)
    response = client.post("/en/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/en/accounts/password/change/done/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
