"""Popolo JSON: the registry written out in the Popolo data specification (export).

Every record validates against the Popolo 1.0 schemas (popoloproject.com/schemas): ids are our public ids, dates are
partial dates, addresses are URIs (an internationalized address such as a Wikipedia page in Arabic is written
percent-encoded), empty values are left out. Names in our six languages go into ``other_names`` with their
``lang``. Beyond the specification, and as EveryPolitician does, a membership names its ``legislative_period_id``,
a person or organization lists further ``images``, an organization its ``seats``; an organization also lists the
bodies that ``succeeded_by`` it on a date. Our importer (``hemicycle.people.importers.popolo``) reads all of this
back.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import translation
from django.utils.encoding import iri_to_uri
from ninja import Field, Schema

from hemicycle.core.dates import PARTIAL_DATE
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

#: The note that marks a link as one of a record's further images (as the importer writes them).
IMAGE_NOTE = "image"
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]*$")
_CHUNK = 500


def _date(value: str) -> str | None:
    return value if value and PARTIAL_DATE.match(value) else None


def _uri(value: str) -> str | None:
    """``value`` as a URI (non-ASCII characters percent-encoded), or None when it is not an absolute address."""
    if not value:
        return None
    uri = iri_to_uri(value.strip())
    return uri if _URI.match(uri) else None


def _stamp(value) -> str | None:
    return value.isoformat() if value else None


#: Keys a record always has, even empty, so that readers (and the API's schema) can count on them.
_ALWAYS = {"id", "name", "label", "person_id", "organization_id"}


def _clean(record: dict) -> dict:
    """Leave out what is empty: Popolo readers treat a missing key and an empty one alike."""
    return {key: value for key, value in record.items()
            if value not in (None, "", []) or (key in _ALWAYS and value is not None)}


def _chunks(items: list):
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _in(queryset, pks):
    """The rows of ``queryset`` whose pk is in ``pks`` (None: all of them), a few hundred ids per query."""
    if pks is None:
        return list(queryset)
    rows = []
    for chunk in _chunks(sorted(pks)):
        rows.extend(queryset.filter(pk__in=chunk))
    return rows


class _Parts:
    """Other names, identifiers, contact details and links of many records, read in a few queries."""

    def __init__(self):
        self.rows: dict[tuple[int, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def load(self, model, pks: list[int]) -> None:
        ct = ContentType.objects.get_for_model(model)
        for part_model, part in ((OtherName, "other_names"), (Identifier, "identifiers"),
                                 (ContactDetail, "contact_details"), (Link, "links")):
            for chunk in _chunks(pks):
                for row in part_model.objects.filter(content_type=ct, object_id__in=chunk).order_by("pk"):
                    self.rows[(ct.pk, row.object_id)][part].append(row)

    def of(self, obj) -> dict[str, list]:
        ct = ContentType.objects.get_for_model(type(obj))
        return self.rows.get((ct.pk, obj.pk), {})

    def other_names(self, obj, name: str, column: str = "name") -> list[dict]:
        """The record's other names, and its translated names not already among them."""
        rows = self.of(obj).get("other_names", [])
        out = [_clean({"name": r.name, "lang": r.lang, "note": r.note, "start_date": _date(r.start_date),
                       "end_date": _date(r.end_date)}) for r in rows if r.name]
        known = {(r.lang, r.name) for r in rows}
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for lang in settings.MODELTRANSLATION_LANGUAGES:
            value = getattr(obj, f"{column}_{lang}", None)
            if value and (lang, value) not in known and not (lang == default and value == name):
                out.append({"name": value, "lang": lang})
        return out

    def identifiers(self, obj) -> list[dict]:
        return [_clean({"identifier": r.identifier, "scheme": r.scheme})
                for r in self.of(obj).get("identifiers", []) if r.identifier]

    def contact_details(self, obj) -> list[dict]:
        return [_clean({"type": r.type, "label": r.label, "value": r.value, "note": r.note})
                for r in self.of(obj).get("contact_details", []) if r.type and r.value]

    def _links(self, obj, *, sources: bool, images: bool) -> list[dict]:
        out = []
        for r in self.of(obj).get("links", []):
            if r.is_source != sources or (not sources and (r.note == IMAGE_NOTE) != images):
                continue
            url = _uri(r.url)
            if url:
                out.append({"url": url} if images else _clean({"url": url, "note": r.note}))
        return out

    def links(self, obj) -> list[dict]:
        return self._links(obj, sources=False, images=False)

    def sources(self, obj) -> list[dict]:
        return self._links(obj, sources=True, images=False)

    def images(self, obj, main: str) -> list[dict]:
        further = self._links(obj, sources=False, images=True)
        main_uri = _uri(main)
        return ([{"url": main_uri}] if main_uri and further else []) + further


