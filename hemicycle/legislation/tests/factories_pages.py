"""Test data for the public bill pages, built directly with the ORM (independent of the default workflows).

    from hemicycle.legislation.tests import factories_pages as f
    world = f.bill_world()      # dict: parliament, mazhilis, kurultai, committee, workflow, stages, bill, v1, v2, …

A small single-chamber workflow with every stage explained in kk, ru, en and nl (fr and de are left out on purpose,
so that the pages must fall back), one bill that was pending in the Mazhilis and passed to the Kurultai on
1 July 2026, two versions of its text, two amendments (one adopted by a vote), and the vote at first reading.
"""

import datetime
import itertools

from django.utils import timezone

from hemicycle.legislation.models import (
    Amendment,
    Bill,
    BillDocument,
    BillStageChange,
    BillType,
    BillVersion,
    Sitting,
    Stage,
    Transition,
    VoteEvent,
    Workflow,
)
from hemicycle.people.models import Organization, Person, Succession

_serial = itertools.count(1)
TRANSFER_DATE = datetime.date(2026, 7, 1)

# code, order, names (kk, ru, en, nl), is_initial, is_final, outcome
STAGES = [
    ("registered", 1, ("Тіркелді", "Зарегистрирован", "Registered", "Geregistreerd"), True, False, ""),
    ("committee", 2, ("Комитетте", "В комитете", "In committee", "In de commissie"), False, False, ""),
    ("first-reading", 3, ("Бірінші оқылым", "Первое чтение", "First reading", "Eerste lezing"), False, False, ""),
    ("second-reading", 4, ("Екінші оқылым", "Второе чтение", "Second reading", "Tweede lezing"), False, False, ""),
    ("signed", 5, ("Қол қойылды", "Подписан", "Signed", "Ondertekend"), False, False, ""),
    ("in-force", 6, ("Күшіне енді", "Вступил в силу", "In force", "In werking"), False, True, "law"),
    ("returned", 7, ("Қайтарылды", "Возвращён", "Returned with objections", "Teruggestuurd"), False, False, ""),
    ("withdrawn", 8, ("Кері қайтарылды", "Отозван", "Withdrawn", "Ingetrokken"), False, True, "failed"),
]
EDGES = [("registered", "committee"), ("committee", "first-reading"), ("first-reading", "second-reading"),
         ("second-reading", "signed"), ("second-reading", "returned"), ("returned", "second-reading"),
         ("signed", "in-force"), ("registered", "withdrawn"), ("committee", "withdrawn"),
         ("first-reading", "withdrawn")]

EXPLAIN = {
    "kk": "Комитет заң жобасын мұқият зерттейді",
    "ru": "Комитет внимательно изучает законопроект",
    "en": "The committee studies the bill closely",
    "nl": "De commissie bestudeert het wetsvoorstel grondig",
}
NEXT = {
    "kk": "Комитет қорытынды дайындайды",
    "ru": "Комитет готовит заключение",
    "en": "The committee writes its report",
    "nl": "De commissie schrijft haar verslag",
}
DURATION = {"kk": "шамамен бір ай", "ru": "около месяца", "en": "about a month", "nl": "ongeveer een maand"}
PARTICIPATE = {
    "kk": "Комитетке ұсыныс жіберіңіз",
    "ru": "Направьте предложение в комитет",
    "en": "Send your views to the committee",
    "nl": "Stuur uw mening naar de commissie",
}


def _tr(prefix: str, values: dict) -> dict:
    return {f"{prefix}_{code}": text for code, text in values.items()} | {prefix: values["en"]}


def workflow(code: str | None = None) -> tuple[Workflow, dict[str, Stage]]:
    wf = Workflow.objects.create(code=code or f"ordinary-{next(_serial)}", name="Ordinary law")
    stages = {}
    for stage_code, order, names, initial, final, outcome in STAGES:
        extra = {}
        if stage_code == "first-reading":
            extra = {**_tr("explanation", EXPLAIN), **_tr("next_steps", NEXT), **_tr("typical_duration", DURATION),
                     **_tr("participation", PARTICIPATE), "typical_days": 30}
        stages[stage_code] = Stage.objects.create(
            workflow=wf, code=stage_code, order=order, is_initial=initial, is_final=final, outcome=outcome,
            name=names[2], name_kk=names[0], name_ru=names[1], name_en=names[2], name_nl=names[3], **extra)
    for source, target in EDGES:
        Transition.objects.create(workflow=wf, source=stages[source], target=stages[target])
    return wf, stages


