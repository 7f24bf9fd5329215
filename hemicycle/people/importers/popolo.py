"""Import a Popolo document (an EveryPolitician export, or our own export) into the registry.

One call, one transaction. The whole document is read and checked first, without touching the database:
structure and types, required fields, Popolo partial dates, lengths our columns can hold, and that every reference
(``person_id``, ``organization_id``, ``on_behalf_of_id``, ``area_id``, ``legislative_period_id``, ``post_id``,
``parent_id``) names a record of the document. The first problem is refused as a ``PopoloImportError`` naming its
JSON path (``$.memberships[12].person_id``) and the reason, so a bad file writes nothing.

Identity. A record's public id is derived from the source name and the record's id in the document
(``derived_public_id``), so the same file gives the same public ids on every import and every machine. Persons,
organizations, areas and events also keep an identifier ``popolo:<source>`` holding the source id, so that a record
someone linked to the source by hand is found as well. Ids that already are our public ids (``ocd-person/<uuid>``,
as our own export writes them) are used as they are. EveryPolitician memberships have no id: theirs is made of the
person, organization, post, legislative period, role and start date.

What the document says wins, what it leaves out is left alone: a key missing from a record (``gender``,
``other_names``, …) keeps our value, a key that is present (even empty or null) sets it. Other names in one of our
languages (kk ru en fr nl de) without an end date fill the translated name fields; the plain ``name`` is the name in
the default language (English). Images beyond the main one are kept as links with the note "image".

Re-importing an unchanged file changes nothing: values are compared field by field, and only records that really
changed are written (and get a new ``updated_at`` and a history row).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from hemicycle.core.dates import validate_partial_date
from hemicycle.core.ids import derived_public_id
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

#: The kinds of record, in the order they are written (a kind only refers to kinds written before it).
WRITE_ORDER = ("areas", "organizations", "successions", "events", "posts", "persons", "memberships")
#: The kinds of record, in the order a report lists them.
REPORT_ORDER = ("persons", "organizations", "memberships", "posts", "areas", "events", "successions")

MODELS = {
    "areas": Area, "organizations": Organization, "events": Event, "posts": Post, "persons": Person,
    "memberships": Membership,
}
SINGULAR = {
    "areas": "area", "organizations": "organization", "events": "event", "posts": "post", "persons": "person",
    "memberships": "membership",
}
#: The repeated parts each kind can hold (what its model has a generic relation for).
DESCRIBED_PARTS = ("other_names", "identifiers", "contact_details", "links", "images", "sources")
PARTS = {
    "areas": DESCRIBED_PARTS, "organizations": DESCRIBED_PARTS, "events": DESCRIBED_PARTS,
    "persons": DESCRIBED_PARTS, "posts": ("contact_details", "links", "sources"),
    "memberships": ("contact_details", "links", "sources"),
}
PART_MODELS = {
    "other_names": OtherName, "identifiers": Identifier, "contact_details": ContactDetail, "links": Link,
    "images": Link, "sources": Link,
}
#: The note that marks a link as one of a record's further images.
IMAGE_NOTE = "image"
#: Keys every record may carry that an import does not keep, without saying so.
QUIETLY_IGNORED = {"id", "created_at", "updated_at", "@type"}

#: How EveryPolitician's and other publishers' organization classifications map onto ours.
CLASSIFICATIONS = {
    "legislature": Organization.Classification.CHAMBER,
    "lower house": Organization.Classification.CHAMBER,
    "upper house": Organization.Classification.CHAMBER,
    "house": Organization.Classification.CHAMBER,
    "chamber": Organization.Classification.CHAMBER,
    "assembly": Organization.Classification.CHAMBER,
    "parliament": Organization.Classification.PARLIAMENT,
    "party": Organization.Classification.PARTY,
    "political party": Organization.Classification.PARTY,
    "committee": Organization.Classification.COMMITTEE,
    "subcommittee": Organization.Classification.COMMITTEE,
    "political group": Organization.Classification.POLITICAL_GROUP,
    "parliamentary group": Organization.Classification.POLITICAL_GROUP,
    "faction": Organization.Classification.POLITICAL_GROUP,
    "friendship group": Organization.Classification.FRIENDSHIP_GROUP,
    "delegation": Organization.Classification.DELEGATION,
    "executive": Organization.Classification.GOVERNMENT_BODY,
    "government": Organization.Classification.GOVERNMENT_BODY,
    "cabinet": Organization.Classification.GOVERNMENT_BODY,
    "ministry": Organization.Classification.GOVERNMENT_BODY,
    "embassy": Organization.Classification.EMBASSY,
    "international assembly": Organization.Classification.INTERNATIONAL_ASSEMBLY,
}
# Our own values (as our export writes them) map onto themselves.
CLASSIFICATIONS.update({value.replace("_", " "): value for value in Organization.Classification.values})

_OWN_ID = re.compile(r"^ocd-(?P<kind>[a-z]+)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CHUNK = 500


class PopoloImportError(Exception):
    """The document cannot be imported: ``path`` (a JSON path such as ``$.persons[3].name``) says where, ``reason``
    why."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    """What an import did: per kind of record, how many were created, updated or left unchanged."""

    source: str
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in REPORT_ORDER})
    notes: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())


@dataclass
class _Record:
    """One record of the document, checked and put in our terms."""

    kind: str
    path: str
    source_id: str = ""
    public_id: str = ""
    #: Column name -> value; translated columns are spelled out (``name_en``).
    fields: dict = field(default_factory=dict)
    #: Foreign key name (``parent``) -> (kind, source id or None), with the JSON path of the reference.
    refs: dict = field(default_factory=dict)
    #: Part name (``other_names``) -> list of value tuples; only the parts the document carries.
    parts: dict = field(default_factory=dict)
    #: For organizations: the successions the document gives (successor source id, date, note, path).
    successions: list | None = None


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, str):
        return _("a string")
    return _("a number")


def _translated_fields(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).fields)
    except Exception:  # not registered for translation
        return set()


def _is_partial_date(value: str) -> bool:
    try:
        validate_partial_date(value)
    except ValidationError:
        return False
    return True


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Reader:
    """Reads and checks a whole document into ``_Record`` lists, without touching the database."""

    def __init__(self, data, source: str):
        self.source = source
        self.default_language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        self.languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
        self.notes: Counter = Counter()
        self.records: dict[str, list[_Record]] = {kind: [] for kind in MODELS}
        if not isinstance(data, dict):
            self.fail("$", _("expected a Popolo document (an object), got %(type)s") % {"type": _json_type(data)})
        self.data = data

    # -- basics ----------------------------------------------------------------------------------------------

    def fail(self, path: str, reason: str):
        raise PopoloImportError(path, reason)

    def note(self, message: str) -> None:
        self.notes[message] += 1

    def items(self, container: dict, key: str, path: str) -> list[tuple[str, dict]]:
        """The objects of array ``key`` (absent or null: none), each with its path."""
        value = container.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", _("expected an array, got %(type)s") % {"type": _json_type(value)})
        out = []
        for index, item in enumerate(value):
            item_path = f"{path}.{key}[{index}]"
            if not isinstance(item, dict):
                self.fail(item_path, _("expected an object, got %(type)s") % {"type": _json_type(item)})
            out.append((item_path, item))
        return out

    def string(self, item: dict, key: str, path: str, *, max_length: int | None = None,
               required: bool = False) -> str | None:
        """The text at ``key``: None when absent, "" when null; refused when of another type or too long."""
        if key not in item:
            if required:
                self.fail(f"{path}.{key}", _("required, but missing"))
            return None
        value = item[key]
        if value is None:
            value = ""
        if isinstance(value, int) and not isinstance(value, bool) and key.endswith("id"):
            value = str(value)  # ids are strings in Popolo, but numbers are a common slip
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", _("expected a string, got %(type)s") % {"type": _json_type(value)})
        value = value.strip()
        if required and not value:
            self.fail(f"{path}.{key}", _("required, but empty"))
        if max_length is not None and len(value) > max_length:
            self.fail(f"{path}.{key}", _("longer than %(n)d characters") % {"n": max_length})
        return value

    def date(self, item: dict, key: str, path: str) -> str | None:
        value = self.string(item, key, path)
        if value and not _is_partial_date(value):
            self.fail(f"{path}.{key}", _("%(value)r is not a date as YYYY, YYYY-MM or YYYY-MM-DD") % {"value": value})
        return value

    # -- record fields ---------------------------------------------------------------------------------------

    def new_record(self, kind: str, item: dict, path: str, *, id_required: bool = True) -> _Record:
        record = _Record(kind=kind, path=path)
        source_id = self.string(item, "id", path, max_length=300, required=id_required)
        record.source_id = source_id or ""
        return record

    def text(self, record: _Record, item: dict, key: str, column: str | None = None, *,
             required: bool = False) -> None:
        """Copy text ``key`` into ``column`` (its default-language column when the field is translated)."""
        column = column or key
        model = MODELS[record.kind]
        value = self.string(item, key, record.path, max_length=model._meta.get_field(column).max_length,
                            required=required)
        if value is None:
            return
        if column in _translated_fields(model):
            column = f"{column}_{self.default_language}"
        record.fields[column] = value

    def dates(self, record: _Record, item: dict, *keys: str) -> None:
        for key in keys:
            value = self.date(item, key, record.path)
            if value is not None:
                record.fields[key] = value

    def ref(self, record: _Record, item: dict, key: str, target_kind: str, name: str, *,
            required: bool = False) -> None:
        value = self.string(item, key, record.path, required=required)
        if value is not None:
            record.refs[name] = (target_kind, value or None, f"{record.path}.{key}")

    def parts(self, record: _Record, item: dict) -> None:
        """Other names, identifiers, contact details, links, images and sources, where the kind has them."""
        path = record.path
        allowed = PARTS[record.kind]
        for key in ("other_names", "identifiers", "contact_details", "links", "images", "sources"):
            if key not in item:
                continue
            if key not in allowed:
                self.note(_("%(kind)s: %(key)s are not kept") % {"kind": record.kind, "key": key})
                continue
            rows = []
            for row_path, row in self.items(item, key, path):
                rows.append(getattr(self, f"part_{key}")(row, row_path))
            if key == "images":
                # The main image is the record's own field; only further images become links.
                main = item.get("image")
                rows = [row for row in rows if row[0] != main]
            if key == "identifiers":
                rows = list(dict.fromkeys(rows))  # an identifier said twice is one identifier
            record.parts[key] = rows
        if "other_names" in record.parts:
            self.translated_names(record)

    def part_other_names(self, row: dict, path: str) -> tuple:
        self.unknown_keys("other_names", row, {"name", "lang", "note", "start_date", "end_date"})
        return (
            self.string(row, "name", path, max_length=300, required=True),
            self.string(row, "lang", path, max_length=20) or "",
            self.string(row, "note", path, max_length=200) or "",
            self.date(row, "start_date", path) or "",
            self.date(row, "end_date", path) or "",
        )

    def part_identifiers(self, row: dict, path: str) -> tuple:
        self.unknown_keys("identifiers", row, {"identifier", "scheme"})
        return (
            self.string(row, "scheme", path, max_length=80) or "",
            self.string(row, "identifier", path, max_length=300, required=True),
        )

    def part_contact_details(self, row: dict, path: str) -> tuple:
        self.unknown_keys("contact_details", row, {"type", "label", "value", "note"})
        return (
            self.string(row, "type", path, max_length=40, required=True),
            self.string(row, "label", path, max_length=200) or "",
            self.string(row, "value", path, max_length=500, required=True),
            self.string(row, "note", path, max_length=200) or "",
        )

    def part_links(self, row: dict, path: str) -> tuple:
        self.unknown_keys("links", row, {"url", "note"})
        return (
            self.string(row, "url", path, max_length=1000, required=True),
            self.string(row, "note", path, max_length=200) or "",
        )

    def part_sources(self, row: dict, path: str) -> tuple:
        return self.part_links(row, path)

    def part_images(self, row: dict, path: str) -> tuple:
        return (self.string(row, "url", path, max_length=1000, required=True), IMAGE_NOTE)

    def translated_names(self, record: _Record) -> None:
        """The first current other name in each of our languages fills that language's name column."""
        column = "label" if record.kind == "posts" else "name"
        for name, lang, _note, _start, end in record.parts["other_names"]:
            lang = lang.lower()
            if end or lang not in self.languages or lang == self.default_language:
                continue
            record.fields.setdefault(f"{column}_{lang}", name)

    def unknown_keys(self, kind: str, item: dict, known: set[str]) -> None:
        for key in item.keys() - known - QUIETLY_IGNORED:
            self.note(_("%(kind)s: %(key)r is not kept") % {"kind": kind, "key": key})

    # -- kinds -----------------------------------------------------------------------------------------------

    def read(self) -> dict[str, list[_Record]]:
        for key in self.data.keys() - {"persons", "organizations", "memberships", "posts", "areas", "events", "meta"}:
            self.note(_("the document's %(key)r is not kept") % {"key": key})
        for kind in ("areas", "organizations", "events", "posts", "persons", "memberships"):
            reader = getattr(self, f"read_{kind}")
            for path, item in self.items(self.data, kind, "$"):
                record = reader(item, path)
                if record is not None:
                    self.records[kind].append(record)
        self.check_unique_ids()
        self.name_memberships()
        self.check_references()
        self.check_parent_cycles("areas")
        self.check_parent_cycles("organizations")
        return self.records

    def read_persons(self, item: dict, path: str) -> _Record:
        record = self.new_record("persons", item, path)
        self.text(record, item, "name", required=True)
        for key in ("sort_name", "given_name", "family_name", "patronymic_name", "honorific_prefix", "image",
                    "summary", "biography", "national_identity"):
            self.text(record, item, key)
        self.dates(record, item, "birth_date", "death_date")
        gender = self.string(item, "gender", path)
        if gender is not None:
            if gender.lower() in Person.Gender.values or not gender:
                record.fields["gender"] = gender.lower()
            else:
                self.note(_("persons: gender %(value)r is not one we know; left out") % {"value": gender})
        email = self.string(item, "email", path, max_length=254)
        if email is not None:
            try:
                if email:
                    validate_email(email)
                record.fields["email"] = email
            except ValidationError:
                self.note(_("persons: %(value)r is not an email address; left out") % {"value": email})
        self.parts(record, item)
        self.unknown_keys("persons", item, {
            "name", "sort_name", "given_name", "family_name", "patronymic_name", "honorific_prefix", "image",
            "summary", "biography", "national_identity", "birth_date", "death_date", "gender", "email",
            *DESCRIBED_PARTS})
        return record

    def read_organizations(self, item: dict, path: str) -> _Record:
        record = self.new_record("organizations", item, path)
        self.text(record, item, "name", required=True)
        for key in ("abstract", "description", "image"):
            self.text(record, item, key)
        self.dates(record, item, "founding_date", "dissolution_date")
        classification = self.string(item, "classification", path)
        if classification is not None:
            ours = CLASSIFICATIONS.get(classification.lower().replace("_", " ").replace("-", " "))
            if ours is None:
                ours = Organization.Classification.OTHER
                self.note(_("organizations: classification %(value)r is not one of ours; imported as %(ours)r")
                          % {"value": classification, "ours": str(ours)})
            record.fields["classification"] = str(ours)
        if "seats" in item:
            seats = item["seats"]
            if seats is not None and (not isinstance(seats, int) or isinstance(seats, bool) or seats < 0):
                self.fail(f"{path}.seats", _("expected a whole number of seats, got %(value)r") % {"value": seats})
            record.fields["seats"] = seats
        self.ref(record, item, "parent_id", "organizations", "parent")
        self.ref(record, item, "area_id", "areas", "area")
        if "succeeded_by" in item:
            record.successions = []
            for row_path, row in self.items(item, "succeeded_by", path):
                successor = self.string(row, "organization_id", row_path, required=True)
                day = self.string(row, "date", row_path, required=True)
                if len(day) != 10 or not _is_partial_date(day):
                    self.fail(f"{row_path}.date", _("%(value)r is not a day as YYYY-MM-DD") % {"value": day})
                note = self.string(row, "note", row_path) or ""
                record.successions.append((successor, day, note, f"{row_path}.organization_id"))
        self.parts(record, item)
        self.unknown_keys("organizations", item, {
            "name", "abstract", "description", "image", "founding_date", "dissolution_date", "classification",
            "seats", "parent_id", "area_id", "succeeded_by", *DESCRIBED_PARTS})
        return record

    def read_areas(self, item: dict, path: str) -> _Record:
        record = self.new_record("areas", item, path)
        self.text(record, item, "name", required=True)
        # EveryPolitician says "type" where Popolo says "classification".
        key = "classification" if "classification" in item else "type"
        self.text(record, item, key, "classification")
        self.ref(record, item, "parent_id", "areas", "parent")
        self.parts(record, item)
        identifier = self.string(item, "identifier", path, max_length=200)
        if identifier:
            if identifier.startswith("ocd-division/"):
                record.fields["division_id"] = identifier
            else:
                record.parts.setdefault("identifiers", []).append(("identifier", identifier))
        self.unknown_keys("areas", item, {"name", "classification", "type", "parent_id", "identifier",
                                          *DESCRIBED_PARTS})
        return record

    def read_events(self, item: dict, path: str) -> _Record:
        record = self.new_record("events", item, path)
        self.text(record, item, "name", required=True)
        self.text(record, item, "classification")
        self.dates(record, item, "start_date", "end_date")
        self.ref(record, item, "organization_id", "organizations", "organization")
        self.parts(record, item)
        self.unknown_keys("events", item, {"name", "classification", "start_date", "end_date", "organization_id",
                                           *DESCRIBED_PARTS})
        return record

    def read_posts(self, item: dict, path: str) -> _Record:
        record = self.new_record("posts", item, path)
        self.text(record, item, "label", required=True)
        self.text(record, item, "role")
        self.dates(record, item, "start_date", "end_date")
        self.ref(record, item, "organization_id", "organizations", "organization", required=True)
        if not record.refs["organization"][1]:
            self.fail(f"{path}.organization_id", _("required: a post belongs to an organization"))
        self.ref(record, item, "area_id", "areas", "area")
        self.parts(record, item)
        self.unknown_keys("posts", item, {"label", "role", "start_date", "end_date", "organization_id", "area_id",
                                          *PARTS["posts"]})
        return record

    def read_memberships(self, item: dict, path: str) -> _Record | None:
        record = self.new_record("memberships", item, path, id_required=False)
        member = item.get("member")
        if "person_id" not in item and isinstance(member, dict):
            if member.get("@type") == "Organization":
                self.note(_("memberships: memberships of organizations in organizations are not kept"))
                return None
            item = {**item, "person_id": member.get("id")}
        self.ref(record, item, "person_id", "persons", "person", required=True)
        self.ref(record, item, "post_id", "posts", "post")
        if "organization_id" in item or not record.refs.get("post", (None, None))[1]:
            self.ref(record, item, "organization_id", "organizations", "organization", required=True)
        for key, name in (("person_id", "person"), ("organization_id", "organization")):
            if name in record.refs and not record.refs[name][1]:
                self.fail(f"{path}.{key}", _("required, but empty"))
        self.ref(record, item, "on_behalf_of_id", "organizations", "on_behalf_of")
        self.ref(record, item, "area_id", "areas", "area")
        self.ref(record, item, "legislative_period_id", "events", "legislative_period")
        self.text(record, item, "role")
        self.text(record, item, "label")
        self.dates(record, item, "start_date", "end_date")
        self.parts(record, item)
        self.unknown_keys("memberships", item, {
            "person_id", "organization_id", "post_id", "on_behalf_of_id", "area_id", "legislative_period_id",
            "role", "label", "start_date", "end_date", "member", *PARTS["memberships"]})
        return record

    # -- the document as a whole -----------------------------------------------------------------------------

    def check_unique_ids(self) -> None:
        for records in self.records.values():
            seen: dict[str, str] = {}
            for record in records:
                if not record.source_id:
                    continue
                if record.source_id in seen:
                    self.fail(f"{record.path}.id", _("the id %(id)r is used twice (also at %(other)s)")
                              % {"id": record.source_id, "other": seen[record.source_id]})
                seen[record.source_id] = record.path

    def name_memberships(self) -> None:
        """Give memberships without an id one made of what identifies them, the same on every import."""
        post_orgs = {r.source_id: r.refs["organization"][1] for r in self.records["posts"]}
        used: Counter = Counter()
        for record in self.records["memberships"]:
            if "organization" not in record.refs:  # taken from the post
                post_id = record.refs["post"][1]
                record.refs["organization"] = ("organizations", post_orgs.get(post_id), record.refs["post"][2])
            if record.source_id:
                continue
            refs = [(record.refs.get(name) or (None, None))[1] or ""
                    for name in ("person", "organization", "post", "legislative_period")]
            key = "|".join((*refs, record.fields.get("role", ""), record.fields.get("start_date", "")))
            used[key] += 1
            record.source_id = key if used[key] == 1 else f"{key}#{used[key]}"

    def check_references(self) -> None:
        ids = {kind: {r.source_id for r in records} for kind, records in self.records.items()}
        for kind in ("areas", "organizations", "events", "posts", "persons", "memberships"):
            for record in self.records[kind]:
                for target_kind, target, path in record.refs.values():
                    if target and target not in ids[target_kind]:
                        self.fail(path, _("no %(kind)s with id %(id)r in the document")
                                  % {"kind": SINGULAR[target_kind], "id": target})
                for successor, _day, _note, path in record.successions or ():
                    if successor not in ids["organizations"]:
                        self.fail(path, _("no organization with id %(id)r in the document") % {"id": successor})
                    if successor == record.source_id:
                        self.fail(path, _("an organization cannot succeed itself"))

    def check_parent_cycles(self, kind: str) -> None:
        parents = {r.source_id: (r.refs.get("parent") or (None, None))[1] for r in self.records[kind]}
        for record in self.records[kind]:
            seen, node = {record.source_id}, parents.get(record.source_id)
            while node:
                if node in seen:
                    self.fail(record.refs["parent"][2], _("the parents make a circle"))
                seen.add(node)
                node = parents.get(node)


