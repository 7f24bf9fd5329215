"""Akoma Ntoso 3.0 exports validate against the official schema; a bill exported and imported is the same bill."""

import pytest
from lxml import etree

from hemicycle.core.testing import shared_data_dir
from hemicycle.legislation import akn
from hemicycle.legislation.tests.factories_texts import make_texts_world

NS = {"a": akn.AKN_NS}


@pytest.fixture(scope="module")
def schema():
    return akn.load_schema(str(shared_data_dir("akomantoso", "akomantoso30.xsd")))


@pytest.fixture
def world(db):
    return make_texts_world()


def valid(root, schema) -> etree._Element:
    payload = akn.to_bytes(root)
    akn.validate(payload, schema=schema)
    return etree.fromstring(payload)


def test_bill_version_export_is_valid_with_frbr_identifiers(world, schema):
    doc = valid(akn.version_document(world.v3), schema)
    bill = doc.find("a:bill", NS)
    assert bill is not None
    ident = bill.find("a:meta/a:identification", NS)
    assert ident.find("a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/kz/bill/2026/17"
    assert ident.find("a:FRBRWork/a:FRBRcountry", NS).get("value") == "kz"
    expression = ident.find("a:FRBRExpression", NS)
    assert expression.find("a:FRBRuri", NS).get("value") == "/akn/kz/bill/2026/17/kaz@2026-03-01"
    assert expression.find("a:FRBRlanguage", NS).get("language") == "kaz"
    assert expression.find("a:FRBRversionNumber", NS).get("value") == "3"
    assert bill.find("a:preface//a:docTitle", NS).text == "Ашық парламент туралы"
    assert [e.get("eId") for e in bill.iterfind(".//a:body//a:article", NS)] == ["chp_1__art_1", "chp_1__art_2"]
    assert bill.find(".//a:paragraph[@eId='chp_1__art_2__para_2']/a:content/a:p", NS).text == \
        "Жауап интернетте жарияланады."
    assert len(bill.findall("a:meta/a:lifecycle/a:eventRef", NS)) == 3
    assert bill.find("a:meta/a:references/a:TLCPerson", NS).get("showAs") == "Aigerim Mysal"


def test_language_choice(world, schema):
    doc = valid(akn.version_document(world.v1, "en"), schema)
    assert doc.find(".//a:FRBRlanguage", NS).get("language") == "eng"
    assert doc.find(".//a:docTitle", NS).text == "On an open parliament"
    world.v1.languages = ["en"]
    assert akn.version_document(world.v1).find(".//{*}FRBRlanguage").get("language") == "eng", "first language"


def test_adopted_version_is_an_act(world, schema):
    world.bill.stage = world.stages["adopted"]
    world.bill.save()
    doc = valid(akn.version_document(world.v3), schema)
    assert doc.find("a:act", NS) is not None
    assert doc.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/kz/act/2026/17"
    # An earlier version stays a bill.
    assert valid(akn.version_document(world.v2), schema).find("a:bill", NS) is not None


@pytest.mark.parametrize("name", ["a12", "a13", "a14"])
def test_amendment_exports_are_valid(world, schema, name):
    amendment = getattr(world, name)
    doc = valid(akn.amendment_document(amendment, "en"), schema)
    body = doc.find("a:amendment/a:amendmentBody", NS)
    ref = body.find("a:amendmentContent//a:mod/a:ref", NS)
    assert ref.get("href") == f"/akn/kz/bill/2026/17/eng@2026-02-10/!main#{amendment.target_eid}"
    quoted = body.find(".//a:quotedStructure", NS)
    if amendment.action == "delete":
        assert quoted is None
    else:
        assert "".join(quoted.itertext()).strip().endswith(amendment.wording["en"])
    assert body.find("a:amendmentJustification/a:p", NS).text == "Clearer deadlines."


def test_debate_export_is_valid(world, schema):
    doc = valid(akn.sitting_document(world.sitting, "en"), schema)
    section = doc.find("a:debate/a:debateBody/a:debateSection", NS)
    assert section.find("a:heading", NS).text == "Bill 17, amendments"
    summaries = [s.text for s in section.findall("a:summary", NS)]
    assert len(summaries) == 3 and "yes 80, no 10" in summaries[0]


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_round_trip(world, schema, lang):
    payload = akn.to_bytes(akn.version_document(world.v3, lang))
    data = akn.akn_import_bill(payload, schema=schema)
    assert data["lang"] == lang and data["number"] == "17" and data["version"] == "3"
    assert data["body"] == akn.body_in_language(world.v3.body, lang)


def test_import_service_creates_and_updates_the_bill(world, schema):
    kk = akn.to_bytes(akn.version_document(world.v3, "kk"))
    en = akn.to_bytes(akn.version_document(world.v3, "en"))
    world.v3.delete()
    bill, version = akn.akn_bill_save(xml_bytes=kk, parliament=world.parliament, chamber=world.chamber,
                                      bill_type=world.bill_type, stage=world.stages["second_reading"])
    assert bill.pk == world.bill.pk and version.number == 3
    bill, version = akn.akn_bill_save(xml_bytes=en, parliament=world.parliament, chamber=world.chamber,
                                      bill_type=world.bill_type, stage=world.stages["second_reading"])
    version.refresh_from_db()
    assert akn.body_in_language(version.body, "kk") == akn.body_in_language(world.v3.body, "kk")
    assert akn.body_in_language(version.body, "en") == akn.body_in_language(world.v3.body, "en")
    assert version.languages == ["kk", "en"]
    # A new bill number creates a new bill.
    other = kk.replace(b'FRBRnumber value="17" showAs="17"', b'FRBRnumber value="18" showAs="18"')
    bill18, _ = akn.akn_bill_save(xml_bytes=other, parliament=world.parliament, chamber=world.chamber,
                                  bill_type=world.bill_type, stage=world.stages["registered"])
    assert bill18.number == "18" and bill18.pk != world.bill.pk and bill18.title_kk == "Ашық парламент туралы"


def test_invalid_input_is_refused_with_line_and_reason(schema):
    with pytest.raises(akn.AknError, match=r"Line 2: not well-formed XML"):
        akn.akn_import_bill(b"<?xml version='1.0'?>\n<akomaNtoso><bill>", schema=schema)
    with pytest.raises(akn.AknError, match=r"root element is 'akomaNtoso' in namespace 'http://www.akomantoso.org/2\.0'"):
        akn.akn_import_bill(b'<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><bill/></akomaNtoso>', schema=schema)
    broken = (f'<akomaNtoso xmlns="{akn.AKN_NS}">\n<bill name="x">\n<body>\n<article eId="art_1"/>\n</body>\n'
              f'</bill>\n</akomaNtoso>').encode()
    with pytest.raises(akn.AknError, match=r"Line 3: not valid Akoma Ntoso 3.0: .*body.*meta"):
        akn.akn_import_bill(broken, schema=schema)


def test_official_example_with_draft_namespace_is_refused(schema):
    example = shared_data_dir("akomantoso", "examples", "uy_bill_2010-09-27.xml").read_bytes()
    with pytest.raises(akn.AknError, match="expected akomaNtoso in http://docs.oasis-open.org"):
        akn.akn_import_bill(example, schema=schema)


def test_pure_round_trip_of_every_level(schema):
    import datetime

    body = [{"eId": "part_1", "type": "part", "num": "I", "heading": {"ru": "Часть"}, "text": {}, "children": [
        {"eId": "part_1__art_1", "type": "article", "num": "1", "heading": {}, "text": {"ru": "Вводная фраза:"},
         "children": [
             {"eId": "part_1__art_1__para_1", "type": "paragraph", "num": "1", "text": {"ru": "Пункт"},
              "heading": {}, "children": [
                  {"eId": "part_1__art_1__para_1__point_a", "type": "point", "num": "a)", "text": {"ru": "подпункт"},
                   "heading": {}, "children": []}]},
             {"eId": "part_1__art_1__para_2", "type": "paragraph", "num": "2", "text": {"en": "not in Russian"},
              "heading": {}, "children": []}]}]}]
    frbr = akn.Frbr("bill", "2026", "5/VIII", datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), "ru", "1")
    assert frbr.expression_uri == "/akn/kz/bill/2026/5-viii/rus@2026-02-01"
    payload = akn.to_bytes(akn.build_text_document(akn.TextDoc(frbr, "Закон", "5/VIII", body)))
    akn.validate(payload, schema=schema)
    data = akn.akn_import_bill(payload, schema=schema)
    assert data["body"] == akn.body_in_language(body, "ru")
    assert data["title"] == "Закон" and data["number_label"] == "5/VIII"


def test_exports_of_generated_demo_bills_are_valid(db, schema):
    """Every version (in each of its languages), amendment and sitting the demo generator makes exports validly,
    and each version round-trips."""
    from hemicycle.legislation.demo import generate_demo_legislation
    from hemicycle.legislation.models import Amendment, BillVersion, Sitting

    generate_demo_legislation(bills=4, seed=7)
    versions = list(BillVersion.objects.filter(bill__is_demo=True).select_related("bill", "stage"))
    assert versions
    for version in versions:
        for lang in akn.version_languages(version):
            payload = akn.to_bytes(akn.version_document(version, lang))
            data = akn.akn_import_bill(payload, schema=schema)
            assert data["body"] == akn.body_in_language(version.body, lang), (version, lang)
    for amendment in Amendment.objects.filter(bill__is_demo=True)[:20]:
        akn.validate(akn.to_bytes(akn.amendment_document(amendment)), schema=schema)
    for sitting in Sitting.objects.filter(is_demo=True)[:5]:
        akn.validate(akn.to_bytes(akn.sitting_document(sitting)), schema=schema)
