"""Bill texts and their changes: apply amendments, compare two versions, trace a phrase. Pure Python, no Django.

A text (a version's ``body``) is a list of nodes ``{"eId", "type", "num", "heading": {lang: …}, "text": {lang: …},
"children": […]}`` with Akoma Ntoso eIds (``chp_1__art_2__para_1``). ``provenance`` maps an eId to the public id
of the amendment that last gave the provision its wording; an eId whose provision was deleted keeps the public id
of the deleting amendment, so that a comparison can say who removed it.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

ACTIONS = ("replace", "insert_after", "delete")
#: Structural levels that group articles; a comparison works article by article below them.
GROUPING_TYPES = ("part", "chapter", "section")


class TextError(ValueError):
    """A text or an amendment that cannot be applied; the message says which and why."""


@dataclass(frozen=True)
class AmendmentSpec:
    """What an amendment does to a text (the plain data of an ``Amendment``)."""

    public_id: str
    action: str
    target_eid: str
    wording: dict = field(default_factory=dict)
    new_eid: str = ""
    new_num: str = ""


# --- walking a tree -------------------------------------------------------------------------------------------

def iter_nodes(body: Iterable[dict]) -> Iterator[dict]:
    """Every node of a text, depth first, in reading order."""
    for node in body:
        yield node
        yield from iter_nodes(node.get("children") or [])


def find_node(body: list[dict], eid: str) -> tuple[list[dict], int] | None:
    """The sibling list holding the node ``eid`` and its index there, or None."""
    for index, node in enumerate(body):
        if node.get("eId") == eid:
            return body, index
        found = find_node(node.get("children") or [], eid)
        if found:
            return found
    return None


def node_index(body: list[dict]) -> dict[str, dict]:
    return {node["eId"]: node for node in iter_nodes(body) if node.get("eId")}


def languages_of(body: Iterable[dict]) -> list[str]:
    """The languages that have some text or heading in a body, in first-seen order."""
    seen: list[str] = []
    for node in iter_nodes(body):
        for key in ("heading", "text"):
            for lang, value in (node.get(key) or {}).items():
                if value and lang not in seen:
                    seen.append(lang)
    return seen


# --- applying amendments --------------------------------------------------------------------------------------

def _check(amendment: AmendmentSpec) -> None:
    if amendment.action not in ACTIONS:
        raise TextError(f"Amendment {amendment.public_id}: unknown action {amendment.action!r} "
                        f"(expected one of {', '.join(ACTIONS)}).")
    if amendment.action != "delete" and not any((amendment.wording or {}).values()):
        raise TextError(f"Amendment {amendment.public_id}: no proposed wording.")
    if amendment.action == "insert_after" and not amendment.new_eid:
        raise TextError(f"Amendment {amendment.public_id}: an insertion needs the eId of the new provision.")


def apply_amendments(body: list[dict], amendments: Iterable[AmendmentSpec], *,
                     provenance: dict | None = None) -> tuple[list[dict], dict]:
    """The text as amended, and its provenance.

    Amendments apply in the order given (the order they were adopted). ``provenance`` is the provenance of
    ``body`` (kept and extended); neither input is modified. Raises TextError naming the amendment for an
    unknown target eId, an eId inserted twice, an unknown action or a missing wording.
    """
    new_body = copy.deepcopy(list(body))
    new_provenance = dict(provenance or {})
    for amendment in amendments:
        _check(amendment)
        found = find_node(new_body, amendment.target_eid)
        if found is None:
            raise TextError(f"Amendment {amendment.public_id}: there is no provision with eId "
                            f"{amendment.target_eid!r} in this text.")
        siblings, index = found
        target = siblings[index]
        if amendment.action == "replace":
            text = dict(target.get("text") or {})
            text.update({lang: value for lang, value in amendment.wording.items() if value})
            target["text"] = text
            new_provenance[target["eId"]] = amendment.public_id
        elif amendment.action == "insert_after":
            if find_node(new_body, amendment.new_eid) is not None:
                raise TextError(f"Amendment {amendment.public_id}: a provision with eId {amendment.new_eid!r} "
                                f"already exists.")
            siblings.insert(index + 1, {
                "eId": amendment.new_eid, "type": target.get("type", "paragraph"), "num": amendment.new_num,
                "heading": {}, "text": {lang: value for lang, value in amendment.wording.items() if value},
                "children": [],
            })
            new_provenance[amendment.new_eid] = amendment.public_id
        else:
            removed = siblings.pop(index)
            for node in iter_nodes([removed]):
                new_provenance[node["eId"]] = amendment.public_id
    return new_body, new_provenance


# --- comparing two versions -----------------------------------------------------------------------------------

# A word carries the spaces after it, so that a lone space never anchors a match between two rewordings.
TOKEN = re.compile(r"\w+[^\S\n]*|[^\w\s][^\S\n]*|\s+", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    """A run of words in a word-level difference: ``op`` is equal, insert or delete."""

    op: str
    text: str


@dataclass
class ProvisionChange:
    """One article (or ungrouped provision) that differs between two versions."""

    kind: str  # added | removed | changed
    eid: str
    type: str
    num: str
    old_heading: str = ""
    new_heading: str = ""
    old_text: str = ""
    new_text: str = ""
    segments: list[Segment] = field(default_factory=list)
    amendment_ids: list[str] = field(default_factory=list)
    changed_eids: list[str] = field(default_factory=list)

    @property
    def amendment_id(self) -> str:
        """The amendment that made the change (the first, where several changed one article)."""
        return self.amendment_ids[0] if self.amendment_ids else ""

    @property
    def heading_changed(self) -> bool:
        return self.old_heading != self.new_heading

    @property
    def lines(self) -> list[list[Segment]]:
        """The segments split at line breaks (one line per paragraph of the article)."""
        lines: list[list[Segment]] = [[]]
        for segment in self.segments:
            parts = segment.text.split("\n")
            for position, part in enumerate(parts):
                if position:
                    lines.append([])
                if part:
                    lines[-1].append(Segment(segment.op, part))
        return [line for line in lines if line]


def word_diff(old: str, new: str) -> list[Segment]:
    """A word-level difference between two texts (whitespace and punctuation are tokens of their own)."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    segments: list[Segment] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            if i2 > i1:
                add("delete", a[i1:i2])
            if j2 > j1:
                add("insert", b[j1:j2])
    return segments


