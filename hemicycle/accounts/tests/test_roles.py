"""Roles: the four groups and their permissions, and which records each role may change."""

import pytest
from django.contrib.auth.models import Group

from hemicycle.accounts.models import User
from hemicycle.accounts.roles import (
    ADMINISTRATOR,
    CLERK,
    INTERNATIONAL_RELATIONS_OFFICER,
    MODERATOR,
    ROLES,
    can_edit,
    editable_classifications,
    ensure_roles,
    has_role,
)
from hemicycle.people.models import Area, Event, Identifier, Membership, Organization, Person, Post, Succession


def _perms(role):
    return {f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=role).permissions.select_related("content_type")}


@pytest.mark.django_db
def test_migrate_sets_up_the_roles():
    # The test database was built by `migrate`, whose post_migrate signal ran ensure_roles.
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)
    assert "people.change_organization" in _perms(CLERK)


@pytest.mark.django_db
def test_ensure_roles_is_idempotent_and_repairs():
    before = {role: _perms(role) for role in ROLES}
    clerk = Group.objects.get(name=CLERK)
    clerk.permissions.clear()
    ensure_roles()
    ensure_roles()
    assert Group.objects.filter(name__in=ROLES).count() == 4
    assert {role: _perms(role) for role in ROLES} == before


@pytest.mark.django_db
def test_model_permissions_per_role():
    clerk, officer, moderator, administrator = (_perms(r) for r in
                                                (CLERK, INTERNATIONAL_RELATIONS_OFFICER, MODERATOR, ADMINISTRATOR))
    assert {"people.add_organization", "people.change_area", "people.change_event",
            "people.change_succession", "people.delete_membership", "people.change_othername"} <= clerk
    assert not any(p.startswith("accounts.") for p in clerk)

    assert {"people.add_organization", "people.change_person", "people.change_membership",
            "people.view_area", "people.view_event"} <= officer
    assert not {"people.change_area", "people.change_event", "people.change_succession"} & officer

    assert moderator == {"accounts.view_user", "accounts.change_user"}

    assert {"accounts.add_user", "auth.change_group", "people.delete_person"} <= administrator


@pytest.mark.django_db
def test_has_role(alice, carl, ada):
    assert has_role(carl, CLERK) and not has_role(carl, MODERATOR)
    assert not has_role(alice, CLERK)
    root = User.objects.create_superuser(email="root@example.org", password="x")
    assert all(has_role(root, role) for role in ROLES)
    carl.is_active = False
    carl.save()
    assert not has_role(User.objects.get(pk=carl.pk), CLERK)
    # A group without the staff flag gives nothing.
    alice.groups.add(Group.objects.get(name=CLERK))
    assert not has_role(User.objects.get(pk=alice.pk), CLERK)


@pytest.fixture
def bodies(db):
    parliament = Organization.objects.create(name_en="Parliament", classification="parliament")
    committee = Organization.objects.create(name_en="Committee on Budget", classification="committee",
                                            parent=parliament)
    embassy = Organization.objects.create(name_en="Embassy of Kazakhstan", classification="embassy")
    group = Organization.objects.create(name_en="Kazakhstan–Belgium friendship group",
                                        classification="friendship_group", parent=parliament)
    person = Person.objects.create(name_en="Roman Vassilenko")
    return {"parliament": parliament, "committee": committee, "embassy": embassy, "group": group,
            "person": person}


@pytest.mark.parametrize(("persona", "body", "allowed"), [
    ("carl", "committee", True), ("carl", "parliament", True), ("carl", "embassy", False), ("carl", "group", False),
    ("irene", "committee", False), ("irene", "embassy", True), ("irene", "group", True),
    ("mona", "committee", False), ("mona", "embassy", False),
    ("ada", "committee", True), ("ada", "embassy", True),
    ("alice", "committee", False),
])
def test_can_edit_organizations_and_what_hangs_off_them(request, bodies, persona, body, allowed):
    user = request.getfixturevalue(persona)
    organization = bodies[body]
    post = Post.objects.create(label="Chair", organization=organization)
    membership = Membership.objects.create(person=bodies["person"], organization=organization, post=post)
    identifier = Identifier.objects.create(owner=organization, scheme="wikidata", identifier="Q1")
    for record in (organization, post, membership, identifier):
        assert can_edit(user, record) is allowed, record


@pytest.mark.parametrize(("persona", "person", "area", "event", "succession"), [
    ("carl", True, True, True, True),
    ("irene", True, False, False, False),
    ("mona", False, False, False, False),
    ("ada", True, True, True, True),
    ("alice", False, False, False, False),
])
def test_can_edit_people_areas_periods_successions(request, bodies, persona, person, area, event, succession):
    import datetime

    user = request.getfixturevalue(persona)
    kz = Area.objects.create(name_en="Kazakhstan")
    period = Event.objects.create(name_en="8th convocation", organization=bodies["parliament"])
    senate = Organization.objects.create(name_en="Senate", classification="chamber")
    kurultai = Organization.objects.create(name_en="Kurultai", classification="chamber")
    handover = Succession.objects.create(predecessor=senate, successor=kurultai, date=datetime.date(2026, 7, 1))
    assert can_edit(user, bodies["person"]) is person
    assert can_edit(user, kz) is area
    assert can_edit(user, period) is event
    assert can_edit(user, handover) is succession


@pytest.mark.django_db
def test_who_may_change_accounts(alice, carl, irene, mona, ada):
    assert can_edit(mona, alice)
    assert not can_edit(mona, carl) and not can_edit(mona, ada) and not can_edit(mona, mona)
    assert not can_edit(carl, alice) and not can_edit(irene, alice) and not can_edit(alice, alice)
    assert can_edit(ada, carl) and can_edit(ada, alice)


@pytest.mark.django_db
def test_editable_classifications(carl, irene, mona, ada):
    assert "committee" in editable_classifications(carl) and "embassy" not in editable_classifications(carl)
    assert editable_classifications(irene) == {"friendship_group", "delegation", "embassy", "international_assembly"}
    assert editable_classifications(mona) == frozenset()
    assert editable_classifications(ada) == {value for value, _ in Organization.Classification.choices}
