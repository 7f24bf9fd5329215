"""The back office by role: each member of staff changes their own records and is refused the others'."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group

from hemicycle.accounts.models import User
from hemicycle.accounts.roles import CLERK, INTERNATIONAL_RELATIONS_OFFICER
from hemicycle.accounts.testing import admin_form_data
from hemicycle.people.models import Area, Event, Membership, Organization, Person, Post, Succession

ADMIN = "/en/admin/"


@pytest.fixture
def registry(db):
    parliament = Organization.objects.create(name_en="Parliament of Kazakhstan", classification="parliament")
    committee = Organization.objects.create(name_en="Committee on Budget", classification="committee",
                                            parent=parliament)
    embassy = Organization.objects.create(name_en="Embassy of Kazakhstan in Belgium", classification="embassy")
    person = Person.objects.create(name_en="Roman Vassilenko", sort_name="Vassilenko, Roman")
    ambassador = Post.objects.create(label_en="Ambassador", organization=embassy)
    chair = Post.objects.create(label_en="Chair", organization=committee)
    kz = Area.objects.create(name_en="Kazakhstan", classification="country")
    senate = Organization.objects.create(name_en="Senate", classification="chamber", parent=parliament)
    kurultai = Organization.objects.create(name_en="Kurultai", classification="chamber", parent=parliament)
    return {
        "parliament": parliament, "committee": committee, "embassy": embassy, "person": person, "kz": kz,
        "ambassador": ambassador, "chair": chair,
        "period": Event.objects.create(name_en="8th convocation", organization=parliament),
        "succession": Succession.objects.create(predecessor=senate, successor=kurultai,
                                                date=datetime.date(2026, 7, 1)),
        "in_committee": Membership.objects.create(person=person, organization=committee, post=chair),
        "in_embassy": Membership.objects.create(person=person, organization=embassy, post=ambassador),
    }


def _url(obj, action="change"):
    opts = obj._meta
    if action == "add":
        return f"{ADMIN}{opts.app_label}/{opts.model_name}/add/"
    return f"{ADMIN}{opts.app_label}/{opts.model_name}/{obj.pk}/{action}/"


def _change(client, obj, **changes):
    """Open the change form as the logged-in user, change some values and save; returns the POST's response."""
    page = client.get(_url(obj))
    assert page.status_code == 200, page.status_code
    data = admin_form_data(page)
    data.update(changes)
    return client.post(_url(obj), data)