def _units(body: list[dict]) -> list[dict]:
    """The nodes compared as wholes: articles, and provisions that stand outside any article."""
    units: list[dict] = []

    def walk(nodes):
        for node in nodes:
            if node.get("type") in GROUPING_TYPES and node.get("children"):
                walk(node["children"])
            else:
                units.append(node)
    walk(body)
    return units


def _value(mapping: dict | None, lang: str) -> str:
    return ((mapping or {}).get(lang) or "").strip()


def _unit_text(node: dict, lang: str) -> str:
    """An article's words in one language: its own text, then each paragraph on a line, numbered."""
    lines = []
    own = _value(node.get("text"), lang)
    if own:
        lines.append(own)
    for child in iter_nodes(node.get("children") or []):
        text = _value(child.get("text"), lang)
        heading = _value(child.get("heading"), lang)
        words = " ".join(part for part in (heading, text) if part)
        if words or child.get("num"):
            lines.append(f"{child['num']}. {words}".strip() if child.get("num") else words)
    return "\n".join(lines)


def _node_words(node: dict, lang: str) -> tuple[str, str]:
    return _value(node.get("heading"), lang), _value(node.get("text"), lang)


def diff_versions(old_body: list[dict], new_body: list[dict], *, new_provenance: dict | None = None,
                  lang: str) -> list[ProvisionChange]:
    """What changed, article by article, from ``old_body`` to ``new_body`` in language ``lang``.

    Unchanged articles are skipped. Each change carries a word-level difference and the public ids of the
    amendments (from ``new_provenance``) that changed, inserted or deleted its provisions.
    """
    provenance = new_provenance or {}
    old_units = {node["eId"]: node for node in _units(old_body)}
    new_units = {node["eId"]: node for node in _units(new_body)}
    new_nodes = node_index(new_body)

    # Reading order: the new text's, with a removed article placed after the article it followed.
    order: list[str] = list(new_units)
    previous = None
    for eid in old_units:
        if eid not in new_units:
            position = order.index(previous) + 1 if previous in order else 0
            order.insert(position, eid)
        previous = eid

    changes = []
    for eid in order:
        old, new = old_units.get(eid), new_units.get(eid)
        if old is None or new is None:
            node = new or old
            subtree = [n["eId"] for n in iter_nodes([node])]
            ids = _unique(provenance.get(e) for e in subtree)
            text = _unit_text(node, lang)
            heading = _value(node.get("heading"), lang)
            changes.append(ProvisionChange(
                kind="added" if old is None else "removed", eid=eid, type=node.get("type", ""),
                num=node.get("num", ""), old_heading="" if new else heading, new_heading=heading if new else "",
                old_text="" if new else text, new_text=text if new else "",
                segments=word_diff("" if new else text, text if new else ""), amendment_ids=ids,
                changed_eids=subtree))
            continue
        old_text, new_text = _unit_text(old, lang), _unit_text(new, lang)
        old_heading, new_heading = _value(old.get("heading"), lang), _value(new.get("heading"), lang)
        if old_text == new_text and old_heading == new_heading:
            continue
        old_sub = {n["eId"]: n for n in iter_nodes([old])}
        new_sub = {n["eId"]: n for n in iter_nodes([new])}
        changed = [e for e in new_sub
                   if e not in old_sub or _node_words(old_sub[e], lang) != _node_words(new_sub[e], lang)]
        # A provision deleted from this article (and not moved elsewhere) counts too.
        changed += [e for e in old_sub if e not in new_sub and e not in new_nodes]
        ids = _unique(provenance.get(e) for e in changed)
        changes.append(ProvisionChange(
            kind="changed", eid=eid, type=new.get("type", ""), num=new.get("num", ""), old_heading=old_heading,
            new_heading=new_heading, old_text=old_text, new_text=new_text, segments=word_diff(old_text, new_text),
            amendment_ids=ids, changed_eids=changed))
    return changes


