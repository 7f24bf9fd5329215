"""Small builders of legislative test data on a real database."""

import datetime

from hemicycle.legislation.models import BillType
from hemicycle.legislation.workflows import ensure_default_workflows
from hemicycle.people.models import Organization

C = Organization.Classification


def org(name: str, classification, parent=None, **fields) -> Organization:
    return Organization.objects.create(name=name, name_en=name, classification=classification, parent=parent,
                                       **fields)


def chambers() -> dict:
    """A parliament with an old chamber (with two committees) and its single-chamber successor (with one)."""
    parliament = org("Parliament", C.PARLIAMENT)
    old = org("Mazhilis", C.CHAMBER, parliament)
    new = org("Kurultai", C.CHAMBER, parliament)
    return {
        "parliament": parliament, "old": old, "new": new,
        "old_legal": org("Legal affairs (old)", C.COMMITTEE, old),
        "old_budget": org("Budget (old)", C.COMMITTEE, old),
        "new_legal": org("Legal affairs", C.COMMITTEE, new),
    }


def body(articles: int = 2) -> list:
    """A one-chapter text with ``articles`` articles of one paragraph each."""
    return [{
        "eId": "chp_1", "type": "chapter", "num": "1", "heading": {"en": "General", "ru": "Общие", "kk": "Жалпы"},
        "children": [{
            "eId": f"chp_1__art_{a}", "type": "article", "num": str(a), "heading": {"en": f"Article {a}"},
            "children": [{"eId": f"chp_1__art_{a}__para_1", "type": "paragraph", "num": "1",
                          "text": {"en": f"Text of article {a}.", "ru": f"Текст статьи {a}.",
                                   "kk": f"{a}-баптың мәтіні."}}],
        } for a in range(1, articles + 1)],
    }]


def bill_type(code: str = "ordinary-law") -> BillType:
    ensure_default_workflows()
    return BillType.objects.get(code=code)


def register(world: dict, *, number="1", chamber=None, committee=None, by=None, code="ordinary-law"):
    from hemicycle.legislation.services import bill_register

    return bill_register(number=number, title={"en": f"Bill {number}", "ru": f"Законопроект {number}"},
                         bill_type=bill_type(code), parliament=world["parliament"],
                         chamber=chamber or world["old"], committee=committee,
                         introduced_on=datetime.date(2026, 3, 1), body=body(), by=by)
