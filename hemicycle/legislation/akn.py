"""Akoma Ntoso 3.0: bill versions, acts, amendments and sitting debates as AKN documents, and the import of a bill.

The builders work on plain data (dataclasses below) so that they are testable without a database; the adapter
functions at the end turn model instances into that data. One document is one FRBR expression: one language.
FRBR addresses follow the AKN naming convention, e.g. ``/akn/kz/bill/2026/17/kaz@2026-03-01``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {None: AKN_NS}
COUNTRY = "kz"
#: ISO 639-2 codes used in FRBR expressions, for the site's languages.
LANG3 = {"kk": "kaz", "ru": "rus", "en": "eng", "fr": "fra", "nl": "nld", "de": "deu"}
LANG2 = {value: key for key, value in LANG3.items()}
DEFAULT_LANG = "kk"
HIERARCHY = ("part", "chapter", "section", "article", "paragraph", "point")
#: Stages after which a bill's text is the parliament's act (exported as <act>).
ACT_STAGES = frozenset({"adopted", "sent_to_head_of_state", "signed", "published", "in_force"})
#: Where the official schema lives beside the repository (shared reference data); None-safe if absent.
SCHEMA_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "akomantoso" / "akomantoso30.xsd"


class AknError(ValueError):
    """An Akoma Ntoso document that cannot be read or is not valid; the message gives the line and the reason."""


def q(tag: str) -> str:
    return f"{{{AKN_NS}}}{tag}"


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, q(tag), {k.rstrip("_"): str(v) for k, v in attrs.items() if v is not None})
    if text:
        element.text = text
    return element


def slug(value: str) -> str:
    """A URI-safe component (AKN names allow letters, digits, dashes)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", str(value)).strip("-").lower() or "0"


# --- plain data -----------------------------------------------------------------------------------------------

@dataclass
class Frbr:
    """What identifies a document: work (the bill), expression (its text in one language at a date)."""

    doc_type: str  # bill | act | amendment | debate
    year: str
    number: str
    work_date: datetime.date
    date: datetime.date
    lang: str
    version: str = ""
    name: str = ""
    author: str = "parliament"
    country: str = COUNTRY

    @property
    def lang3(self) -> str:
        return LANG3.get(self.lang, self.lang)

    @property
    def work_uri(self) -> str:
        return f"/akn/{self.country}/{self.doc_type}/{self.year}/{slug(self.number)}"

    @property
    def expression_uri(self) -> str:
        return f"{self.work_uri}/{self.lang3}@{self.date.isoformat()}"

    @property
    def manifestation_uri(self) -> str:
        return f"{self.expression_uri}/!main.xml"


@dataclass
class Party:
    """Something the document refers to (TLCOrganization / TLCPerson / TLCRole / TLCEvent)."""

    kind: str  # organization | person | role | event
    eid: str
    href: str
    show_as: str


@dataclass
class LifeEvent:
    date: datetime.date
    refers_to: str  # eId of a TLCEvent
    type: str = "amendment"  # generation | amendment | repeal


@dataclass
class TextDoc:
    """A bill version (or an act): its identity, title, number and body in one language."""

    frbr: Frbr
    title: str
    number_label: str
    body: list[dict]
    parties: list[Party] = field(default_factory=list)
    events: list[LifeEvent] = field(default_factory=list)


@dataclass
class AmendmentDoc:
    frbr: Frbr
    title: str
    number: str
    action: str  # replace | insert_after | delete
    target_eid: str
    target_label: str
    target_uri: str
    new_eid: str = ""
    new_num: str = ""
    #: The sentence around the reference, with ``{target}``; defaults to English (ACTION_WORDS).
    action_words: str = ""
    node_type: str = "paragraph"
    wording: str = ""
    justification: str = ""
    recommendation: str = ""
    outcome: str = ""
    parties: list[Party] = field(default_factory=list)


@dataclass
class DebateItem:
    title: str
    narrative: list[str] = field(default_factory=list)  # what happened, in sentences
    votes: list[str] = field(default_factory=list)  # one summary line per vote


