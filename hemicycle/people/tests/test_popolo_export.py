"""The Popolo export: every record validates against the official Popolo schemas, whole or per organization."""

import datetime
import json
import re

import pytest
from django.test import Client
from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from hemicycle.core.testing import shared_data_dir
from hemicycle.people.importers.popolo import popolo_import
from hemicycle.people.models import Area, Event, Membership, Organization, Person, Post, Succession
from hemicycle.people.popolo import export_registry

SCHEMA_OF = {"persons": "person", "organizations": "organization", "memberships": "membership", "posts": "post",
             "areas": "area", "events": "event"}

# RFC 3986: a scheme, then only unreserved, reserved and percent-encoded characters. jsonschema checks "uri" only
# with an optional package, so the test brings its own, strict, checker.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


def _format_checker() -> FormatChecker:
    checker = FormatChecker(["email"])

    @checker.checks("uri")
    def is_uri(value) -> bool:
        return not isinstance(value, str) or bool(_URI.match(value))

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return "T" in value and parsed.tzinfo is not None

    return checker


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft3Validator]:
    """One validator per Popolo type, resolving http://www.popoloproject.com/schemas/*.json# to the local files."""
    schemas = {path.stem: json.loads(path.read_text(encoding="utf-8"))
               for path in shared_data_dir("popolo", "schemas").glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource(schema, specification=DRAFT3)) for schema in schemas.values())
    checker = _format_checker()
    out = {}
    for key, name in SCHEMA_OF.items():
        Draft3Validator.check_schema(schemas[name])
        out[key] = Draft3Validator(schemas[name], registry=registry, format_checker=checker)
    return out


def _everypolitician(name: str) -> dict:
    return json.loads(shared_data_dir("everypolitician", name).read_text(encoding="utf-8"))


@pytest.fixture
def registry(db):
    """Both EveryPolitician files, and a small parliament built by hand with posts and a succession."""
    popolo_import(data=_everypolitician("kazakhstan-mazhilis-ep-popolo-v1.0.json"), source="kazakhstan-mazhilis")
    popolo_import(data=_everypolitician("belgium-chamber-ep-popolo-v1.0.json"), source="belgium-chamber")

    country = Area.objects.create(name="Kazakhstan", classification="country", division_id="ocd-division/country:kz")
    astana = Area.objects.create(name="Astana", classification="city", parent=country)
    parliament = Organization.objects.create(name="Parliament", name_kk="Парламент", name_ru="Парламент",
                                             classification="parliament", area=country, founding_date="1995-08")
    senate = Organization.objects.create(name="Senate", name_kk="Сенат", classification="chamber",
                                         parent=parliament, dissolution_date="2026-06-30")
    kurultai = Organization.objects.create(name="Kurultai", name_kk="Құрылтай", classification="chamber",
                                           parent=parliament, founding_date="2026-07-01", seats=145)
    committee = Organization.objects.create(name="Committee on Foreign Affairs", classification="committee",
                                            parent=kurultai, abstract="Treaties and relations abroad")
    Succession.objects.create(predecessor=senate, successor=kurultai, date=datetime.date(2026, 7, 1),
                              note="Constitutional reform")
    mazhilis = Organization.objects.get(name_en="Mazhilis")
    Succession.objects.create(predecessor=mazhilis, successor=kurultai, date=datetime.date(2026, 7, 1))
    nur_otan = Organization.objects.get(name_en="Nur Otan")
    term = Event.objects.create(name="First Convocation", classification="legislative period",
                                organization=kurultai, start_date="2026-07-01")
    chair = Post.objects.create(label="Chair of the Committee", label_kk="Комитет төрағасы", role="chair",
                                organization=committee, start_date="2026")
    seat = Post.objects.create(label="Member for Astana", organization=kurultai, area=astana)
    aigerim = Person.objects.create(name="Aigerim Seitkali", name_kk="Әйгерім Сейтқали", name_ru="Айгерим Сейткали",
                                    sort_name="Seitkali, Aigerim", given_name="Aigerim", family_name="Seitkali",
                                    gender="female", birth_date="1980-03", email="aigerim@parliament.example",
                                    image="https://parliament.example/photos/seitkali.jpg")
    aigerim.other_names.create(name="Aigerim S.", note="short form")
    aigerim.identifiers.create(scheme="wikidata", identifier="Q123")
    aigerim.contact_details.create(type="voice", label="Office", value="+7 7172 74 00 00")
    aigerim.links.create(url="https://kk.wikipedia.org/wiki/Әйгерім_Сейтқали", note="Wikipedia (kk)")
    aigerim.links.create(url="https://parliament.example/members/seitkali", note="Record", is_source=True)
    Membership.objects.create(person=aigerim, organization=kurultai, post=seat, role="member", on_behalf_of=nur_otan,
                              area=astana, legislative_period=term, start_date="2026-07-01")
    Membership.objects.create(person=aigerim, organization=committee, post=chair, role="chair",
                              start_date="2026-07-15", label="Chair", label_ru="Председатель")
    return {"parliament": parliament, "kurultai": kurultai, "committee": committee, "senate": senate,
            "aigerim": aigerim, "mazhilis": mazhilis}