@pytest.mark.parametrize(("persona", "own", "other"), [
    ("carl", "committee", "embassy"),
    ("irene", "embassy", "committee"),
])
def test_each_role_changes_its_own_bodies_only(client, request, registry, persona, own, other):
    client.force_login(request.getfixturevalue(persona))
    mine, theirs = registry[own], registry[other]

    assert _change(client, mine, name_en="Renamed").status_code == 302
    mine.refresh_from_db()
    assert mine.name_en == "Renamed"

    # The other role's body: readable, not editable, and a forged POST is refused.
    page = client.get(_url(theirs))
    assert page.status_code == 200
    assert 'name="name_en"' not in page.content.decode()
    forged = {**admin_form_data(client.get(_url(mine))), "name_en": "Hijacked"}
    assert client.post(_url(theirs), forged).status_code == 403
    assert client.post(_url(theirs, "delete"), {"post": "yes"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.name_en != "Hijacked"
    assert Organization.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(("persona", "own", "other"), [
    ("carl", "in_committee", "in_embassy"),
    ("irene", "in_embassy", "in_committee"),
])
def test_memberships_follow_their_body(client, request, registry, persona, own, other):
    client.force_login(request.getfixturevalue(persona))
    assert _change(client, registry[own], role="chair").status_code == 302
    assert client.post(_url(registry[other]), {"role": "chair"}).status_code == 403
    registry[other].refresh_from_db()
    assert registry[other].role == ""
    # Nor can a membership be moved into the other role's body.
    other_body = registry[other].organization
    moved = _change(client, registry[own], organization=str(other_body.pk), post="")
    assert moved.status_code == 200
    assert "Select a valid choice" in moved.content.decode()


def test_bulk_delete_obeys_the_same_rules(client, carl, registry):
    client.force_login(carl)
    bodies = [registry["committee"].pk, registry["embassy"].pk]
    response = client.post(f"{ADMIN}people/organization/", {"action": "delete_selected", "_selected_action": bodies,
                                                             "post": "yes"})
    assert response.status_code == 403
    assert Organization.objects.filter(pk__in=bodies).count() == 2
    # Deleting a person would take their embassy membership with them: refused too.
    response = client.post(_url(registry["person"], "delete"), {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=registry["person"].pk).exists()


def test_officer_cannot_create_a_committee(client, irene, registry):
    client.force_login(irene)
    form = client.get(_url(Organization(), "add"))
    html = form.content.decode()
    select = html.split('name="classification"')[1].split("</select>")[0]
    options = set(re.findall(r'<option value="([a-z_]+)"', select))
    assert options == {"friendship_group", "delegation", "embassy", "international_assembly"}

    data = admin_form_data(form)
    data.update(name_en="Committee on Mischief", classification="committee")
    refused = client.post(_url(Organization(), "add"), data)
    assert refused.status_code == 200
    assert not Organization.objects.filter(name_en="Committee on Mischief").exists()

    data.update(name_en="Delegation to the OSCE PA", classification="delegation")
    assert client.post(_url(Organization(), "add"), data).status_code == 302
    assert Organization.objects.get(name_en="Delegation to the OSCE PA").classification == "delegation"


def test_clerk_cannot_create_an_embassy_or_a_membership_in_one(client, carl, registry):
    client.force_login(carl)
    data = admin_form_data(client.get(_url(Organization(), "add")))
    data.update(name_en="Embassy of Nowhere", classification="embassy")
    assert client.post(_url(Organization(), "add"), data).status_code == 200
    assert not Organization.objects.filter(name_en="Embassy of Nowhere").exists()

    data = admin_form_data(client.get(_url(Membership(), "add")))
    data.update(person=str(registry["person"].pk), organization=str(registry["embassy"].pk))
    assert client.post(_url(Membership(), "add"), data).status_code == 200
    data.update(organization=str(registry["committee"].pk))
    assert client.post(_url(Membership(), "add"), data).status_code == 302


def test_autocomplete_offers_only_editable_bodies(client, irene, registry):
    client.force_login(irene)
    response = client.get(f"{ADMIN}autocomplete/", {"term": "", "app_label": "people", "model_name": "membership",
                                                    "field_name": "organization"})
    assert response.status_code == 200
    names = {item["text"] for item in response.json()["results"]}
    assert names == {"Embassy of Kazakhstan in Belgium"}
    # Pointing at a body as a reference (the parent of a friendship group) may use any.
    response = client.get(f"{ADMIN}autocomplete/", {"term": "", "app_label": "people",
                                                    "model_name": "organization", "field_name": "parent"})
    assert "Parliament of Kazakhstan" in {item["text"] for item in response.json()["results"]}


@pytest.mark.parametrize("persona", ["carl", "irene"])
def test_persons_are_shared(client, request, registry, persona):
    client.force_login(request.getfixturevalue(persona))
    assert _change(client, registry["person"], summary_en=f"Changed by {persona}").status_code == 302
    registry["person"].refresh_from_db()
    assert registry["person"].summary_en == f"Changed by {persona}"


def test_areas_periods_and_successions_are_the_clerks(client, carl, irene, registry):
    client.force_login(carl)
    for record, field in ((registry["kz"], "division_id"), (registry["period"], "classification"),
                          (registry["succession"], "note_en")):
        assert _change(client, record, **{field: "ocd-division/country:kz"}).status_code == 302, record
    client.force_login(irene)
    for record in (registry["kz"], registry["period"], registry["succession"]):
        assert client.get(_url(record)).status_code == 200  # readable, for references
        assert client.post(_url(record), {}).status_code == 403
    assert client.get(_url(Area(), "add")).status_code == 403


def test_inlines_follow_their_record(client, carl, registry):
    client.force_login(carl)
    page = client.get(_url(registry["committee"]))
    data = admin_form_data(page)
    prefix = "people-identifier-content_type-object_id"
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-scheme": "wikidata", f"{prefix}-0-identifier": "Q42"})
    assert client.post(_url(registry["committee"]), data).status_code == 302
    assert registry["committee"].identifier_for("wikidata") == "Q42"
    # On a record the clerk may only read, the inlines are read-only too.
    html = client.get(_url(registry["embassy"])).content.decode()
    assert f'name="{prefix}-__prefix__-scheme"' not in html
    assert 'name="people-othername-content_type-object_id-__prefix__-name"' not in html


def test_revert_from_history_obeys_the_same_rules(client, carl, ada, registry):
    embassy = registry["embassy"]
    client.force_login(ada)
    _change(client, embassy, name_en="Embassy (renamed)")
    first = embassy.history.earliest()
    client.force_login(carl)
    history_url = _url(embassy, f"history/{first.history_id}")
    assert client.get(history_url).status_code == 200  # staff may read the history
    assert client.post(history_url, {"name_en": "Reverted by a clerk"}).status_code == 403
    embassy.refresh_from_db()
    assert embassy.name_en == "Embassy (renamed)"


def test_moderator_keeps_citizens_accounts_only(client, mona, alice, carl, registry):
    client.force_login(mona)
    assert client.get(f"{ADMIN}people/organization/").status_code == 403
    assert client.get(_url(registry["committee"])).status_code == 403

    listing = client.get(f"{ADMIN}accounts/user/").content.decode()
    assert f"accounts/user/{alice.pk}/change/" in listing
    assert f"accounts/user/{carl.pk}/change/" not in listing and f"accounts/user/{mona.pk}/change/" not in listing
    assert client.get(_url(carl)).status_code == 302  # not found among the accounts she sees
    assert client.post(_url(carl), {}).status_code != 200
    carl.refresh_from_db()
    assert carl.is_active

    page = client.get(_url(alice))
    html = page.content.decode()
    assert 'name="is_active"' in html
    assert 'name="email"' not in html and 'name="is_staff"' not in html and 'name="groups"' not in html
    assert client.post(_url(alice), {}).status_code == 302  # the active box left unticked
    alice.refresh_from_db()
    assert not alice.is_active

    # Only an administrator sets passwords or makes staff.
    assert client.get(f"{ADMIN}accounts/user/{alice.pk}/password/").status_code == 403
    assert client.get(_url(User(), "add")).status_code == 403
    client.post(_url(alice), {"is_active": "on", "is_staff": "on", "is_superuser": "on"})
    alice.refresh_from_db()
    assert alice.is_active and not alice.is_staff and not alice.is_superuser


def test_moderator_deactivates_with_the_list_action(client, mona, alice, carl):
    bob = User.objects.create_user(email="bob@example.org", password="x", email_confirmed=True)
    client.force_login(mona)
    response = client.post(f"{ADMIN}accounts/user/", {
        "action": "deactivate_accounts", "_selected_action": [alice.pk, bob.pk, carl.pk, mona.pk]})
    assert response.status_code == 302
    assert not User.objects.get(pk=alice.pk).is_active and not User.objects.get(pk=bob.pk).is_active
    assert User.objects.get(pk=carl.pk).is_active and User.objects.get(pk=mona.pk).is_active


def test_administrator_may_do_everything(client, ada, carl, registry):
    client.force_login(ada)
    for key in ("committee", "embassy"):
        assert _change(client, registry[key], name_en=f"{key} by ada").status_code == 302
    page = client.get(_url(carl))
    assert 'name="groups"' in page.content.decode()
    data = admin_form_data(page)
    data["groups"] = [str(Group.objects.get(name=INTERNATIONAL_RELATIONS_OFFICER).pk)]
    assert client.post(_url(carl), data).status_code == 302
    assert set(carl.groups.values_list("name", flat=True)) == {INTERNATIONAL_RELATIONS_OFFICER}
    assert not carl.groups.filter(name=CLERK).exists()


def test_administrator_opens_a_staff_account(client, ada):
    client.force_login(ada)
    form = client.get(_url(User(), "add"))
    assert form.status_code == 200
    data = admin_form_data(form)
    data.update(email="Olga@Parliament.example", usable_password="true", password1="a long staff passphrase 1",
                password2="a long staff passphrase 1")
    response = client.post(_url(User(), "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    olga = User.objects.get(email="olga@parliament.example")
    assert olga.check_password("a long staff passphrase 1")


@pytest.mark.parametrize("language", ["kk", "ru", "fr", "nl", "de"])
def test_back_office_speaks_each_language(client, ada, registry, language):
    client.force_login(ada)
    html = client.get(f"/{language}/admin/people/organization/{registry['committee'].pk}/change/").content.decode()
    assert f'<html lang="{language}"' in html
    for english in (">Log out<", 'value="Save"', ">History<", ">Delete<"):
        assert english not in html, english
    assert client.get(f"/{language}/admin/people/organization/{registry['committee'].pk}/history/").status_code == 200


def test_back_office_pages_need_no_inline_script(client, ada, registry):
    client.force_login(ada)
    for url in (ADMIN, f"{ADMIN}people/organization/", _url(registry["committee"]), _url(Membership(), "add"),
                _url(registry["committee"], "history"), f"{ADMIN}accounts/user/{ada.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"]
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", response.content.decode())
                  if "src=" not in tag and 'type="application/json"' not in tag]
        assert inline == [], (url, inline)
