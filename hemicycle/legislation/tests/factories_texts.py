"""Test data for bill texts, their amendments and Akoma Ntoso exports, built directly with the ORM.

A bill with three versions: as introduced (v1), as reported at first reading (v2), and the final text (v3) made
from v2 by two adopted amendments (one rewording, one insertion) and one deletion, each decided by a vote.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from hemicycle.legislation import texts
from hemicycle.legislation.models import (
    AgendaItem,
    Amendment,
    Bill,
    BillStageChange,
    BillType,
    BillVersion,
    Sitting,
    Stage,
    VoteEvent,
    Workflow,
)
from hemicycle.people.models import Organization, Person

C = Organization.Classification
STAGES = ["registered", "first_reading", "second_reading", "adopted", "signed"]


def org(name: str, classification, parent=None) -> Organization:
    return Organization.objects.create(name=name, name_en=name, classification=classification, parent=parent)


def para(eid: str, num: str, **text) -> dict:
    return {"eId": eid, "type": "paragraph", "num": num, "heading": {}, "text": text, "children": []}


def original_body() -> list[dict]:
    return [{
        "eId": "chp_1", "type": "chapter", "num": "1", "heading": {"kk": "Жалпы ережелер", "en": "General provisions"},
        "text": {}, "children": [
            {"eId": "chp_1__art_1", "type": "article", "num": "1", "heading": {"kk": "Мақсаты", "en": "Purpose"},
             "text": {}, "children": [
                 para("chp_1__art_1__para_1", "1", kk="Бұл заң ашық парламентті қамтамасыз етеді.",
                      en="This law ensures an open parliament."),
                 para("chp_1__art_1__para_2", "2", kk="Азаматтар ақпарат алуға құқылы.",
                      en="Citizens have the right to information."),
             ]},
            {"eId": "chp_1__art_2", "type": "article", "num": "2", "heading": {"kk": "Мерзімдер", "en": "Deadlines"},
             "text": {}, "children": [
                 para("chp_1__art_2__para_1", "1", kk="Жауап отыз күн ішінде беріледі.",
                      en="An answer is given within thirty days."),
             ]},
            {"eId": "chp_1__art_3", "type": "article", "num": "3", "heading": {"kk": "Есеп", "en": "Reporting"},
             "text": {"kk": "Комитет жыл сайын есеп береді.", "en": "The committee reports every year."},
             "children": []},
        ]}]


def make_texts_world(*, stage_code: str = "second_reading") -> SimpleNamespace:
    """A parliament, a committee, two members, a workflow, a bill with three versions and three amendments."""
    parliament = org("Parliament of Kazakhstan", C.PARLIAMENT)
    chamber = org("Kurultai", C.CHAMBER, parliament)
    committee = org("Committee on Legislation", C.COMMITTEE, chamber)
    aigerim = Person.objects.create(name="Aigerim Mysal", name_en="Aigerim Mysal", sort_name="Mysal, Aigerim")
    nurlan = Person.objects.create(name="Nurlan Example", name_en="Nurlan Example", sort_name="Example, Nurlan")
    workflow = Workflow.objects.create(code="test-texts", name="Test workflow", name_en="Test workflow")
    stages = {}
    for order, code in enumerate(STAGES):
        label = code.replace("_", " ")
        stages[code] = Stage.objects.create(
            workflow=workflow, code=code, name=label, name_en=label, name_kk=label, order=order,
            is_initial=order == 0, is_final=code == "signed", outcome="law" if code == "signed" else "")
    bill_type = BillType.objects.create(code="test-ordinary", name="Ordinary law", name_en="Ordinary law",
                                        workflow=workflow)
    introduced = datetime.date(2026, 1, 15)
    bill = Bill.objects.create(
        number="17", title="On an open parliament", title_en="On an open parliament",
        title_kk="Ашық парламент туралы", short_title="Open parliament", bill_type=bill_type,
        parliament=parliament, chamber=chamber, committee=committee, introduced_on=introduced,
        stage=stages[stage_code], stage_entered_on=datetime.date(2026, 3, 1))
    bill.sponsors.add(aigerim)
    for code, day in (("registered", introduced), ("first_reading", datetime.date(2026, 2, 10)),
                      ("second_reading", datetime.date(2026, 3, 1))):
        BillStageChange.objects.create(bill=bill, stage=stages[code], entered_on=day)
    v1 = BillVersion.objects.create(bill=bill, number=1, label="as introduced", label_en="as introduced",
                                    stage=stages["registered"], created_on=introduced, body=original_body(),
                                    languages=["kk", "en"])
    v2 = BillVersion.objects.create(bill=bill, number=2, label="after first reading",
                                    label_en="after first reading", stage=stages["first_reading"],
                                    created_on=datetime.date(2026, 2, 10), body=original_body(),
                                    languages=["kk", "en"])
    sitting = Sitting.objects.create(
        organization=chamber, kind=Sitting.Kind.PLENARY, title="Plenary sitting", title_en="Plenary sitting",
        start=timezone.make_aware(datetime.datetime(2026, 2, 27, 10, 0)),
        end=timezone.make_aware(datetime.datetime(2026, 2, 27, 13, 0)), place="Astana", status="held")
    AgendaItem.objects.create(sitting=sitting, order=1, title="Bill 17, amendments", title_en="Bill 17, amendments",
                              bill=bill)

    def amendment(number, action, target, wording=None, new_eid="", new_num="", movers=(), yes=80, no=10):
        a = Amendment.objects.create(bill=bill, version=v2, number=number, action=action, target_eid=target,
                                     wording=wording or {}, new_eid=new_eid, new_num=new_num,
                                     committee=committee, justification="Clearer deadlines.",
                                     recommendation="adopt", status=Amendment.Status.ADOPTED)
        a.movers.add(*movers)
        vote = VoteEvent.objects.create(
            organization=chamber, sitting=sitting, bill=bill, amendment=a, stage=stages["second_reading"],
            motion=f"Amendment {number} to bill 17", start=sitting.start, result=VoteEvent.Result.PASS,
            yes_count=yes, no_count=no, abstain_count=3, absent_count=2)
        a.vote_event = vote
        a.save()
        return a

    a12 = amendment("12", "replace", "chp_1__art_2__para_1",
                    {"kk": "Жауап он бес жұмыс күні ішінде беріледі.",
                     "en": "An answer is given within fifteen working days."}, movers=[aigerim])
    a13 = amendment("13", "insert_after", "chp_1__art_2__para_1",
                    {"kk": "Жауап интернетте жарияланады.", "en": "Every answer is published online."},
                    new_eid="chp_1__art_2__para_2", new_num="2", movers=[nurlan])
    a14 = amendment("14", "delete", "chp_1__art_3", movers=[aigerim, nurlan])
    specs = [texts.AmendmentSpec(a.public_id, a.action, a.target_eid, a.wording, a.new_eid, a.new_num)
             for a in (a12, a13, a14)]
    body3, provenance3 = texts.apply_amendments(v2.body, specs, provenance=v2.provenance)
    v3 = BillVersion.objects.create(bill=bill, number=3, label="final text", label_en="final text",
                                    stage=stages["second_reading"], created_on=datetime.date(2026, 3, 1),
                                    body=body3, provenance=provenance3, languages=["kk", "en"])
    return SimpleNamespace(parliament=parliament, chamber=chamber, committee=committee, aigerim=aigerim,
                           nurlan=nurlan, workflow=workflow, stages=stages, bill_type=bill_type, bill=bill,
                           v1=v1, v2=v2, v3=v3, a12=a12, a13=a13, a14=a14, sitting=sitting)
