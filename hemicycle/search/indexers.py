"""What each kind of record says to search: its words per language, its page, and what the filters read.

One function per kind turns records into :class:`DocumentSpec` values (or ``None``: the record is not public and
must not be found). Rebuilding the index and indexing one saved record go through the same functions.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from hemicycle.cooperation.calendar_selectors import public_activity_q
from hemicycle.cooperation.models import Activity, PressRelease
from hemicycle.legislation.models import Bill, BillVersion
from hemicycle.legislation.texts import iter_nodes
from hemicycle.people.models import Organization, OtherName, Person

LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    object_id: int
    url_name: str
    url_args: list
    texts: dict
    stage: str = ""
    committee_id: int | None = None
    date: datetime.date | None = None
    public_from: datetime.datetime | None = None
    extra: dict = field(default_factory=dict)

    @property
    def digest(self) -> str:
        data = asdict(self)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _translations(record, *fields: str) -> dict[str, list[str]]:
    """``{language: [value of each field]}`` from the model's translated columns."""
    return {lang: [getattr(record, f"{name}_{lang}", "") or "" for name in fields] for lang in LANGUAGES}


def _texts(titles: dict[str, str], bodies: dict[str, str]) -> dict:
    """Only the languages that have something; a body alone (an untranslated title) still counts."""
    texts = {}
    for lang in LANGUAGES:
        title, body = (titles.get(lang) or "").strip(), (bodies.get(lang) or "").strip()
        if title or body:
            texts[lang] = {"title": title, "body": body}
    return texts


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _other_names(records: list, model) -> dict[int, dict[str, list[str]]]:
    """The other names of these records, by record and language (names without a language go to every one)."""
    from django.contrib.contenttypes.models import ContentType

    found: dict[int, dict[str, list[str]]] = {}
    content_type = ContentType.objects.get_for_model(model)
    names = OtherName.objects.filter(content_type=content_type, object_id__in=[r.pk for r in records])
    for other in names.only("object_id", "name", "lang"):
        lang = (other.lang or "").split("-")[0].lower()
        for code in ([lang] if lang in LANGUAGES else LANGUAGES):
            found.setdefault(other.object_id, {}).setdefault(code, []).append(other.name)
    return found


# --- the kinds ----------------------------------------------------------------------------------------------------

def bills(records: Iterable[Bill]) -> Iterator[tuple[int, DocumentSpec | None]]:
    for bill in records:
        if not bill.is_published:
            yield bill.pk, None
            continue
        titles, bodies = {}, {}
        for lang, (title, short_title, summary, initiator) in _translations(
                bill, "title", "short_title", "summary", "initiator").items():
            titles[lang] = f"{bill.number} {title}".strip() if title else ""
            bodies[lang] = _join(short_title, summary, initiator)
        yield bill.pk, DocumentSpec(
            kind="bill", object_id=bill.pk, url_name="legislation:bill", url_args=[bill.public_uuid],
            texts=_texts(titles, bodies), stage=bill.stage.code, committee_id=bill.committee_id,
            date=bill.stage_entered_on)


def _version_text(body: list[dict], lang: str) -> str:
    """The words of a version in one language, headings ended by a dash so that a snippet reads
    "General provisions — Article 1 — This Law governs…" rather than a run of numbers."""
    parts = []
    for node in iter_nodes(body):
        heading = (node.get("heading") or {}).get(lang, "")
        text = (node.get("text") or {}).get(lang, "")
        if heading:
            parts.append(f"{heading} —")
        if text:
            parts.append(text)
    return "\n".join(parts)


def texts(records: Iterable[Bill]) -> Iterator[tuple[int, DocumentSpec | None]]:
    """A bill's text as it stands now: its latest published version, found by words of its provisions."""
    records = list(records)
    latest: dict[int, BillVersion] = {}
    versions = (BillVersion.objects.filter(bill__in=records, is_published=True)
                .order_by("bill_id", "-number").only("bill_id", "number", "label", "body", "created_on",
                                                     *[f"label_{lang}" for lang in LANGUAGES]))
    for version in versions:
        latest.setdefault(version.bill_id, version)
    for bill in records:
        version = latest.get(bill.pk)
        if not bill.is_published or version is None:
            yield bill.pk, None
            continue
        titles = {lang: f"{bill.number} {title} — {getattr(version, f'label_{lang}') or version.label}"
                  for lang, (title,) in _translations(bill, "title").items() if title}
        bodies = {lang: _version_text(version.body, lang) for lang in LANGUAGES}
        yield bill.pk, DocumentSpec(
            kind="text", object_id=bill.pk, url_name="legislation:version", url_args=[bill.public_uuid,
                                                                                     version.number],
            texts=_texts(titles, bodies), stage=bill.stage.code, committee_id=bill.committee_id,
            date=version.created_on)


