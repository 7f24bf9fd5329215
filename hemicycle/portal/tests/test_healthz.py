"""/healthz: what load balancers and `make demo` poll to know the app is up and reaches its database."""

import pytest


@pytest.mark.django_db
def test_healthz_answers_200_with_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_is_not_cached_and_not_language_prefixed(client):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="kk")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert client.get("/en/healthz").status_code == 404


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_answers_over_plain_http_when_production_redirects_to_https(settings):
    # A load balancer polls the app directly over HTTP; the pages themselves move to HTTPS.
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    client = Client()

    assert client.get("/healthz").status_code == 200
    page = client.get("/en/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")