def _errors(document: dict, validators) -> list[str]:
    errors = []
    for key, validator in validators.items():
        for record in document[key]:
            errors.extend(f"{key} {record.get('id')}: {error.message}" for error in validator.iter_errors(record))
    return errors


def _references_resolve(document: dict) -> list[str]:
    """Every id a record refers to names a record of the document."""
    ids = {key: {r["id"] for r in document[key]} for key in SCHEMA_OF}
    wanted = {"person_id": "persons", "organization_id": "organizations", "on_behalf_of_id": "organizations",
              "parent_id": None, "area_id": "areas", "post_id": "posts", "legislative_period_id": "events"}
    missing = []
    for key, records in document.items():
        for record in records:
            for field, target in wanted.items():
                target = target or key
                if field in record and record[field] not in ids[target]:
                    missing.append(f"{key} {record['id']}.{field} -> {record[field]}")
            for succession in record.get("succeeded_by", ()):
                if succession["organization_id"] not in ids["organizations"]:
                    missing.append(f"{key} {record['id']}.succeeded_by -> {succession['organization_id']}")
    return missing


def test_whole_export_validates_against_the_popolo_schemas(registry, validators):
    document = export_registry()

    assert set(document) == set(SCHEMA_OF)
    assert {key: len(records) for key, records in document.items()} == {
        "persons": Person.objects.count(), "organizations": Organization.objects.count(),
        "memberships": Membership.objects.count(), "posts": Post.objects.count(), "areas": Area.objects.count(),
        "events": Event.objects.count()}
    assert len(document["persons"]) == 107 + 169 + 1
    assert len(document["posts"]) == 2
    assert _errors(document, validators) == []
    assert _references_resolve(document) == []
    json.dumps(document)  # plain JSON