class _Writer:
    """Writes checked records: creates what is new, updates what changed, leaves the rest alone."""

    def __init__(self, records: dict[str, list[_Record]], source: str, report: ImportReport,
                 progress: Callable[[int, int], None] | None):
        self.records = records
        self.source = source
        self.scheme = f"popolo:{source}"
        self.report = report
        self.progress = progress
        self.total = sum(len(r) for r in records.values()) + sum(
            len(r.successions or ()) for r in records["organizations"])
        self.done = 0
        self.now = timezone.now()
        self.reason = f"Popolo import ({source})"
        self.pks: dict[str, dict[str, int]] = {kind: {} for kind in MODELS}

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)

    def write(self) -> None:
        for kind in WRITE_ORDER:
            if kind == "successions":
                self.write_successions()
            else:
                self.write_kind(kind)

    # -- finding what exists ---------------------------------------------------------------------------------

    def public_id_for(self, kind: str, source_id: str) -> str:
        public_kind = MODELS[kind].public_kind
        match = _OWN_ID.match(source_id)
        if match and match["kind"] == public_kind:
            return source_id
        return derived_public_id(public_kind, scheme=self.source, source_id=source_id)

    def find_existing(self, kind: str, records: list[_Record]) -> dict[str, object]:
        """Source id -> the record we already hold: by its ``popolo:<source>`` identifier, else its public id."""
        model = MODELS[kind]
        by_pk: dict[int, str] = {}
        if "identifiers" in PARTS[kind]:
            ct = ContentType.objects.get_for_model(model)
            for chunk in _chunks([r.source_id for r in records]):
                for object_id, identifier in Identifier.objects.filter(
                        content_type=ct, scheme=self.scheme, identifier__in=chunk).values_list("object_id",
                                                                                               "identifier"):
                    by_pk[object_id] = identifier
        found: dict[str, object] = {}
        for chunk in _chunks(list(by_pk)):
            for obj in model.objects.filter(pk__in=chunk):
                found[by_pk[obj.pk]] = obj
        by_public_id = {r.public_id: r.source_id for r in records if r.source_id not in found}
        for chunk in _chunks(list(by_public_id)):
            for obj in model.objects.filter(public_id__in=chunk):
                found.setdefault(by_public_id[obj.public_id], obj)
        return found

    # -- records ---------------------------------------------------------------------------------------------

    def values_for(self, record: _Record) -> dict:
        """The record's column values, with references turned into our primary keys."""
        values = dict(record.fields)
        for name, (target_kind, target, _path) in record.refs.items():
            values[f"{name}_id"] = self.pks[target_kind][target] if target else None
        return values

    def layers(self, records: list[_Record]) -> list[list[_Record]]:
        """Records in rounds so that a parent is always written before its children."""
        depth: dict[str, int] = {}
        parents = {r.source_id: (r.refs.get("parent") or (None, None))[1] for r in records}

        def depth_of(source_id: str) -> int:
            if source_id not in depth:
                parent = parents.get(source_id)
                depth[source_id] = depth_of(parent) + 1 if parent else 0
            return depth[source_id]

        rounds: dict[int, list[_Record]] = defaultdict(list)
        for record in records:
            rounds[depth_of(record.source_id)].append(record)
        return [rounds[d] for d in sorted(rounds)]

    def write_kind(self, kind: str) -> None:
        model = MODELS[kind]
        records = self.records[kind]
        counts = self.report.counts[kind]
        translated = _translated_fields(model)
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for record in records:
            record.public_id = self.public_id_for(kind, record.source_id)
        existing = self.find_existing(kind, records)

        created: set[str] = set()
        for layer in self.layers(records):
            new_objects = []
            for record in layer:
                if record.source_id in existing:
                    continue
                values = self.values_for(record)
                for name in translated:  # the untranslated column mirrors the default language
                    if f"{name}_{default}" in values:
                        values[name] = values[f"{name}_{default}"]
                new_objects.append(model(public_id=record.public_id, **values))
                created.add(record.source_id)
            if new_objects:
                source_of = {record.public_id: record.source_id for record in layer}
                new_objects = bulk_create_with_history(new_objects, model, default_change_reason=self.reason)
                for obj in new_objects:
                    existing[source_of[obj.public_id]] = obj
            for record in layer:
                self.pks[kind][record.source_id] = existing[record.source_id].pk

        changed_fields: dict[str, set[str]] = {}
        for record in records:
            if record.source_id in created:
                continue
            obj = existing[record.source_id]
            values = self.values_for(record)
            changed = {column for column, value in values.items() if not _same(getattr(obj, column), value)}
            for column in changed:
                setattr(obj, column, values[column])
            changed_fields[record.source_id] = changed | {
                name for name in translated if f"{name}_{default}" in changed}

        parts_changed = self.write_parts(kind, records, existing, created)

        to_update, update_fields = [], set()
        for record in records:
            if record.source_id in created:
                counts.created += 1
            elif changed_fields[record.source_id] or record.source_id in parts_changed:
                counts.updated += 1
                obj = existing[record.source_id]
                obj.updated_at = self.now
                to_update.append(obj)
                update_fields |= changed_fields[record.source_id]
            else:
                counts.unchanged += 1
        if to_update:
            bulk_update_with_history(to_update, model, sorted(update_fields | {"updated_at"}),
                                     default_change_reason=self.reason)
        self.tick(len(records))

    # -- parts -----------------------------------------------------------------------------------------------

    def write_parts(self, kind: str, records: list[_Record], existing: dict, created: set[str]) -> set[str]:
        """Make each record's other names, identifiers, … what the document says; the source ids of records whose
        parts changed (new records not counted)."""
        model = MODELS[kind]
        ct = ContentType.objects.get_for_model(model)
        parts = PARTS[kind]
        own_identifier = "identifiers" in parts
        pks = [existing[r.source_id].pk for r in records if r.source_id not in created]

        current: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # pk -> part -> [(id, tuple)]
        for part_model in {PART_MODELS[p] for p in parts}:
            for chunk in _chunks(pks):
                for row in part_model.objects.filter(content_type=ct, object_id__in=chunk):
                    part, values = _part_of(row)
                    current[row.object_id][part].append((row.pk, values))

        to_delete: dict[type, list[int]] = defaultdict(list)
        to_create: dict[type, list] = defaultdict(list)
        changed: set[str] = set()
        for record in records:
            pk = existing[record.source_id].pk
            for part in parts:
                wanted = record.parts.get(part)
                have = current[pk][part] if pk in current else []
                if part == "identifiers" and own_identifier and not _OWN_ID.match(record.source_id):
                    mine = (self.scheme, record.source_id)
                    if wanted is None:
                        wanted = [values for _pk, values in have]
                    if mine not in wanted:
                        wanted = [*wanted, mine]
                if wanted is None:
                    continue
                if sorted(values for _pk, values in have) == sorted(wanted):
                    continue
                part_model = PART_MODELS[part]
                to_delete[part_model].extend(row_pk for row_pk, _values in have)
                to_create[part_model].extend(_part_row(part, ct, pk, values) for values in wanted)
                if record.source_id not in created:
                    changed.add(record.source_id)
        for part_model, row_pks in to_delete.items():
            for chunk in _chunks(row_pks):
                part_model.objects.filter(pk__in=chunk).delete()
        for part_model, rows in to_create.items():
            bulk_create_with_history(rows, part_model, batch_size=_CHUNK, default_change_reason=self.reason)
        return changed

    # -- successions -----------------------------------------------------------------------------------------

    def write_successions(self) -> None:
        counts = self.report.counts["successions"]
        org_pks = self.pks["organizations"]
        wanted: dict[tuple[int, int], tuple[datetime.date, str]] = {}
        predecessors = []
        for record in self.records["organizations"]:
            if record.successions is None:
                continue
            predecessors.append(org_pks[record.source_id])
            for successor, day, note, _path in record.successions:
                wanted[(org_pks[record.source_id], org_pks[successor])] = (datetime.date.fromisoformat(day), note)
        if not predecessors:
            return
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        note_column = f"note_{default}"
        have = {}
        for chunk in _chunks(predecessors):
            for row in Succession.objects.filter(predecessor_id__in=chunk):
                have[(row.predecessor_id, row.successor_id)] = row
        stale = [row.pk for key, row in have.items() if key not in wanted]
        for chunk in _chunks(stale):
            Succession.objects.filter(pk__in=chunk).delete()
        new_rows, changed_rows = [], []
        for (predecessor, successor), (day, note) in wanted.items():
            row = have.get((predecessor, successor))
            if row is None:
                new_rows.append(Succession(predecessor_id=predecessor, successor_id=successor, date=day,
                                           note=note, **{note_column: note}))
            elif row.date != day or getattr(row, note_column) != note:
                row.date = day
                setattr(row, note_column, note)
                changed_rows.append(row)
            else:
                counts.unchanged += 1
        if new_rows:
            bulk_create_with_history(new_rows, Succession, default_change_reason=self.reason)
            counts.created += len(new_rows)
        if changed_rows:
            bulk_update_with_history(changed_rows, Succession, ["date", "note", note_column],
                                     default_change_reason=self.reason)
            counts.updated += len(changed_rows)
        self.tick(len(wanted))


