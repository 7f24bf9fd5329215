"""Change history: every staff change to a public record is kept (who, when, what) and shown in the back office."""

import pytest

from hemicycle.accounts.testing import admin_form_data
from hemicycle.people.models import Identifier, Organization, Person


@pytest.fixture
def committee(db):
    return Organization.objects.create(name_en="Committee on Budget", name_fr="Commission du budget",
                                       classification="committee")


def _change_url(obj):
    return f"/en/admin/people/{obj._meta.model_name}/{obj.pk}/change/"


def test_clerk_change_through_the_back_office_is_kept(client, carl, committee):
    client.force_login(carl)
    data = admin_form_data(client.get(_change_url(committee)))
    data.update(name_en="Committee on Budget and Finance", seats="15")
    assert client.post(_change_url(committee), data).status_code == 302

    latest, previous = committee.history.order_by("-history_date", "-history_id")[:2]
    assert latest.history_user == carl
    assert latest.history_type == "~"
    assert previous.history_type == "+"
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes["name_en"] == ("Committee on Budget", "Committee on Budget and Finance")
    assert changes["seats"] == (None, 15)
    assert "name_fr" not in changes  # other languages were left alone

    # Staff see it on the record's history page: who, and the old and new values.
    page = client.get(f"/en/admin/people/organization/{committee.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "carl@parliament.example" in html
    assert "Committee on Budget" in html and "Committee on Budget and Finance" in html
    assert "&rarr;" in html or "→" in html
    assert "Name [en]" in html and "Seats" in html
    # Not listed: translation columns that went from NULL to "" when first saved from the form.
    assert "Description [de]" not in html


def test_changes_to_inline_parts_are_kept_too(client, irene):
    person = Person.objects.create(name_en="Roman Vassilenko")
    client.force_login(irene)
    data = admin_form_data(client.get(_change_url(person)))
    prefix = "people-identifier-content_type-object_id"
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-scheme": "wikidata", f"{prefix}-0-identifier": "Q4"})
    assert client.post(_change_url(person), data).status_code == 302
    identifier = Identifier.objects.get(object_id=person.pk, scheme="wikidata")
    assert identifier.history.get().history_user == irene


def test_deletion_is_kept(client, ada, committee):
    client.force_login(ada)
    response = client.post(f"/en/admin/people/organization/{committee.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=committee.pk).exists()
    gone = Organization.history.filter(id=committee.pk).latest("history_date")
    assert gone.history_type == "-"
    assert gone.history_user == ada
    assert gone.name_en == "Committee on Budget"


def test_history_is_for_staff_only(client, alice, committee):
    client.force_login(alice)
    response = client.get(f"/en/admin/people/organization/{committee.pk}/history/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