def test_export_says_what_the_registry_holds(registry, validators):
    document = export_registry()
    persons = {p["id"]: p for p in document["persons"]}
    organizations = {o["id"]: o for o in document["organizations"]}

    aigerim = persons[registry["aigerim"].public_id]
    assert aigerim["name"] == "Aigerim Seitkali"
    # Translated names become other names with their language, beside the other names proper.
    assert {(n["name"], n.get("lang")) for n in aigerim["other_names"]} == {
        ("Aigerim S.", None), ("Әйгерім Сейтқали", "kk"), ("Айгерим Сейткали", "ru")}
    assert aigerim["birth_date"] == "1980-03"
    assert aigerim["contact_details"] == [{"type": "voice", "label": "Office", "value": "+7 7172 74 00 00"}]
    # An internationalized address is written as a URI.
    assert aigerim["links"] == [{"url": "https://kk.wikipedia.org/wiki/%D3%98%D0%B9%D0%B3%D0%B5%D1%80%D1%96%D0%BC_"
                                        "%D0%A1%D0%B5%D0%B9%D1%82%D2%9B%D0%B0%D0%BB%D0%B8", "note": "Wikipedia (kk)"}]
    assert aigerim["sources"] == [{"url": "https://parliament.example/members/seitkali", "note": "Record"}]
    assert aigerim["identifiers"] == [{"identifier": "Q123", "scheme": "wikidata"}]

    senate = organizations[registry["senate"].public_id]
    assert senate["succeeded_by"] == [{"organization_id": registry["kurultai"].public_id, "date": "2026-07-01",
                                       "note": "Constitutional reform"}]
    assert senate["parent_id"] == registry["parliament"].public_id
    assert {"name": "Сенат", "lang": "kk"} in senate["other_names"]

    michel = next(p for p in document["persons"] if p["name"] == "Charles Michel")
    assert {"identifier": "Q950958", "scheme": "wikidata"} in michel["identifiers"]
    assert {"identifier": "099bca64-e639-422f-91c6-ba845f05ec3f", "scheme": "popolo:belgium-chamber"} in \
        michel["identifiers"]
    assert {"name": "Мишель, Шарль", "lang": "ru", "note": "multilingual"} in michel["other_names"]
    membership = next(m for m in document["memberships"] if m["person_id"] == michel["id"])
    assert organizations[membership["on_behalf_of_id"]]["name"] == "MR"
    assert membership["end_date"] == "2014-10-14"
    assert membership["legislative_period_id"].startswith("ocd-event/")

    laaouej = next(p for p in document["persons"] if p["name"] == "Ahmed Laaouej")
    assert [image["url"] for image in laaouej["images"]] == [
        "http://www.lachambre.be/site/wwwroot/images/cv/06461.gif",
        "https://upload.wikimedia.org/wikipedia/commons/7/71/LaaouejWiki.jpg"]
    assert all(link.get("note") != "image" for link in laaouej["links"])

    chair = next(p for p in document["posts"] if p["label"] == "Chair of the Committee")
    assert (chair["organization_id"], chair["other_label"], chair["start_date"]) == (
        registry["committee"].public_id, ["Комитет төрағасы"], "2026")


def test_organization_export_is_self_contained(registry, validators):
    document = export_registry(organization=registry["parliament"])

    assert _errors(document, validators) == []
    assert _references_resolve(document) == []
    names = {o["name"] for o in document["organizations"]}
    # The parliament and everything inside it, the party a member sits for, and the Mazhilis the Kurultai succeeded.
    assert names == {"Parliament", "Senate", "Kurultai", "Committee on Foreign Affairs", "Nur Otan", "Mazhilis"}
    assert [p["name"] for p in document["persons"]] == ["Aigerim Seitkali"]
    assert len(document["memberships"]) == 2
    assert {p["label"] for p in document["posts"]} == {"Chair of the Committee", "Member for Astana"}
    assert {a["name"] for a in document["areas"]} == {"Kazakhstan", "Astana"}
    assert [e["name"] for e in document["events"]] == ["First Convocation"]
    mazhilis = next(o for o in document["organizations"] if o["name"] == "Mazhilis")
    assert mazhilis["succeeded_by"][0]["organization_id"] == registry["kurultai"].public_id


def test_export_of_a_real_chamber(registry, validators):
    chamber = Organization.objects.get(name_en="Chamber of Representatives")
    document = export_registry(organization=chamber)

    assert _errors(document, validators) == []
    assert _references_resolve(document) == []
    assert (len(document["persons"]), len(document["memberships"]), len(document["areas"])) == (169, 170, 11)
    parties = set(Membership.objects.filter(organization=chamber).values_list("on_behalf_of__public_id", flat=True))
    assert {o["id"] for o in document["organizations"]} == parties | {chamber.public_id}
    assert [e["name"] for e in document["events"]] == ["Législature 54"]  # not the 40 elections, which are nobody's


def test_export_imports_back_without_creating_anything(registry):
    document = export_registry()
    report = popolo_import(data=document, source="hemicycle")
    assert report.created == 0
    assert Person.objects.filter(identifiers__scheme="popolo:hemicycle").count() == 0


def test_api_returns_the_export(registry):
    client = Client()

    response = client.get("/api/v1/popolo")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(export_registry()))

    kurultai = registry["kurultai"]
    response = client.get("/api/v1/popolo", {"organization": kurultai.public_id})
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(export_registry(organization=kurultai)))
    assert {o["name"] for o in response.json()["organizations"]} >= {"Kurultai", "Committee on Foreign Affairs"}

    response = client.get("/api/v1/popolo", {"organization": "ocd-organization/nobody"})
    assert response.status_code == 404
    assert "ocd-organization/nobody" in response.json()["message"]
