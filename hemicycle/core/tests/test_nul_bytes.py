"""A NUL character in a request is refused with 400 before it reaches the database (PostgreSQL cannot store it)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/bills?q=a%00b", "/api/v1/persons?q=%00", "/api/v1/bills/x%00y"])
def test_api_refuses_nul_with_a_json_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


def test_pages_refuse_nul(client):
    response = client.get("/en/search/", {"q": "a\x00b"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/persons", {"q": "Tokayev"}).status_code == 200