def _unique(values) -> list[str]:
    result: list[str] = []
    for value in values:
        if value and value not in result:
            result.append(value)
    return result


# --- the history of a phrase ----------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Case-insensitive, whitespace-normalised form of a wording, for matching."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class PhraseEvent:
    """The phrase entered (``entered``) or left (``removed``) the bill in a version."""

    kind: str
    version: int
    label: str
    eid: str
    num: str
    amendment_id: str = ""
    type: str = ""


@dataclass
class PhraseHistory:
    phrase: str
    lang: str
    events: list[PhraseEvent] = field(default_factory=list)
    #: (version number, eIds where the phrase stands) for each version that contains it.
    occurrences: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.events)

    @property
    def first(self) -> PhraseEvent | None:
        """When and where the wording first entered the bill."""
        return next((e for e in self.events if e.kind == "entered"), None)

    @property
    def removed(self) -> PhraseEvent | None:
        """When the wording left the bill, if it is not in the last version."""
        if self.events and self.events[-1].kind == "removed":
            return self.events[-1]
        return None

    @property
    def was_removed(self) -> bool:
        return self.removed is not None


def _where(body: list[dict], needle: str, lang: str) -> list[dict]:
    return [node for node in iter_nodes(body)
            if needle in normalise(_value(node.get("text"), lang))
            or needle in normalise(_value(node.get("heading"), lang))]


def phrase_history(versions: list[tuple[int, str, list[dict], dict]], phrase: str, lang: str) -> PhraseHistory:
    """When a wording entered the bill, in which provision, through which amendment; and whether it left.

    ``versions`` are (number, label, body, provenance) in order. Matching ignores case and runs of whitespace.
    """
    needle = normalise(phrase)
    history = PhraseHistory(phrase=phrase, lang=lang)
    if not needle:
        return history
    present: list[dict] = []
    for number, label, body, provenance in versions:
        nodes = _where(body, needle, lang)
        if nodes:
            history.occurrences.append((number, [n["eId"] for n in nodes]))
        if nodes and not present:
            node = nodes[0]
            history.events.append(PhraseEvent("entered", number, label, node["eId"], node.get("num", ""),
                                              (provenance or {}).get(node["eId"], ""), node.get("type", "")))
        elif present and not nodes:
            node = present[0]
            history.events.append(PhraseEvent("removed", number, label, node["eId"], node.get("num", ""),
                                              (provenance or {}).get(node["eId"], ""), node.get("type", "")))
        present = nodes
    return history