def _same(current, wanted) -> bool:
    """Whether a stored value equals the document's; an empty translation may be stored as NULL."""
    if isinstance(wanted, str) and current is None:
        current = ""
    return current == wanted


def _part_of(row) -> tuple[str, tuple]:
    """Which part a stored row belongs to, and its values as the reader writes them."""
    if isinstance(row, OtherName):
        return "other_names", (row.name, row.lang, row.note, row.start_date, row.end_date)
    if isinstance(row, Identifier):
        return "identifiers", (row.scheme, row.identifier)
    if isinstance(row, ContactDetail):
        return "contact_details", (row.type, row.label, row.value, row.note)
    if row.is_source:
        return "sources", (row.url, row.note)
    if row.note == IMAGE_NOTE:
        return "images", (row.url, row.note)
    return "links", (row.url, row.note)


def _part_row(part: str, ct: ContentType, object_id: int, values: tuple):
    owner = {"content_type": ct, "object_id": object_id}
    if part == "other_names":
        name, lang, note, start, end = values
        return OtherName(name=name, lang=lang, note=note, start_date=start, end_date=end, **owner)
    if part == "identifiers":
        return Identifier(scheme=values[0], identifier=values[1], **owner)
    if part == "contact_details":
        return ContactDetail(type=values[0], label=values[1], value=values[2], note=values[3], **owner)
    return Link(url=values[0], note=values[1], is_source=part == "sources", **owner)


def popolo_import(*, data: dict, source: str, progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import the Popolo document ``data`` (parsed JSON) from ``source`` (a short name, e.g. "kazakhstan-mazhilis").

    Checks the whole document first and raises ``PopoloImportError`` (with the JSON path and the reason) before
    writing anything; then writes everything in one transaction. ``progress(done, total)`` is called as records
    are written. Returns what was created, updated and left unchanged, per kind of record, with notes on what the
    document holds that the registry does not keep.
    """
    source = (source or "").strip()
    if not source:
        raise PopoloImportError("$", _("the import needs a source name"))
    if len(source) > 70:
        raise PopoloImportError("$", _("the source name is longer than 70 characters"))
    reader = _Reader(data, source)
    records = reader.read()
    report = ImportReport(source=source)
    report.notes = [message if count == 1 else f"{message} (×{count})" for message, count in reader.notes.items()]
    with transaction.atomic(), translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        _Writer(records, source, report, progress).write()
    return report