class _Scope:
    """Which records a document holds: primary keys per kind (None: all of them)."""

    def __init__(self):
        self.organizations: set[int] | None = None
        self.persons: set[int] | None = None
        self.memberships: set[int] | None = None
        self.posts: set[int] | None = None
        self.areas: set[int] | None = None
        self.events: set[int] | None = None

    @classmethod
    def everything(cls) -> _Scope:
        return cls()

    @classmethod
    def around(cls, organization: Organization) -> _Scope:
        """``organization``, the bodies inside it, their memberships and members, and every record these refer
        to (parties members sit for, parent bodies, areas, legislative periods, posts, successors), so that every
        id in the document resolves inside it."""
        scope = cls()
        core, frontier = {organization.pk}, {organization.pk}
        while frontier:
            frontier = set(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - core
            core |= frontier
        memberships = Membership.objects.filter(organization_id__in=core)
        rows = list(memberships.values_list("pk", "person_id", "on_behalf_of_id", "post_id", "area_id",
                                            "legislative_period_id"))
        scope.memberships = {r[0] for r in rows}
        scope.persons = {r[1] for r in rows}
        orgs = set(core) | {r[2] for r in rows if r[2]}
        scope.posts = {r[3] for r in rows if r[3]} | set(
            Post.objects.filter(organization_id__in=core).values_list("pk", flat=True))
        areas = {r[4] for r in rows if r[4]}
        scope.events = {r[5] for r in rows if r[5]} | set(
            Event.objects.filter(organization_id__in=core).values_list("pk", flat=True))
        for pair in Succession.objects.filter(Q(predecessor_id__in=core) | Q(successor_id__in=core)).values_list(
                "predecessor_id", "successor_id"):
            orgs |= set(pair)
        for post_org, post_area in Post.objects.filter(pk__in=scope.posts).values_list("organization_id", "area_id"):
            orgs.add(post_org)
            if post_area:
                areas.add(post_area)
        orgs |= set(Event.objects.filter(pk__in=scope.events, organization__isnull=False)
                    .values_list("organization_id", flat=True))
        # Parents of every body included, up to the top.
        frontier = set(orgs)
        while frontier:
            parents = set(Organization.objects.filter(pk__in=frontier, parent__isnull=False)
                          .values_list("parent_id", flat=True))
            frontier = parents - orgs
            orgs |= frontier
        areas |= set(Organization.objects.filter(pk__in=orgs, area__isnull=False).values_list("area_id", flat=True))
        frontier = set(areas)
        while frontier:
            parents = set(Area.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id",
                                                                                                 flat=True))
            frontier = parents - areas
            areas |= frontier
        scope.organizations, scope.areas = orgs, areas
        return scope


def export_registry(organization: Organization | None = None) -> dict:
    """The registry (or ``organization``'s part of it) as one Popolo document.

    With ``organization``: that body, the bodies inside it (recursively), their memberships, the persons in them,
    and every record those refer to (parties, parent bodies, posts, areas, legislative periods, successors), so the
    document is self-contained. Returns a dict with ``persons``, ``organizations``, ``memberships``, ``posts``,
    ``areas`` and ``events``, ready for ``json.dumps``.
    """
    scope = _Scope.around(organization) if organization is not None else _Scope.everything()
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        areas = _in(Area.objects.order_by("name", "pk"), scope.areas)
        organizations = _in(Organization.objects.order_by("name", "pk"), scope.organizations)
        events = _in(Event.objects.order_by("start_date", "name", "pk"), scope.events)
        posts = _in(Post.objects.order_by("label", "pk"), scope.posts)
        persons = _in(Person.objects.order_by("sort_name", "name", "pk"), scope.persons)
        memberships = _in(Membership.objects.order_by("person_id", "start_date", "pk"), scope.memberships)

        parts = _Parts()
        for model, objs in ((Area, areas), (Organization, organizations), (Event, events), (Post, posts),
                            (Person, persons), (Membership, memberships)):
            parts.load(model, [o.pk for o in objs])
        ids = {
            "area": {o.pk: o.public_id for o in areas},
            "organization": {o.pk: o.public_id for o in organizations},
            "event": {o.pk: o.public_id for o in events},
            "post": {o.pk: o.public_id for o in posts},
            "person": {o.pk: o.public_id for o in persons},
        }
        successions = defaultdict(list)
        org_pks = [o.pk for o in organizations]
        for chunk in _chunks(org_pks):
            for row in Succession.objects.filter(predecessor_id__in=chunk).order_by("date", "pk"):
                if row.successor_id in ids["organization"]:
                    successions[row.predecessor_id].append(_clean({
                        "organization_id": ids["organization"][row.successor_id], "date": row.date.isoformat(),
                        "note": row.note}))

        return {
            "persons": [_person(p, parts) for p in persons],
            "organizations": [_organization(o, parts, ids, successions[o.pk]) for o in organizations],
            "memberships": [_membership(m, parts, ids) for m in memberships],
            "posts": [_post(p, parts, ids) for p in posts],
            "areas": [_area(a, parts, ids) for a in areas],
            "events": [_event(e, parts, ids) for e in events],
        }