@dataclass
class DebateDoc:
    frbr: Frbr
    title: str
    place: str
    start: datetime.datetime
    items: list[DebateItem]
    parties: list[Party] = field(default_factory=list)


# --- building ---------------------------------------------------------------------------------------------------

def _identification(meta, frbr: Frbr) -> None:
    ident = sub(meta, "identification", source="#hemicycle")
    work = sub(ident, "FRBRWork")
    sub(work, "FRBRthis", value=f"{frbr.work_uri}/!main")
    sub(work, "FRBRuri", value=frbr.work_uri)
    sub(work, "FRBRdate", date=frbr.work_date.isoformat(), name="registration")
    sub(work, "FRBRauthor", href=f"#{frbr.author}")
    sub(work, "FRBRcountry", value=frbr.country)
    sub(work, "FRBRnumber", value=frbr.number, showAs=frbr.number)
    if frbr.name:
        sub(work, "FRBRname", value=frbr.name)
    expression = sub(ident, "FRBRExpression")
    sub(expression, "FRBRthis", value=f"{frbr.expression_uri}/!main")
    sub(expression, "FRBRuri", value=frbr.expression_uri)
    sub(expression, "FRBRdate", date=frbr.date.isoformat(), name="version")
    sub(expression, "FRBRauthor", href=f"#{frbr.author}")
    if frbr.version:
        sub(expression, "FRBRversionNumber", value=frbr.version)
    sub(expression, "FRBRlanguage", language=frbr.lang3)
    manifestation = sub(ident, "FRBRManifestation")
    sub(manifestation, "FRBRthis", value=frbr.manifestation_uri)
    sub(manifestation, "FRBRuri", value=frbr.manifestation_uri)
    sub(manifestation, "FRBRdate", date=frbr.date.isoformat(), name="generation")
    sub(manifestation, "FRBRauthor", href="#hemicycle")
    sub(manifestation, "FRBRformat", value="application/akn+xml")


def _meta(root_doc, frbr: Frbr, parties: list[Party], events: list[LifeEvent] = ()) -> None:
    meta = sub(root_doc, "meta")
    _identification(meta, frbr)
    if events:
        lifecycle = sub(meta, "lifecycle", source="#hemicycle")
        for index, event in enumerate(events, start=1):
            sub(lifecycle, "eventRef", eId=f"evt_{index}", date=event.date.isoformat(), source="#original",
                refersTo=f"#{event.refers_to}", type=event.type)
    references = sub(meta, "references", source="#hemicycle")
    sub(references, "original", eId="original", href=f"{frbr.work_uri}/!main", showAs=frbr.name or frbr.number)
    seen = set()
    defaults = [Party("organization", "hemicycle", "/ontology/organization/hemicycle", "Hemicycle")]
    for party in defaults + list(parties):
        if party.eid in seen:
            continue
        seen.add(party.eid)
        tag = {"organization": "TLCOrganization", "person": "TLCPerson", "role": "TLCRole",
               "event": "TLCEvent"}[party.kind]
        sub(references, tag, eId=party.eid, href=party.href, showAs=party.show_as or party.eid)


def _preface(doc, title: str, number: str) -> None:
    preface = sub(doc, "preface")
    sub(sub(preface, "p", class_="title"), "docTitle", title)
    if number:
        sub(sub(preface, "p", class_="number"), "docNumber", number)


def _text(mapping, lang: str) -> str:
    if isinstance(mapping, dict):
        return (mapping.get(lang) or "").strip()
    return (mapping or "").strip()


def _node(parent, node: dict, lang: str, *, eid: str | None = None) -> None:
    kind = node.get("type") if node.get("type") in HIERARCHY else "paragraph"
    element = sub(parent, kind, eId=eid or node["eId"])
    if node.get("num"):
        sub(element, "num", str(node["num"]))
    heading = _text(node.get("heading"), lang)
    if heading:
        sub(element, "heading", heading)
    text = _text(node.get("text"), lang)
    children = node.get("children") or []
    if children:
        if text:
            sub(sub(element, "intro"), "p", text)
        for child in children:
            _node(element, child, lang)
    else:
        # Content may not be empty: an untranslated provision keeps an empty paragraph.
        sub(sub(element, "content"), "p", text)


