"""The open API's common behaviour: pagination, filters, conditional GET, JSON errors; the pages' CSP."""

import pytest

from hemicycle.people.models import Organization, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    parliament = Organization.objects.create(name="Parliament of Belgium", name_en="Federal Parliament of Belgium",
                                             classification=Organization.Classification.PARLIAMENT)
    chamber = Organization.objects.create(name="Chamber of Representatives",
                                          name_nl="Kamer van volksvertegenwoordigers", parent=parliament,
                                          classification=Organization.Classification.CHAMBER)
    people = [
        Person.objects.create(name=name, name_en=name, sort_name=sort_name)
        for name, sort_name in [("Peter De Roover", "De Roover, Peter"), ("Roman Vassilenko", "Vassilenko, Roman"),
                                ("Anna Example", "Example, Anna"), ("Jan Voorbeeld", "Voorbeeld, Jan"),
                                ("Aigerim Mysal", "Mysal, Aigerim")]
    ]
    return {"parliament": parliament, "chamber": chamber, "people": people}


def test_person_list_is_paginated_with_limit_offset_and_count(client, registry):
    first = client.get("/api/v1/persons", {"limit": 2, "offset": 0}).json()
    second = client.get("/api/v1/persons", {"limit": 2, "offset": 2}).json()
    last = client.get("/api/v1/persons", {"limit": 2, "offset": 4}).json()

    assert first["count"] == second["count"] == last["count"] == 5
    assert [len(page["items"]) for page in (first, second, last)] == [2, 2, 1]
    ids = [item["id"] for page in (first, second, last) for item in page["items"]]
    assert len(set(ids)) == 5
    assert all(i.startswith("ocd-person/") for i in ids)
    # Sorted by sort name: De Roover, Example, Mysal, Vassilenko, Voorbeeld.
    assert [item["name"] for item in first["items"]] == ["Peter De Roover", "Anna Example"]


def test_person_filter_by_name(client, registry):
    body = client.get("/api/v1/persons", {"q": "vassil"}).json()

    assert body["count"] == 1
    assert body["items"][0]["name"] == "Roman Vassilenko"
    assert body["items"][0]["url"].endswith(registry["people"][1].get_absolute_url())


def test_organization_filter_by_classification_and_parent(client, registry):
    chambers = client.get("/api/v1/organizations", {"classification": "chamber"}).json()
    children = client.get("/api/v1/organizations", {"parent": registry["parliament"].public_id}).json()

    assert [o["id"] for o in chambers["items"]] == [registry["chamber"].public_id]
    assert [o["id"] for o in children["items"]] == [registry["chamber"].public_id]
    assert children["items"][0]["parent_id"] == registry["parliament"].public_id


def test_get_answers_with_etag_and_if_none_match_gives_304(client, registry):
    response = client.get("/api/v1/persons")
    etag = response["ETag"]

    again = client.get("/api/v1/persons", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200 and etag
    assert again.status_code == 304
    assert again.content == b""


def test_etag_changes_when_the_registry_changes(client, registry):
    etag = client.get("/api/v1/persons")["ETag"]
    Person.objects.create(name="New Member", sort_name="Member, New")

    response = client.get("/api/v1/persons", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_one_person_and_one_organization(client, registry):
    person = registry["people"][0]
    chamber = registry["chamber"]

    got_person = client.get(f"/api/v1/persons/{person.public_uuid}")
    got_org = client.get(f"/api/v1/organizations/{chamber.public_uuid}")

    assert got_person.status_code == 200 and got_person.json()["id"] == person.public_id
    assert got_org.status_code == 200 and got_org.json()["classification"] == "chamber"


@pytest.mark.parametrize("path", [
    "/api/v1/persons/00000000-0000-4000-8000-000000000000",
    "/api/v1/organizations/00000000-0000-4000-8000-000000000000",
    "/api/v1/no-such-endpoint",
])
def test_unknown_record_is_404_json_with_message(client, registry, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.parametrize("path, params", [
    ("/api/v1/persons", {"limit": "many"}),
    ("/api/v1/persons", {"offset": "-1"}),
    ("/api/v1/persons", {"current": "perhaps"}),
    ("/api/v1/organizations", {"classification": "secret-society"}),
])
def test_bad_query_parameter_is_4xx_json_with_message(client, registry, path, params):
    response = client.get(path, params)

    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["message"]
    assert body.get("errors"), body


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/persons" in document["paths"]


@pytest.mark.parametrize("path", ["/en/", "/kk/", "/en/people/", "/en/search/?q=Roover"])
def test_pages_send_a_strict_content_security_policy(client, registry, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"] or "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
