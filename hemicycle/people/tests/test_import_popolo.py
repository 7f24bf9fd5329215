"""Importing Popolo documents: both real EveryPolitician files, re-imports, and files that must be refused."""

import copy
import io
import json
import time

import pytest
from django.core.management import CommandError, call_command

from hemicycle.core.ids import derived_public_id
from hemicycle.core.testing import shared_data_dir
from hemicycle.people.importers.popolo import PopoloImportError, popolo_import
from hemicycle.people.management.commands.import_popolo import default_source
from hemicycle.people.models import (
    Area,
    ContactDetail,
    Event,
    Identifier,
    Link,
    Membership,
    Organization,
    OtherName,
    Person,
    Post,
    Succession,
)

KAZAKHSTAN = "kazakhstan-mazhilis-ep-popolo-v1.0.json"
BELGIUM = "belgium-chamber-ep-popolo-v1.0.json"
ALL_MODELS = (Person, Organization, Membership, Post, Area, Event, Succession, OtherName, Identifier,
              ContactDetail, Link)


def _load(name: str) -> dict:
    return json.loads((shared_data_dir("everypolitician") / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kazakhstan_doc() -> dict:
    return _load(KAZAKHSTAN)


@pytest.fixture(scope="module")
def belgium_doc() -> dict:
    return _load(BELGIUM)


@pytest.fixture
def kazakhstan(kazakhstan_doc) -> dict:
    """A copy of the Kazakh file that a test may change."""
    return copy.deepcopy(kazakhstan_doc)


@pytest.fixture
def belgium(belgium_doc) -> dict:
    return copy.deepcopy(belgium_doc)


def _row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def _counts(report, kind: str) -> tuple[int, int, int]:
    c = report.counts[kind]
    return c.created, c.updated, c.unchanged


# -- complete imports --------------------------------------------------------------------------------------------

def test_kazakhstan_imports_completely(db, kazakhstan):
    report = popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")

    assert _counts(report, "persons") == (107, 0, 0)
    assert _counts(report, "memberships") == (107, 0, 0)
    assert _counts(report, "organizations") == (6, 0, 0)
    assert _counts(report, "events") == (1, 0, 0)
    assert (Person.objects.count(), Membership.objects.count(), Organization.objects.count(),
            Event.objects.count(), Area.objects.count()) == (107, 107, 6, 1, 0)

    mazhilis = Organization.objects.get(name_en="Mazhilis")
    assert mazhilis.classification == Organization.Classification.CHAMBER  # EveryPolitician's "legislature"
    assert mazhilis.seats == 77
    assert set(Organization.objects.exclude(pk=mazhilis.pk).values_list("classification", flat=True)) == {"party"}

    person = Person.objects.get(name_en="ABDIROV Nurlan Mazhitovich")
    assert person.public_id == derived_public_id("person", scheme="kazakhstan-mazhilis", source_id="person/1374")
    assert person.image == "http://www.parlam.kz/en/mazhilis/People/PersonImage/1374?size=big"
    assert person.identifier_for("popolo:kazakhstan-mazhilis") == "person/1374"
    assert [(link.url, link.note) for link in person.links.filter(is_source=False)] == [
        ("http://www.parlam.kz/ru/blogs/Abdirov", "website")]
    assert [link.url for link in person.links.filter(is_source=True)] == [
        "http://www.parlam.kz/en/mazhilis/People/DeputyList/A"]
    assert not person.links.filter(note="image").exists()  # the only image is the main one

    term = Event.objects.get()
    assert (term.name, term.classification, term.start_date, term.organization) == (
        "Fifth Convocation", "legislative period", "2012-01-15", mazhilis)
    membership = Membership.objects.select_related("on_behalf_of").get(person__public_id=derived_public_id(
        "person", scheme="kazakhstan-mazhilis", source_id="person/107"))
    assert (membership.organization, membership.on_behalf_of.name, membership.role, membership.legislative_period) \
        == (mazhilis, "Nur Otan", "member", term)
    assert Membership.objects.filter(on_behalf_of__name_en="Nur Otan").count() == 83


def test_belgium_imports_completely(db, belgium):
    report = popolo_import(data=belgium, source="belgium-chamber")

    assert _counts(report, "persons") == (169, 0, 0)
    assert _counts(report, "memberships") == (170, 0, 0)
    assert _counts(report, "organizations") == (14, 0, 0)
    assert _counts(report, "events") == (41, 0, 0)
    assert _counts(report, "areas") == (11, 0, 0)
    assert (Person.objects.count(), Membership.objects.count(), Organization.objects.count(),
            Event.objects.count(), Area.objects.count()) == (169, 170, 14, 41, 11)
    assert any("'type'" in note for note in report.notes)  # the chamber's "lower house" is said to be left out

    michel = Person.objects.get(name_en="Charles Michel")
    # Other names in our languages fill the translated name columns; all other names are kept.
    assert (michel.name_ru, michel.name_fr, michel.name_nl, michel.name_de, michel.name_kk) == (
        "Мишель, Шарль", "Charles Michel", "Charles Michel", "Charles Michel", None)
    assert michel.other_names.count() == 44
    assert michel.other_names.get(lang="ja").name == "シャルル・ミシェル"
    assert michel.other_names.get(lang="ru").note == "multilingual"
    assert (michel.gender, michel.birth_date, michel.given_name, michel.family_name) == (
        "male", "1975-12-21", "Charles", "Michel")
    assert michel.identifier_for("wikidata") == "Q950958"
    assert michel.identifier_for("isni") == "0000 0000 0314 2363"
    assert michel.identifier_for("popolo:belgium-chamber") == "099bca64-e639-422f-91c6-ba845f05ec3f"
    assert michel.identifiers.count() == 9
    assert michel.links.filter(is_source=False).count() == 43
    assert michel.links.get(note="Wikipedia (ar)").url == "https://ar.wikipedia.org/wiki/شارل_ميشيل"

    membership = Membership.objects.select_related("on_behalf_of", "area", "legislative_period").get(person=michel)
    assert (membership.on_behalf_of.name, membership.area.name, membership.legislative_period.name,
            membership.start_date, membership.end_date) == ("MR", "Waals-Brabant", "Législature 54", "", "2014-10-14")
    assert membership.links.get(is_source=True).url.startswith("https://nl.wikipedia.org/wiki/Kamer_van_")

    laaouej = Person.objects.get(name_en="Ahmed Laaouej")
    assert (laaouej.email, laaouej.sort_name) == ("ahmed.laaouej@lachambre.be", "Laaouej Ahmed")
    assert [(c.type, c.value) for c in laaouej.contact_details.all()] == [("email", "ahmed.laaouej@lachambre.be")]
    assert laaouej.image == "http://www.lachambre.be/site/wwwroot/images/cv/06461.gif"
    assert [link.url for link in laaouej.links.filter(note="image")] == [
        "https://upload.wikimedia.org/wikipedia/commons/7/71/LaaouejWiki.jpg"]
    assert Person.objects.get(name_en="Brecht Vermeulen").family_name == "Vermeulen"
    turtelboom = Person.objects.get(name_en="Annemie Turtelboom")
    assert turtelboom.contact_details.get(type="twitter").value == "ATurtelboom"
    assert set(Membership.objects.filter(person=turtelboom).values_list("start_date", "end_date")) == {
        ("", "2014-07-30"), ("2016-04-29", "")}
    assert OtherName.objects.filter(lang="", note="alternate").count() == 7

    chamber = Organization.objects.get(name_en="Chamber of Representatives")
    assert (chamber.classification, chamber.seats, chamber.identifier_for("wikidata")) == ("chamber", 150, "Q1347545")
    cdv = Organization.objects.get(name_en="CD&V")
    assert (cdv.classification, cdv.name_ru, cdv.name_nl) == (
        "party", "Христианские демократы и фламандцы", "Christen-Democratisch en Vlaams")
    assert cdv.other_names.count() == 98
    assert cdv.links.get().url == "http://www.cdenv.be"

    assert Area.objects.get(name_en="Antwerpen").classification == "constituency"
    assert Event.objects.filter(classification="general election").count() == 40
    election = Event.objects.get(name_en="Belgian general election, 1831")
    assert (election.start_date, election.end_date, election.identifier_for("wikidata")) == ("1831", "1831",
                                                                                          "Q4882509")
    assert Membership.objects.filter(area__name_en="Antwerpen").exists()


def test_belgium_imports_in_a_few_seconds(db, belgium):
    started = time.perf_counter()
    popolo_import(data=belgium, source="belgium-chamber")
    assert time.perf_counter() - started < 15


def test_history_is_kept(db, kazakhstan):
    popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")
    person = Person.objects.get(name_en="ABDIROV Nurlan Mazhitovich")
    assert person.history.count() == 1
    assert person.history.get().history_change_reason == "Popolo import (kazakhstan-mazhilis)"


# -- re-imports --------------------------------------------------------------------------------------------------

def test_second_run_changes_nothing(db, kazakhstan, belgium):
    popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")
    popolo_import(data=belgium, source="belgium-chamber")
    before_ids = {model: dict(model.objects.values_list("public_id", "updated_at"))
                  for model in (Person, Organization, Membership, Area, Event)}
    before_rows = _row_counts()
    before_history = Person.history.count() + OtherName.history.count() + Membership.history.count()

    again_kz = popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")
    again_be = popolo_import(data=belgium, source="belgium-chamber")

    assert (again_kz.created, again_kz.updated, again_kz.unchanged) == (0, 0, 221)
    assert (again_be.created, again_be.updated) == (0, 0)
    assert _counts(again_be, "persons") == (0, 0, 169)
    assert _counts(again_be, "memberships") == (0, 0, 170)
    assert _counts(again_be, "events") == (0, 0, 41)
    assert _row_counts() == before_rows
    # Same public ids, and nothing touched: updated_at and the history stay as they were.
    assert {model: dict(model.objects.values_list("public_id", "updated_at")) for model in before_ids} == before_ids
    assert Person.history.count() + OtherName.history.count() + Membership.history.count() == before_history


def test_public_ids_do_not_depend_on_the_database(db, belgium):
    """Import, wipe, import again: the same records get the same public ids (as on another machine)."""
    popolo_import(data=belgium, source="belgium-chamber")
    first = set(Person.objects.values_list("public_id", flat=True)) | set(
        Membership.objects.values_list("public_id", flat=True))
    Membership.objects.all().delete()
    Event.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    Area.objects.all().delete()

    popolo_import(data=belgium, source="belgium-chamber")

    assert set(Person.objects.values_list("public_id", flat=True)) | set(
        Membership.objects.values_list("public_id", flat=True)) == first


def test_a_changed_field_is_reported_as_updated(db, belgium):
    popolo_import(data=belgium, source="belgium-chamber")
    michel_id = "099bca64-e639-422f-91c6-ba845f05ec3f"
    michel = Person.objects.get(identifiers__scheme="popolo:belgium-chamber", identifiers__identifier=michel_id)
    untouched = Person.objects.exclude(pk=michel.pk).values_list("pk", "updated_at")
    untouched_before = dict(untouched)
    michel_changed_before = michel.updated_at

    person = next(p for p in belgium["persons"] if p["id"] == michel_id)
    person["birth_date"] = "1975-12"
    person["other_names"].append({"lang": "kk", "name": "Шарль Мишель", "note": "multilingual"})
    membership = next(m for m in belgium["memberships"] if m["person_id"] == michel_id)
    membership["end_date"] = "2014-10-15"
    report = popolo_import(data=belgium, source="belgium-chamber")

    assert _counts(report, "persons") == (0, 1, 168)
    assert _counts(report, "memberships") == (0, 1, 169)
    assert _counts(report, "organizations") == (0, 0, 14)
    michel.refresh_from_db()
    assert (michel.birth_date, michel.name_kk) == ("1975-12", "Шарль Мишель")
    assert michel.other_names.filter(lang="kk").exists()
    assert michel.updated_at > michel_changed_before
    assert dict(untouched) == untouched_before
    assert Membership.objects.get(person=michel).end_date == "2014-10-15"
    assert michel.history.count() == 2


def test_a_record_linked_by_hand_is_found_by_its_identifier(db, kazakhstan):
    """Someone entered the Mazhilis by hand and noted its EveryPolitician id: the import updates that record."""
    mazhilis = Organization.objects.create(name="Mazhilis of the Parliament", classification="chamber")
    mazhilis.identifiers.create(scheme="popolo:kazakhstan-mazhilis", identifier="legislature")
    hand_made_id = mazhilis.public_id

    report = popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")

    assert _counts(report, "organizations") == (5, 1, 0)
    mazhilis.refresh_from_db()
    assert (mazhilis.public_id, mazhilis.name_en, mazhilis.seats) == (hand_made_id, "Mazhilis", 77)
    assert Membership.objects.filter(organization=mazhilis).count() == 107


def test_what_the_document_leaves_out_is_left_alone(db, kazakhstan):
    popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")
    person = Person.objects.get(name_en="ABDIROV Nurlan Mazhitovich")
    person.name_kk = "Нұрлан Әбдіров"
    person.gender = "male"
    person.save()
    person.identifiers.create(scheme="wikidata", identifier="Q1")

    report = popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")

    assert report.updated == 0
    person.refresh_from_db()
    assert (person.name_kk, person.gender, person.identifier_for("wikidata")) == ("Нұрлан Әбдіров", "male", "Q1")


def test_successions_and_posts_are_imported(db):
    doc = {
        "organizations": [
            {"id": "senate", "name": "Senate", "classification": "upper house",
             "succeeded_by": [{"organization_id": "kurultai", "date": "2026-07-01", "note": "Reform"}]},
            {"id": "kurultai", "name": "Kurultai", "classification": "legislature",
             "other_names": [{"name": "Құрылтай", "lang": "kk"}, {"name": "Old", "lang": "ru", "end_date": "2020"}]},
            {"id": "speakers", "name": "Speaker's office", "classification": "secretariat", "parent_id": "kurultai"},
        ],
        "posts": [{"id": "chair", "label": "Chair", "organization_id": "kurultai", "role": "chair"}],
        "persons": [{"id": "p1", "name": "A. Person"}],
        "memberships": [{"person_id": "p1", "post_id": "chair", "role": "chair", "start_date": "2026-07"}],
    }
    report = popolo_import(data=doc, source="test")

    assert _counts(report, "successions") == (1, 0, 0)
    assert _counts(report, "posts") == (1, 0, 0)
    assert any("secretariat" in note for note in report.notes)
    kurultai = Organization.objects.get(name_en="Kurultai")
    assert (kurultai.name_kk, kurultai.name_ru) == ("Құрылтай", None)  # a name with an end date is a former name
    succession = Succession.objects.get()
    assert (succession.predecessor.name, succession.successor, succession.date.isoformat(), succession.note) == (
        "Senate", kurultai, "2026-07-01", "Reform")
    assert Organization.objects.get(name_en="Speaker's office").parent == kurultai
    assert Organization.objects.get(name_en="Speaker's office").classification == "other"
    membership = Membership.objects.get()
    assert (membership.organization, membership.post.label) == (kurultai, "Chair")  # the post's organization

    again = popolo_import(data=doc, source="test")
    assert (again.created, again.updated) == (0, 0)


# -- refused documents -------------------------------------------------------------------------------------------

def _break_membership_person(doc):
    doc["memberships"][12]["person_id"] = "nobody"
    return "$.memberships[12].person_id", "no person with id 'nobody'"


def _break_party(doc):
    doc["memberships"][3]["on_behalf_of_id"] = "party/none"
    return "$.memberships[3].on_behalf_of_id", "no organization"


def _break_area(doc):
    doc["memberships"][4]["area_id"] = "area/atlantis"
    return "$.memberships[4].area_id", "no area"


def _break_term(doc):
    doc["memberships"][5]["legislative_period_id"] = "term/99"
    return "$.memberships[5].legislative_period_id", "no event"


def _break_date(doc):
    doc["persons"][3]["birth_date"] = "1969-13-01"
    return "$.persons[3].birth_date", "not a date"


def _break_day(doc):
    doc["memberships"][0]["start_date"] = "2014-02-30"
    return "$.memberships[0].start_date", "not a date"


def _break_other_name_date(doc):
    doc["persons"][2]["other_names"][1]["end_date"] = "yesterday"
    return "$.persons[2].other_names[1].end_date", "not a date"


def _break_type(doc):
    doc["persons"][0]["name"] = 42
    return "$.persons[0].name", "expected a string, got a number"


def _break_array(doc):
    doc["organizations"] = {"id": "x"}
    return "$.organizations", "expected an array"


def _break_record(doc):
    doc["events"][2] = "Belgian general election"
    return "$.events[2]", "expected an object"


def _break_required(doc):
    del doc["organizations"][1]["name"]
    return "$.organizations[1].name", "required"


def _break_identifier(doc):
    doc["persons"][0]["identifiers"][0] = {"scheme": "wikidata"}
    return "$.persons[0].identifiers[0].identifier", "required"


def _break_duplicate(doc):
    doc["areas"][1]["id"] = doc["areas"][0]["id"]
    return "$.areas[1].id", "used twice"


def _break_too_long(doc):
    doc["persons"][7]["given_name"] = "x" * 201
    return "$.persons[7].given_name", "longer than 200"


@pytest.mark.parametrize("breaker", [
    _break_membership_person, _break_party, _break_area, _break_term, _break_date, _break_day,
    _break_other_name_date, _break_type, _break_array, _break_record, _break_required, _break_identifier,
    _break_duplicate, _break_too_long,
])
def test_a_malformed_document_is_refused_and_nothing_is_written(db, belgium, kazakhstan, breaker):
    popolo_import(data=kazakhstan, source="kazakhstan-mazhilis")
    before = _row_counts()
    path, reason = breaker(belgium)

    with pytest.raises(PopoloImportError) as caught:
        popolo_import(data=belgium, source="belgium-chamber")

    assert caught.value.path == path
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}: ")
    assert _row_counts() == before


def test_a_document_must_be_an_object(db):
    with pytest.raises(PopoloImportError) as caught:
        popolo_import(data=[{"id": "x"}], source="test")
    assert caught.value.path == "$"
    assert _row_counts() == dict.fromkeys(_row_counts(), 0)


def test_a_parent_circle_is_refused(db):
    doc = {"organizations": [{"id": "a", "name": "A", "parent_id": "b"}, {"id": "b", "name": "B", "parent_id": "a"}]}
    with pytest.raises(PopoloImportError) as caught:
        popolo_import(data=doc, source="test")
    assert caught.value.path == "$.organizations[0].parent_id"
    assert Organization.objects.count() == 0


# -- the command -------------------------------------------------------------------------------------------------

def test_command_imports_and_prints_a_summary(db):
    path = shared_data_dir("everypolitician", KAZAKHSTAN)
    out = io.StringIO()
    call_command("import_popolo", str(path), stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "source kazakhstan-mazhilis" in text
    assert [line.split() for line in text.splitlines() if line.startswith("persons")] == [
        ["persons", "107", "0", "0"]]
    assert "seconds" in text
    assert Person.objects.count() == 107

    out = io.StringIO()
    call_command("import_popolo", str(path), stdout=out, stderr=io.StringIO())
    assert [line.split() for line in out.getvalue().splitlines() if line.startswith("memberships")] == [
        ["memberships", "0", "0", "107"]]


def test_command_dry_run_writes_nothing(db):
    out = io.StringIO()
    call_command("import_popolo", str(shared_data_dir("everypolitician", BELGIUM)), "--dry-run", stdout=out,
                 stderr=io.StringIO())
    assert "nothing was written" in out.getvalue()
    assert [line.split() for line in out.getvalue().splitlines() if line.startswith("persons")] == [
        ["persons", "169", "0", "0"]]
    assert _row_counts() == dict.fromkeys(_row_counts(), 0)


def test_command_refuses_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "persons.json"
    path.write_text('{"persons": [\n  {"id": "a", "name": "A"},\n  oops\n]}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"not valid JSON: .* at line 3, column 3"):
        call_command("import_popolo", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.count() == 0


def test_command_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_popolo", str(tmp_path / "missing.json"), stdout=io.StringIO(), stderr=io.StringIO())


def test_command_names_the_json_path_of_a_bad_record(db, tmp_path, kazakhstan):
    kazakhstan["memberships"][0]["person_id"] = "person/0"
    path = tmp_path / "kz.json"
    path.write_text(json.dumps(kazakhstan), encoding="utf-8")
    with pytest.raises(CommandError, match=r"\$\.memberships\[0\]\.person_id: no person with id 'person/0'"):
        call_command("import_popolo", str(path), "--source", "kz", stdout=io.StringIO(), stderr=io.StringIO())
    assert _row_counts() == dict.fromkeys(_row_counts(), 0)


def test_default_source_comes_from_the_file_name(tmp_path):
    from pathlib import Path

    assert default_source(Path("/data/kazakhstan-mazhilis-ep-popolo-v1.0.json")) == "kazakhstan-mazhilis"
    assert default_source(Path("/ep/data/Kazakhstan/Assembly/ep-popolo-v1.0.json")) == "kazakhstan-assembly"
    assert default_source(Path("registry.json")) == "registry"