def build_text_document(doc: TextDoc) -> etree._Element:
    """``<akomaNtoso><bill|act>`` for a bill version in one language."""
    root = etree.Element(q("akomaNtoso"), nsmap=NSMAP)
    kind = "act" if doc.frbr.doc_type == "act" else "bill"
    document = sub(root, kind, name=slug(doc.frbr.name or kind), contains="originalVersion"
                   if doc.frbr.version in ("", "1") else "singleVersion")
    _meta(document, doc.frbr, doc.parties, doc.events)
    _preface(document, doc.title, doc.number_label)
    body = sub(document, "body")
    for node in doc.body:
        _node(body, node, doc.frbr.lang)
    if not len(body):
        sub(sub(sub(body, "article", eId="art_1"), "content"), "p")
    return root


ACTION_WORDS = {
    "replace": "Replace the wording of {target} with:",
    "insert_after": "After {target}, insert:",
    "delete": "Delete {target}.",
}


def build_amendment_document(doc: AmendmentDoc) -> etree._Element:
    """``<akomaNtoso><amendment>``: the proposed wording, quoted, and a reference to the provision it targets."""
    root = etree.Element(q("akomaNtoso"), nsmap=NSMAP)
    document = sub(root, "amendment", name="amendment")
    _meta(document, doc.frbr, doc.parties)
    _preface(document, doc.title, doc.number)
    body = sub(document, "amendmentBody")
    sub(sub(body, "amendmentHeading"), "p", doc.title)
    content = sub(body, "amendmentContent")
    paragraph = sub(content, "p")
    mod = sub(paragraph, "mod", eId="mod_1")
    before, _, after = (doc.action_words or ACTION_WORDS[doc.action]).partition("{target}")
    mod.text = before
    ref = sub(mod, "ref", doc.target_label or doc.target_eid, eId="mod_1__ref_1",
              href=f"{doc.target_uri}/!main#{doc.target_eid}")
    ref.tail = after
    if doc.action != "delete":
        quoted = sub(mod, "quotedStructure", eId="mod_1__qstr_1", startQuote="«", endQuote="»")
        new_eid = doc.new_eid if doc.action == "insert_after" and doc.new_eid else doc.target_eid
        _node(quoted, {"eId": new_eid, "type": doc.node_type, "num": doc.new_num if doc.action == "insert_after"
                       else "", "text": doc.wording}, doc.frbr.lang, eid=f"mod_1__qstr_1__{new_eid}")
    reference = sub(body, "amendmentReference")
    sub(sub(reference, "p"), "ref", doc.target_label or doc.target_eid, eId="amref_1",
        href=f"{doc.target_uri}/!main#{doc.target_eid}")
    if doc.justification or doc.recommendation or doc.outcome:
        justification = sub(body, "amendmentJustification")
        for line in (doc.justification, doc.recommendation, doc.outcome):
            if line:
                sub(justification, "p", line)
    return root