def _person(p: Person, parts: _Parts) -> dict:
    return _clean({
        "id": p.public_id, "name": p.name, "other_names": parts.other_names(p, p.name),
        "identifiers": parts.identifiers(p), "sort_name": p.sort_name, "given_name": p.given_name,
        "family_name": p.family_name, "patronymic_name": p.patronymic_name, "honorific_prefix": p.honorific_prefix,
        "gender": p.gender, "birth_date": _date(p.birth_date), "death_date": _date(p.death_date),
        "email": p.email, "image": _uri(p.image), "images": parts.images(p, p.image), "summary": p.summary,
        "biography": p.biography, "national_identity": p.national_identity,
        "contact_details": parts.contact_details(p), "links": parts.links(p), "sources": parts.sources(p),
        "created_at": _stamp(p.created_at), "updated_at": _stamp(p.updated_at),
    })


def _organization(o: Organization, parts: _Parts, ids: dict, successors: list) -> dict:
    return _clean({
        "id": o.public_id, "name": o.name, "other_names": parts.other_names(o, o.name),
        "identifiers": parts.identifiers(o), "classification": o.classification,
        "parent_id": ids["organization"].get(o.parent_id), "area_id": ids["area"].get(o.area_id),
        "abstract": o.abstract, "description": o.description, "founding_date": _date(o.founding_date),
        "dissolution_date": _date(o.dissolution_date), "seats": o.seats, "image": _uri(o.image),
        "images": parts.images(o, o.image), "contact_details": parts.contact_details(o), "links": parts.links(o),
        "sources": parts.sources(o), "succeeded_by": successors,
        "created_at": _stamp(o.created_at), "updated_at": _stamp(o.updated_at),
    })


def _membership(m: Membership, parts: _Parts, ids: dict) -> dict:
    return _clean({
        "id": m.public_id, "label": m.label or None, "role": m.role, "person_id": ids["person"].get(m.person_id),
        "organization_id": ids["organization"].get(m.organization_id), "post_id": ids["post"].get(m.post_id),
        "on_behalf_of_id": ids["organization"].get(m.on_behalf_of_id), "area_id": ids["area"].get(m.area_id),
        "legislative_period_id": ids["event"].get(m.legislative_period_id),
        "start_date": _date(m.start_date), "end_date": _date(m.end_date),
        "contact_details": parts.contact_details(m), "links": parts.links(m), "sources": parts.sources(m),
        "created_at": _stamp(m.created_at), "updated_at": _stamp(m.updated_at),
    })


def _post(p: Post, parts: _Parts, ids: dict) -> dict:
    other_labels = []
    for lang in settings.MODELTRANSLATION_LANGUAGES:
        value = getattr(p, f"label_{lang}", None)
        if value and value != p.label and value not in other_labels:
            other_labels.append(value)
    return _clean({
        "id": p.public_id, "label": p.label, "other_label": other_labels, "role": p.role,
        "organization_id": ids["organization"].get(p.organization_id), "area_id": ids["area"].get(p.area_id),
        "start_date": _date(p.start_date), "end_date": _date(p.end_date),
        "contact_details": parts.contact_details(p), "links": parts.links(p), "sources": parts.sources(p),
        "created_at": _stamp(p.created_at), "updated_at": _stamp(p.updated_at),
    })


