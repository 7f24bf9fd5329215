"""A NUL character in a request never reaches the database (PostgreSQL cannot store it): it becomes U+FFFD, so a
search for it finds nothing instead of failing with a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/api/v1/bills?q=a%00b", "/api/v1/persons?q=%00", "/api/v1/programmes?partnership=%00x",
])
def test_api_lists_answer_normally(client, url):
    response = client.get(url)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["count"] == 0


def test_an_id_with_nul_is_simply_not_found(client):
    response = client.get("/api/v1/bills/x%00y")
    assert response.status_code in (404, 422)


def test_pages_answer_normally(client):
    response = client.get("/en/search/", {"q": "a\x00b"})
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/persons", {"q": "Tokayev"}).status_code == 200