def build_debate_document(doc: DebateDoc) -> etree._Element:
    """``<akomaNtoso><debate>``: one debate section per agenda item, votes as summaries."""
    root = etree.Element(q("akomaNtoso"), nsmap=NSMAP)
    document = sub(root, "debate", name="sitting")
    _meta(document, doc.frbr, doc.parties)
    preface = sub(document, "preface")
    sub(sub(preface, "p", class_="title"), "docTitle", doc.title)
    when = sub(preface, "p", class_="date")
    sub(when, "docDate", doc.start.strftime("%Y-%m-%d %H:%M"), date=doc.start.date().isoformat())
    if doc.place:
        sub(preface, "p", doc.place, class_="place")
    body = sub(document, "debateBody")
    items = doc.items or [DebateItem(title=doc.title)]
    for index, item in enumerate(items, start=1):
        section = sub(body, "debateSection", eId=f"dbsect_{index}", name="agendaItem")
        sub(section, "num", str(index))
        sub(section, "heading", item.title)
        lines = [("narrative", text) for text in item.narrative] + [("summary", text) for text in item.votes]
        if not lines:
            lines = [("narrative", item.title)]
        for position, (tag, text) in enumerate(lines, start=1):
            sub(section, tag, text, eId=f"dbsect_{index}__{tag}_{position}")
    return root


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- validating and reading -------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> etree.XMLSchema:
    """The official AKN 3.0 schema (it imports xml.xsd from the same folder)."""
    location = Path(path) if path else SCHEMA_PATH
    if not location.exists():
        raise AknError(f"The Akoma Ntoso schema is not available at {location}.")
    return etree.XMLSchema(etree.parse(str(location)))


def _parse(xml_bytes: bytes) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True, huge_tree=False)
    try:
        return etree.ElementTree(etree.fromstring(xml_bytes, parser))
    except etree.XMLSyntaxError as error:
        raise AknError(f"Line {error.lineno}: not well-formed XML: {error.msg}") from error


def validate(document, *, schema: etree.XMLSchema | None = None) -> None:
    """Raise AknError with the first problem (line and reason) unless ``document`` (bytes or element) is valid."""
    tree = _parse(document) if isinstance(document, bytes | str) else document
    schema = schema or load_schema()
    if not schema.validate(tree):
        error = schema.error_log.filter_from_errors()[0] if schema.error_log.filter_from_errors() else None
        if error is None:
            raise AknError("The document is not valid Akoma Ntoso 3.0.")
        raise AknError(f"Line {error.line}: not valid Akoma Ntoso 3.0: {error.message}")


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _read_node(element, lang: str) -> dict:
    kind = etree.QName(element).localname
    node = {"eId": element.get("eId", ""), "type": kind, "num": "", "heading": {}, "text": {}, "children": []}
    for child in element:
        name = etree.QName(child).localname
        if name == "num":
            node["num"] = _words(child)
        elif name == "heading":
            if _words(child):
                node["heading"] = {lang: _words(child)}
        elif name in ("content", "intro"):
            text = "\n".join(_words(p) for p in child if _words(p))
            if text:
                node["text"] = {lang: text}
        elif name in HIERARCHY:
            node["children"].append(_read_node(child, lang))
    return node


def akn_import_bill(xml_bytes: bytes, *, schema: etree.XMLSchema | None = None, check_schema: bool = True) -> dict:
    """Read an Akoma Ntoso 3.0 bill (or act) into plain data: identity, title, language and body tree.

    The document is validated against the official schema when it is available (``check_schema``); problems are
    raised as AknError with the line number and the reason.
    """
    tree = _parse(xml_bytes)
    root = tree.getroot()
    if root.tag != q("akomaNtoso"):
        raise AknError(f"Line {root.sourceline}: the root element is {etree.QName(root).localname!r} in "
                       f"namespace {etree.QName(root).namespace!r}; expected akomaNtoso in {AKN_NS}.")
    if check_schema and (schema is not None or SCHEMA_PATH.exists()):
        validate(tree, schema=schema)
    document = root[0] if len(root) else None
    if document is None or etree.QName(document).localname not in ("bill", "act"):
        found = etree.QName(document).localname if document is not None else "nothing"
        raise AknError(f"Line {getattr(document, 'sourceline', root.sourceline)}: expected a bill or an act, "
                       f"found {found}.")
    ns = {"a": AKN_NS}

    def value(path: str, attr: str = "value") -> str:
        found = document.find(path, ns)
        return found.get(attr, "") if found is not None else ""

    lang3 = value("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", "language")
    lang = LANG2.get(lang3, lang3)
    body = document.find("a:body", ns)
    return {
        "doc_type": etree.QName(document).localname,
        "name": document.get("name", ""),
        "work_uri": value("a:meta/a:identification/a:FRBRWork/a:FRBRuri"),
        "expression_uri": value("a:meta/a:identification/a:FRBRExpression/a:FRBRuri"),
        "number": value("a:meta/a:identification/a:FRBRWork/a:FRBRnumber"),
        "work_date": value("a:meta/a:identification/a:FRBRWork/a:FRBRdate", "date"),
        "date": value("a:meta/a:identification/a:FRBRExpression/a:FRBRdate", "date"),
        "version": value("a:meta/a:identification/a:FRBRExpression/a:FRBRversionNumber"),
        "lang": lang,
        "title": _words(document.find(".//a:preface//a:docTitle", ns)),
        "number_label": _words(document.find(".//a:preface//a:docNumber", ns)),
        "body": [_read_node(child, lang) for child in body if etree.QName(child).localname in HIERARCHY],
    }