def people(records: Iterable[Person]) -> Iterator[tuple[int, DocumentSpec | None]]:
    records = list(records)
    other_names = _other_names(records, Person)
    for person in records:
        names = other_names.get(person.pk, {})
        titles, bodies = {}, {}
        for lang, (name, summary, biography) in _translations(person, "name", "summary", "biography").items():
            titles[lang] = name
            bodies[lang] = _join(" · ".join(names.get(lang, [])), summary, biography)
        yield person.pk, DocumentSpec(kind="person", object_id=person.pk, url_name="people:person",
                                      url_args=[person.public_uuid], texts=_texts(titles, bodies))


def bodies(records: Iterable[Organization]) -> Iterator[tuple[int, DocumentSpec | None]]:
    records = list(records)
    other_names = _other_names(records, Organization)
    for org in records:
        names = other_names.get(org.pk, {})
        titles, bodies_ = {}, {}
        for lang, (name, abstract, description) in _translations(org, "name", "abstract", "description").items():
            titles[lang] = name
            bodies_[lang] = _join(" · ".join(names.get(lang, [])), abstract, description)
        committee = org.pk if org.classification == "committee" else None
        yield org.pk, DocumentSpec(kind="body", object_id=org.pk, url_name="people:organization",
                                   url_args=[org.public_uuid], texts=_texts(titles, bodies_), committee_id=committee)


def activities(records: Iterable[Activity]) -> Iterator[tuple[int, DocumentSpec | None]]:
    records = list(records)
    public = set(Activity.objects.filter(pk__in=[a.pk for a in records])
                 .filter(public_activity_q(datetime.datetime.max.replace(tzinfo=datetime.UTC)))
                 .values_list("pk", flat=True))
    for activity in records:
        if activity.pk not in public:
            yield activity.pk, None
            continue
        titles, bodies_ = {}, {}
        for lang, (title, description, venue, city) in _translations(
                activity, "title", "description", "venue", "city").items():
            titles[lang] = title
            bodies_[lang] = _join(description, ", ".join(part for part in (venue, city) if part))
        yield activity.pk, DocumentSpec(
            kind="activity", object_id=activity.pk, url_name="cooperation:activity",
            url_args=[activity.public_uuid], texts=_texts(titles, bodies_), date=activity.start.date(),
            public_from=activity.embargo_until)


def press_releases(records: Iterable[PressRelease]) -> Iterator[tuple[int, DocumentSpec | None]]:
    for release in records:
        if release.published_at is None or not release.partnership.is_published:
            yield release.pk, None
            continue
        titles, bodies_ = {}, {}
        for lang, (title, lead, body) in _translations(release, "title", "lead", "body").items():
            titles[lang] = title
            bodies_[lang] = _join(lead, body)
        yield release.pk, DocumentSpec(
            kind="press", object_id=release.pk, url_name="cooperation:press_release",
            url_args=[release.public_uuid], texts=_texts(titles, bodies_), date=release.published_at.date(),
            public_from=release.published_at)


@dataclass(frozen=True)
class Indexer:
    kind: str
    model: type
    build: object
    related: tuple[str, ...] = ()

    def queryset(self, pks: Iterable[int] | None = None) -> QuerySet:
        queryset = self.model.objects.select_related(*self.related).order_by("pk")
        return queryset if pks is None else queryset.filter(pk__in=list(pks))


INDEXERS = {
    "bill": Indexer("bill", Bill, bills, ("stage",)),
    "text": Indexer("text", Bill, texts, ("stage",)),
    "person": Indexer("person", Person, people),
    "body": Indexer("body", Organization, bodies),
    "activity": Indexer("activity", Activity, activities),
    "press": Indexer("press", PressRelease, press_releases, ("partnership",)),
}

#: Which kinds a saved record of a model feeds.
KINDS_OF_MODEL = {}
for _indexer in INDEXERS.values():
    KINDS_OF_MODEL.setdefault(_indexer.model, []).append(_indexer.kind)