def person(name: str) -> Person:
    return Person.objects.create(name=name, name_en=name, sort_name=name.split()[-1])


def body(name: str, classification: str, parent=None, **extra) -> Organization:
    return Organization.objects.create(name=name, name_en=name, classification=classification, parent=parent,
                                       **extra)


BODY = [
    {"eId": "chp_1", "type": "chapter", "num": "1",
     "heading": {"kk": "Жалпы ережелер", "ru": "Общие положения", "en": "General provisions"},
     "children": [
         {"eId": "chp_1__art_1", "type": "article", "num": "1",
          "heading": {"kk": "Мақсаты", "ru": "Цель", "en": "Purpose"},
          "children": [
              {"eId": "chp_1__art_1__para_1", "type": "paragraph", "num": "1",
               "text": {"kk": "Осы Заң ашықтықты қамтамасыз етеді.", "ru": "Настоящий Закон обеспечивает открытость.",
                        "en": "This Law ensures openness."}},
              {"eId": "chp_1__art_1__para_2", "type": "paragraph", "num": "2",
               "text": {"kk": "Азаматтар ақпарат алады.", "ru": "Граждане получают информацию.",
                        "en": "Citizens receive information."}},
          ]},
     ]},
]


def _body_v2() -> list:
    import copy

    body = copy.deepcopy(BODY)
    body[0]["children"][0]["children"][1]["text"] = {
        "kk": "Азаматтар ақпаратты тегін алады.", "ru": "Граждане получают информацию бесплатно.",
        "en": "Citizens receive information free of charge."}
    return body