def body_in_language(body: list[dict], lang: str) -> list[dict]:
    """The tree as it reads in one language (what an export in that language carries)."""
    def project(node):
        heading, text = _text(node.get("heading"), lang), _text(node.get("text"), lang)
        return {"eId": node.get("eId", ""), "type": node.get("type") if node.get("type") in HIERARCHY
                else "paragraph", "num": str(node.get("num") or ""), "heading": {lang: heading} if heading else {},
                "text": {lang: text} if text else {}, "children": [project(c) for c in node.get("children") or []]}
    return [project(node) for node in body]


# --- Django adapter ---------------------------------------------------------------------------------------------

def override(lang: str):
    """Django's translation.override, imported late so that the builders above need no Django."""
    from django.utils import translation
    return translation.override(lang)


def pick_language(available: list[str], requested: str | None) -> str:
    """``requested`` if the text has it, else Kazakh, else the first language with text."""
    if requested and requested in LANG3 and (requested in available or not available):
        return requested
    if DEFAULT_LANG in available or not available:
        return DEFAULT_LANG
    return available[0]


def version_languages(version) -> list[str]:
    from hemicycle.legislation.texts import languages_of
    return list(version.languages or []) or languages_of(version.body or [])


def is_act(version) -> bool:
    """A version is an act when its stage (or, for the bill's latest version, the bill's stage) is adopted or
    later on the way to law."""
    stage = version.stage
    if stage is not None and (stage.code in ACT_STAGES or stage.outcome == "law"):
        return True
    latest = version.bill.versions.order_by("-number").values_list("pk", flat=True).first()
    return latest == version.pk and (version.bill.stage.code in ACT_STAGES or version.bill.stage.outcome == "law")


def _translated(obj, name: str, lang: str) -> str:
    return getattr(obj, f"{name}_{lang}", None) or getattr(obj, name, "") or ""


def _org_party(org, lang: str, eid: str) -> Party:
    return Party("organization", eid, f"/ontology/organization/{slug(org.public_id)}", _translated(org, "name", lang))


def _person_party(person, lang: str) -> Party:
    return Party("person", f"person_{slug(person.public_uuid)}", f"/ontology/person/{slug(person.public_id)}",
                 _translated(person, "name", lang))


def bill_frbr(bill, *, doc_type: str, date: datetime.date, lang: str, version: str = "") -> Frbr:
    return Frbr(doc_type=doc_type, year=str(bill.introduced_on.year), number=bill.number,
                work_date=bill.introduced_on, date=date, lang=lang, version=version,
                name=slug(bill.short_title or bill.number))


