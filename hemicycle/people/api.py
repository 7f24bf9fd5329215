"""Registry endpoints of the open API: persons, organizations, memberships, posts, areas, events, Popolo."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from hemicycle.core.api import MappedQuerySet, Message, public_id_of
from hemicycle.people import popolo
from hemicycle.people.models import Area, Event, Membership, Organization, Person, Post
from hemicycle.people.selectors import name_match

router = Router(tags=["registry"])


class OrganizationRef(Schema):
    id: str
    name: str
    classification: str


class PersonOut(Schema):
    id: str = Field(description="OCD-style public identifier")
    name: str
    sort_name: str
    given_name: str
    family_name: str
    gender: str
    birth_date: str
    death_date: str
    email: str
    image: str
    summary: str
    url: str = Field(description="The person's public page")
    ics_url: str = Field(description="Calendar feed (RFC 5545) of the cooperation activities the person takes part in")
    updated_at: str


class OrganizationOut(Schema):
    id: str
    name: str
    classification: str
    abstract: str
    parent_id: str | None
    founding_date: str
    dissolution_date: str
    seats: int | None
    url: str
    ics_url: str = Field(description="Calendar feed (RFC 5545) of the cooperation activities the body takes part in")
    updated_at: str


class MembershipOut(Schema):
    id: str
    person_id: str
    organization_id: str
    post_id: str | None
    on_behalf_of_id: str | None
    area_id: str | None
    role: str
    label: str
    start_date: str
    end_date: str
    updated_at: str


class PostOut(Schema):
    id: str
    label: str
    role: str
    organization_id: str
    area_id: str | None
    start_date: str
    end_date: str


class AreaOut(Schema):
    id: str
    name: str
    classification: str
    division_id: str
    parent_id: str | None


class EventOut(Schema):
    id: str
    name: str
    classification: str
    organization_id: str | None
    start_date: str
    end_date: str


def person_out(request, person: Person) -> dict:
    return {
        "id": person.public_id, "name": person.name, "sort_name": person.sort_name,
        "given_name": person.given_name, "family_name": person.family_name, "gender": person.gender,
        "birth_date": person.birth_date, "death_date": person.death_date, "email": person.email,
        "image": person.image, "summary": person.summary,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "ics_url": request.build_absolute_uri(reverse("calendars:person_ics", args=[person.public_uuid])),
        "updated_at": person.updated_at.isoformat(),
    }


def organization_out(request, org: Organization) -> dict:
    return {
        "id": org.public_id, "name": org.name, "classification": org.classification, "abstract": org.abstract,
        "parent_id": public_id_of(org.parent), "founding_date": org.founding_date,
        "dissolution_date": org.dissolution_date, "seats": org.seats,
        "url": request.build_absolute_uri(org.get_absolute_url()),
        "ics_url": request.build_absolute_uri(reverse("calendars:body_ics", args=[org.public_uuid])),
        "updated_at": org.updated_at.isoformat(),
    }


class PersonFilter(FilterSchema):
    q: str | None = Field(None, description="Part of a name, in any language")
    organization: str | None = Field(None, description="Public id of an organization the person belongs to")
    current: bool | None = Field(None, description="Only people with a current membership there (or anywhere)")


class OrganizationFilter(FilterSchema):
    q: str | None = Field(None, description="Part of a name, in any language")
    classification: Organization.Classification | None = None
    parent: str | None = Field(None, description="Public id of the parent organization")


@router.get("/persons", response=list[PersonOut], summary="List persons")
@paginate(LimitOffsetPagination)
def list_persons(request, filters: Query[PersonFilter]):
    people = Person.objects.order_by("sort_name", "name", "pk")
    if filters.q:
        people = people.filter(name_match(filters.q)).distinct()
    if filters.organization or filters.current:
        memberships = Membership.objects.all()
        if filters.organization:
            memberships = memberships.filter(organization__public_id=filters.organization)
        if filters.current:
            memberships = memberships.current()
        people = people.filter(pk__in=memberships.values("person_id"))
    return MappedQuerySet(people, lambda p: person_out(request, p))


@router.get("/persons/{uuid}", response={200: PersonOut, 404: Message}, summary="One person")
def get_person(request, uuid: str):
    return person_out(request, get_object_or_404(Person, public_id=f"ocd-person/{uuid}"))


@router.get("/organizations", response=list[OrganizationOut], summary="List organizations")
@paginate(LimitOffsetPagination)
def list_organizations(request, filters: Query[OrganizationFilter]):
    orgs = Organization.objects.select_related("parent").order_by("name", "pk")
    if filters.q:
        orgs = orgs.filter(name_match(filters.q)).distinct()
    if filters.classification:
        orgs = orgs.filter(classification=filters.classification)
    if filters.parent:
        orgs = orgs.filter(parent__public_id=filters.parent)
    return MappedQuerySet(orgs, lambda o: organization_out(request, o))


@router.get("/organizations/{uuid}", response={200: OrganizationOut, 404: Message}, summary="One organization")
def get_organization(request, uuid: str):
    org = get_object_or_404(Organization.objects.select_related("parent"),
                            public_id=f"ocd-organization/{uuid}")
    return organization_out(request, org)


@router.get("/memberships", response=list[MembershipOut], summary="List memberships")
@paginate(LimitOffsetPagination)
def list_memberships(request, person: str | None = None, organization: str | None = None,
                     current: bool | None = None):
    rows = Membership.objects.select_related("person", "organization", "post", "on_behalf_of", "area")
    if person:
        rows = rows.filter(person__public_id=person)
    if organization:
        rows = rows.filter(organization__public_id=organization)
    if current:
        rows = rows.current()
    return MappedQuerySet(rows.order_by("pk"), lambda m: {
        "id": m.public_id, "person_id": m.person.public_id, "organization_id": m.organization.public_id,
        "post_id": public_id_of(m.post), "on_behalf_of_id": public_id_of(m.on_behalf_of),
        "area_id": public_id_of(m.area), "role": m.role, "label": m.label, "start_date": m.start_date,
        "end_date": m.end_date, "updated_at": m.updated_at.isoformat(),
    })


@router.get("/posts", response=list[PostOut], summary="List posts")
@paginate(LimitOffsetPagination)
def list_posts(request, organization: str | None = None):
    rows = Post.objects.select_related("organization", "area").order_by("pk")
    if organization:
        rows = rows.filter(organization__public_id=organization)
    return MappedQuerySet(rows, lambda p: {
        "id": p.public_id, "label": p.label, "role": p.role, "organization_id": p.organization.public_id,
        "area_id": public_id_of(p.area), "start_date": p.start_date, "end_date": p.end_date})


@router.get("/areas", response=list[AreaOut], summary="List areas")
@paginate(LimitOffsetPagination)
def list_areas(request):
    return MappedQuerySet(Area.objects.select_related("parent").order_by("name", "pk"), lambda a: {
        "id": a.public_id, "name": a.name, "classification": a.classification, "division_id": a.division_id,
        "parent_id": public_id_of(a.parent)})


@router.get("/events", response=list[EventOut], summary="List legislative periods and elections")
@paginate(LimitOffsetPagination)
def list_events(request):
    return MappedQuerySet(Event.objects.select_related("organization").order_by("start_date", "pk"), lambda e: {
        "id": e.public_id, "name": e.name, "classification": e.classification,
        "organization_id": public_id_of(e.organization), "start_date": e.start_date, "end_date": e.end_date})


@router.get("/popolo", summary="The registry as Popolo JSON",
            response={200: popolo.PopoloDocument, 404: Message}, exclude_unset=True,
            description="The whole registry, or with `organization` (a public id) the part about one "
            "organization: the organization, its sub-bodies, their members and memberships, and every record "
            "these refer to. Validates against the Popolo 1.0 schemas.")
def popolo_export(request, organization: str | None = None):
    if organization:
        org = Organization.objects.filter(public_id=organization).first()
        if org is None:
            return Status(404, {"message": f"No organization with the public id {organization!r}."})
        return popolo.export_registry(organization=org)
    return popolo.export_registry()