def bill_world() -> dict:
    n = next(_serial)
    wf, stages = workflow()
    bill_type = BillType.objects.create(code=f"law-{n}", name="Law", name_en="Law", name_kk="Заң",
                                        name_nl="Wet", workflow=wf)
    parliament = body(f"Parliament {n}", "parliament")
    mazhilis = body(f"Mazhilis {n}", "chamber", parliament, dissolution_date="2026-06-30")
    mazhilis.name_nl = f"Mazhilis {n}"
    mazhilis.save()
    kurultai = body(f"Kurultai {n}", "chamber", parliament, founding_date="2026-07-01")
    Succession.objects.create(predecessor=mazhilis, successor=kurultai, date=TRANSFER_DATE)
    committee = body(f"Committee on Openness {n}", "committee", kurultai)
    sponsor = person(f"Aigerim Sponsor{n}")
    mover = person(f"Dana Mover{n}")

    bill = Bill.objects.create(
        number=f"B-{n}", title="On open parliament", title_en="On open parliament", title_kk="Ашық парламент туралы",
        title_nl="Over een open parlement", summary_en="Makes the work of parliament public.",
        summary_kk="Парламент жұмысын ашық етеді.", summary_nl="Maakt het werk van het parlement openbaar.",
        bill_type=bill_type, parliament=parliament, chamber=kurultai, committee=committee,
        initiator_en="Government", introduced_on=datetime.date(2026, 3, 2), stage=stages["first-reading"],
        stage_entered_on=datetime.date(2026, 9, 15))
    bill.sponsors.add(sponsor)
    BillStageChange.objects.create(bill=bill, stage=stages["registered"], entered_on=datetime.date(2026, 3, 2),
                                   chamber=mazhilis)
    BillStageChange.objects.create(bill=bill, stage=stages["committee"], entered_on=datetime.date(2026, 3, 10),
                                   chamber=mazhilis, note_en="Referred to the committee on openness.")
    BillStageChange.objects.create(bill=bill, stage=stages["committee"], entered_on=TRANSFER_DATE, chamber=kurultai,
                                   note_en="Passed to the Kurultai with the dissolution of the Mazhilis.",
                                   note_nl="Overgedragen aan de Kurultai bij de ontbinding van de Mazhilis.")
    v1 = BillVersion.objects.create(bill=bill, number=1, label="As introduced", label_en="As introduced",
                                    label_nl="Zoals ingediend", stage=stages["registered"],
                                    created_on=datetime.date(2026, 3, 2), body=BODY, languages=["kk", "ru", "en"])
    sitting = Sitting.objects.create(organization=kurultai, kind=Sitting.Kind.PLENARY, title="Plenary sitting",
                                     start=timezone.make_aware(datetime.datetime(2026, 9, 15, 10)),
                                     end=timezone.make_aware(datetime.datetime(2026, 9, 15, 13)),
                                     status=Sitting.Status.HELD)
    adopted = Amendment.objects.create(bill=bill, version=v1, number="1", target_eid="chp_1__art_1__para_2",
                                       wording=_body_v2()[0]["children"][0]["children"][1]["text"],
                                       justification_en="Information should be free.",
                                       recommendation=Amendment.Recommendation.ADOPT,
                                       status=Amendment.Status.ADOPTED, committee=committee)
    adopted.movers.add(mover)
    amendment_vote = VoteEvent.objects.create(
        organization=kurultai, sitting=sitting, bill=bill, amendment=adopted, stage=stages["first-reading"],
        motion="Amendment 1", motion_en="Amendment 1", start=sitting.start, result=VoteEvent.Result.PASS,
        yes_count=80, no_count=10, abstain_count=5, absent_count=3)
    adopted.vote_event = amendment_vote
    adopted.save()
    rejected = Amendment.objects.create(bill=bill, version=v1, number="2", target_eid="chp_1__art_1__para_1",
                                        action=Amendment.Action.DELETE, status=Amendment.Status.REJECTED,
                                        recommendation=Amendment.Recommendation.REJECT)
    rejected.movers.add(sponsor)
    reading_vote = VoteEvent.objects.create(
        organization=kurultai, sitting=sitting, bill=bill, stage=stages["first-reading"],
        motion="Adopt the bill at first reading", motion_en="Adopt the bill at first reading",
        motion_nl="Het wetsvoorstel in eerste lezing aannemen", start=sitting.start + datetime.timedelta(hours=1),
        result=VoteEvent.Result.PASS, yes_count=90, no_count=8, abstain_count=2, absent_count=0)
    BillStageChange.objects.create(bill=bill, stage=stages["first-reading"], entered_on=datetime.date(2026, 9, 15),
                                   chamber=kurultai, vote_event=reading_vote)
    v2 = BillVersion.objects.create(bill=bill, number=2, label="As amended at first reading",
                                    label_en="As amended at first reading", stage=stages["first-reading"],
                                    created_on=datetime.date(2026, 9, 15), body=_body_v2(),
                                    provenance={"chp_1__art_1__para_2": adopted.public_id},
                                    languages=["kk", "ru", "en"])
    upcoming = Sitting.objects.create(organization=committee, kind=Sitting.Kind.COMMITTEE, title="Committee hearing",
                                      title_en="Committee hearing",
                                      start=timezone.now() + datetime.timedelta(days=7),
                                      end=timezone.now() + datetime.timedelta(days=7, hours=2))
    note = BillDocument.objects.create(
        bill=bill, kind=BillDocument.Kind.EXPLANATORY_NOTE, date=datetime.date(2026, 3, 1),
        title="Explanatory note", title_en="Explanatory note", title_kk="Түсіндірме жазба",
        title_nl="Memorie van toelichting", summary_en="Why the bill is needed and what it changes.",
        summary_kk="Заң жобасы не үшін қажет және нені өзгертеді.", url="https://example.org/docs/note.pdf",
        language="kk")
    BillDocument.objects.create(bill=bill, kind=BillDocument.Kind.OTHER, date=datetime.date(2026, 3, 2),
                                title="Internal draft", title_en="Internal draft", url="https://example.org/x",
                                is_published=False)
    return {"workflow": wf, "stages": stages, "bill_type": bill_type, "parliament": parliament, "note": note,
            "mazhilis": mazhilis, "kurultai": kurultai, "committee": committee, "sponsor": sponsor,
            "mover": mover, "bill": bill, "v1": v1, "v2": v2, "adopted": adopted, "rejected": rejected,
            "amendment_vote": amendment_vote, "reading_vote": reading_vote, "sitting": sitting,
            "upcoming": upcoming}


def simple_bill(*, stages: dict, bill_type: BillType, parliament: Organization, chamber: Organization,
                stage: str = "registered", committee=None, introduced_on=datetime.date(2025, 5, 1), **extra) -> Bill:
    n = next(_serial)
    return Bill.objects.create(number=f"S-{n}", title=f"Simple bill {n}", title_en=f"Simple bill {n}",
                               bill_type=bill_type, parliament=parliament, chamber=chamber, committee=committee,
                               introduced_on=introduced_on, stage=stages[stage], stage_entered_on=introduced_on,
                               **extra)