def version_document(version, lang: str | None = None) -> etree._Element:
    """The AKN document of a bill version in one language (``<act>`` once adopted)."""
    bill = version.bill
    lang = pick_language(version_languages(version), lang)
    parties = [_org_party(bill.parliament, lang, "parliament")]
    if bill.committee_id:
        parties.append(_org_party(bill.committee, lang, "committee"))
    parties += [_person_party(p, lang) for p in bill.sponsors.all()]
    if bill.sponsors.exists():
        parties.append(Party("role", "sponsor", "/ontology/role/sponsor", "sponsor"))
    events = []
    for change in bill.stage_changes.select_related("stage").filter(entered_on__lte=version.created_on):
        eid = f"stage_{slug(change.stage.code).replace('-', '_')}"
        parties.append(Party("event", eid, f"/ontology/event/{COUNTRY}/{slug(change.stage.code)}",
                             _translated(change.stage, "name", lang)))
        events.append(LifeEvent(change.entered_on, eid, "generation" if not events else "amendment"))
    doc_type = "act" if is_act(version) else "bill"
    frbr = bill_frbr(bill, doc_type=doc_type, date=version.created_on, lang=lang, version=str(version.number))
    return build_text_document(TextDoc(frbr=frbr, title=_translated(bill, "title", lang), number_label=bill.number,
                                       body=version.body or [], parties=parties, events=events))


def amendment_document(amendment, lang: str | None = None) -> etree._Element:
    from hemicycle.legislation.texts import find_node
    version = amendment.version
    bill = amendment.bill
    available = [k for k, v in (amendment.wording or {}).items() if v] or version_languages(version)
    lang = pick_language(available, lang)
    target_frbr = bill_frbr(bill, doc_type="bill", date=version.created_on, lang=lang)
    found = find_node(version.body or [], amendment.target_eid)
    target = found[0][found[1]] if found else {}
    label = " ".join(part for part in (str(target.get("type", "")).capitalize(), str(target.get("num", ""))) if part)
    parties = [_org_party(bill.parliament, lang, "parliament")]
    movers = list(amendment.movers.all())
    parties += [_person_party(p, lang) for p in movers]
    if movers:
        parties.append(Party("role", "mover", "/ontology/role/mover", "mover"))
    if amendment.committee_id:
        parties.append(_org_party(amendment.committee, lang, "committee"))
    frbr = Frbr(doc_type="amendment", year=str(bill.introduced_on.year), number=f"{bill.number}-{amendment.number}",
                work_date=amendment.created_at.date(), date=amendment.created_at.date(), lang=lang,
                name=f"amendment-{slug(amendment.number)}")
    title = f"{bill.number} / {amendment.number}"
    from django.utils.translation import gettext
    with override(lang):
        words = {"replace": gettext("Replace the wording of {target} with:"),
                 "insert_after": gettext("After {target}, insert:"), "delete": gettext("Delete {target}.")}
        recommendation = (gettext("Committee recommendation: %(value)s") % {
            "value": amendment.get_recommendation_display()} if amendment.recommendation else "")
        outcome = gettext("Outcome: %(value)s") % {"value": amendment.get_status_display()}
    return build_amendment_document(AmendmentDoc(
        frbr=frbr, title=title, number=amendment.number, action=amendment.action, target_eid=amendment.target_eid,
        target_label=label or amendment.target_eid, target_uri=target_frbr.expression_uri,
        new_eid=amendment.new_eid, new_num=amendment.new_num, node_type=target.get("type", "paragraph"),
        action_words=words.get(amendment.action, ""),
        wording=_text(amendment.wording, lang), justification=_translated(amendment, "justification", lang),
        recommendation=recommendation, outcome=outcome, parties=parties))