def _area(a: Area, parts: _Parts, ids: dict) -> dict:
    return _clean({
        "id": a.public_id, "name": a.name, "other_names": parts.other_names(a, a.name),
        "identifier": a.division_id, "identifiers": parts.identifiers(a), "classification": a.classification,
        "parent_id": ids["area"].get(a.parent_id), "links": parts.links(a), "sources": parts.sources(a),
        "created_at": _stamp(a.created_at), "updated_at": _stamp(a.updated_at),
    })


def _event(e: Event, parts: _Parts, ids: dict) -> dict:
    return _clean({
        "id": e.public_id, "name": e.name, "other_names": parts.other_names(e, e.name),
        "identifiers": parts.identifiers(e), "classification": e.classification,
        "organization_id": ids["organization"].get(e.organization_id),
        "start_date": _date(e.start_date), "end_date": _date(e.end_date),
        "links": parts.links(e), "sources": parts.sources(e),
        "created_at": _stamp(e.created_at), "updated_at": _stamp(e.updated_at),
    })


# -- The document's shape, for the open API's description ---------------------------------------------------------

class PopoloLink(Schema):
    url: str = Field(description="An absolute URI")
    note: str | None = None


class PopoloIdentifier(Schema):
    identifier: str
    scheme: str | None = None


class PopoloContactDetail(Schema):
    type: str = Field(description="email, voice, fax, address, twitter, …")
    value: str
    label: str | None = None
    note: str | None = None


class PopoloOtherName(Schema):
    name: str
    lang: str | None = Field(None, description="BCP 47 language tag (kk, ru, en, fr, nl, de, …)")
    note: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class PopoloImage(Schema):
    url: str


class PopoloRecord(Schema):
    id: str = Field(description="Our public identifier (OCD style)")
    created_at: str | None = None
    updated_at: str | None = None
    sources: list[PopoloLink] = []


class PopoloPerson(PopoloRecord):
    name: str
    other_names: list[PopoloOtherName] = []
    identifiers: list[PopoloIdentifier] = []
    sort_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    patronymic_name: str | None = None
    honorific_prefix: str | None = None
    gender: str | None = None
    birth_date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    death_date: str | None = None
    email: str | None = None
    image: str | None = None
    images: list[PopoloImage] = []
    summary: str | None = None
    biography: str | None = None
    national_identity: str | None = None
    contact_details: list[PopoloContactDetail] = []
    links: list[PopoloLink] = []


class PopoloSuccession(Schema):
    organization_id: str = Field(description="The body that took over")
    date: str
    note: str | None = None


class PopoloOrganization(PopoloRecord):
    name: str
    other_names: list[PopoloOtherName] = []
    identifiers: list[PopoloIdentifier] = []
    classification: str | None = None
    parent_id: str | None = None
    area_id: str | None = None
    abstract: str | None = None
    description: str | None = None
    founding_date: str | None = None
    dissolution_date: str | None = None
    seats: int | None = None
    image: str | None = None
    images: list[PopoloImage] = []
    contact_details: list[PopoloContactDetail] = []
    links: list[PopoloLink] = []
    succeeded_by: list[PopoloSuccession] = []


class PopoloMembership(PopoloRecord):
    label: str | None = None
    role: str | None = None
    person_id: str
    organization_id: str
    post_id: str | None = None
    on_behalf_of_id: str | None = None
    area_id: str | None = None
    legislative_period_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    contact_details: list[PopoloContactDetail] = []
    links: list[PopoloLink] = []


class PopoloPost(PopoloRecord):
    label: str
    other_label: list[str] = []
    role: str | None = None
    organization_id: str
    area_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    contact_details: list[PopoloContactDetail] = []
    links: list[PopoloLink] = []


class PopoloArea(PopoloRecord):
    name: str
    other_names: list[PopoloOtherName] = []
    identifier: str | None = Field(None, description="The OCD division id, where known")
    identifiers: list[PopoloIdentifier] = []
    classification: str | None = None
    parent_id: str | None = None
    links: list[PopoloLink] = []


class PopoloEvent(PopoloRecord):
    name: str
    other_names: list[PopoloOtherName] = []
    identifiers: list[PopoloIdentifier] = []
    classification: str | None = None
    organization_id: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    links: list[PopoloLink] = []


class PopoloDocument(Schema):
    """A Popolo document: the registry, or one organization's part of it."""

    persons: list[PopoloPerson]
    organizations: list[PopoloOrganization]
    memberships: list[PopoloMembership]
    posts: list[PopoloPost]
    areas: list[PopoloArea]
    events: list[PopoloEvent]