def sitting_document(sitting, lang: str | None = None) -> etree._Element:
    lang = pick_language([], lang)
    items = []
    votes = list(sitting.vote_events.order_by("start", "pk"))
    by_bill: dict = {}
    for vote in votes:
        by_bill.setdefault(vote.bill_id, []).append(vote)

    def summary(vote) -> str:
        from django.utils.translation import gettext
        with override(lang):
            return gettext("{motion}: {result} — yes {yes}, no {no}, abstain {abstain}, absent {absent}.").format(
                motion=_translated(vote, "motion", lang), result=vote.get_result_display(), yes=vote.yes_count,
                no=vote.no_count, abstain=vote.abstain_count, absent=vote.absent_count)

    for item in sitting.agenda_items.all():
        bill_votes = by_bill.pop(item.bill_id, []) if item.bill_id else []
        narrative = [_translated(item.bill, "title", lang)] if item.bill_id else []
        items.append(DebateItem(title=_translated(item, "title", lang), narrative=narrative,
                                votes=[summary(v) for v in bill_votes]))
    for leftover in by_bill.values():
        for vote in leftover:
            items.append(DebateItem(title=_translated(vote, "motion", lang), votes=[summary(vote)]))
    start = sitting.local_start
    frbr = Frbr(doc_type="debate", year=str(start.year), number=sitting.public_uuid[:8], work_date=start.date(),
                date=start.date(), lang=lang, name=slug(sitting.kind))
    parties = [_org_party(sitting.organization, lang, "body")]
    return build_debate_document(DebateDoc(frbr=frbr, title=_translated(sitting, "title", lang),
                                           place=_translated(sitting, "place", lang), start=start, items=items,
                                           parties=parties))


def akn_url(version, request=None, *, lang: str | None = None) -> str:
    """The address of a version's Akoma Ntoso export (absolute when a request is given)."""
    from django.urls import reverse
    url = reverse("akn:version_akn", args=[version.bill.public_uuid, version.number])
    if lang:
        url += f"?lang={lang}"
    return request.build_absolute_uri(url) if request is not None else url


def akn_bill_save(*, xml_bytes: bytes, parliament, chamber, bill_type, stage, label: str = "",
                  by=None) -> tuple:
    """Create or update a bill and its version from an Akoma Ntoso bill; returns (bill, version).

    The bill is found by its number in ``parliament``; the version by its FRBR version number (a new version is
    added when none is given). Texts in the imported language are written into the version's tree, keeping
    other languages of provisions with the same eId.
    """
    from django.db import transaction

    from hemicycle.legislation.models import Bill, BillVersion
    from hemicycle.legislation.services import require_clerk

    require_clerk(by)
    data = akn_import_bill(xml_bytes)
    lang = data["lang"] or DEFAULT_LANG
    work_date = datetime.date.fromisoformat(data["work_date"][:10]) if data["work_date"] else datetime.date.today()
    date = datetime.date.fromisoformat(data["date"][:10]) if data["date"] else work_date
    number = data["number"] or data["number_label"]
    if not number:
        raise AknError("The document has no bill number (FRBRnumber or docNumber).")
    with transaction.atomic():
        bill = Bill.objects.filter(parliament=parliament, number=number).first()
        if bill is None:
            bill = Bill(parliament=parliament, number=number, chamber=chamber, bill_type=bill_type, stage=stage,
                        introduced_on=work_date, stage_entered_on=work_date)
        setattr(bill, f"title_{lang}", data["title"])
        if not bill.title:
            bill.title = data["title"]
        bill.save()
        version_number = int(data["version"]) if data["version"].isdigit() else None
        version = bill.versions.filter(number=version_number).first() if version_number else None
        if version is None:
            last = bill.versions.order_by("-number").values_list("number", flat=True).first() or 0
            version = BillVersion(bill=bill, number=version_number or last + 1, label=label or f"v{last + 1}",
                                  stage=bill.stage, created_on=date)
        version.body = _merge_language(version.body or [], data["body"], lang)
        languages = list(version.languages or [])
        if lang not in languages:
            languages.append(lang)
        version.languages = languages
        version.save()
    return bill, version


def _merge_language(existing: list[dict], imported: list[dict], lang: str) -> list[dict]:
    """The imported structure, carrying over the other languages of provisions that keep their eId."""
    from hemicycle.legislation.texts import node_index
    old = node_index(existing)

    def merge(node):
        before = old.get(node["eId"], {})
        heading = {k: v for k, v in (before.get("heading") or {}).items() if k != lang}
        text = {k: v for k, v in (before.get("text") or {}).items() if k != lang}
        heading.update(node.get("heading") or {})
        text.update(node.get("text") or {})
        return {**node, "heading": heading, "text": text, "children": [merge(c) for c in node["children"]]}
    return [merge(node) for node in imported]
