import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hemicycle.legislation import services
from hemicycle.legislation.models import Amendment, VoteEvent
from hemicycle.legislation.tests.factories import chambers, register

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world():
    return chambers()


def vote(world, bill, result):
    return VoteEvent.objects.create(organization=world["new"], bill=bill, motion="Amendment", result=result,
                                    start=timezone.now())


def test_register_puts_the_bill_at_its_first_stage_with_a_first_version(world, carl):
    bill = register(world, by=carl)
    assert bill.stage.code == "registered"
    assert bill.title_ru == "Законопроект 1"
    assert bill.stage_changes.count() == 1
    version = bill.versions.get()
    assert version.number == 1 and version.label_en == "As introduced"
    assert version.languages == ["kk", "ru", "en"]


def test_register_refuses_a_body_with_duplicate_eids(world):
    body = [{"eId": "art_1", "type": "article"}, {"eId": "art_1", "type": "article"}]
    with pytest.raises(ValidationError) as error:
        services.bill_register(number="9", title="X", bill_type=register(world).bill_type,
                               parliament=world["parliament"], chamber=world["old"], introduced_on=D(2026, 1, 1),
                               body=body)
    assert "body" in error.value.message_dict


def test_advance_follows_the_workflow(world, carl):
    bill = register(world)
    change = services.bill_advance(bill=bill, to_stage_code="committee", on=D(2026, 3, 5), by=carl, note="Sent")
    bill.refresh_from_db()
    assert bill.stage.code == "committee" and bill.stage_entered_on == D(2026, 3, 5)
    assert change.note_en == "Sent"
    assert list(bill.stage_changes.values_list("stage__code", flat=True)) == ["registered", "committee"]


def test_an_illegal_move_is_refused_with_a_reason(world, carl):
    bill = register(world)
    with pytest.raises(ValidationError) as error:
        services.bill_advance(bill=bill, to_stage_code="second_reading", on=D(2026, 3, 5), by=carl)
    message = error.value.message_dict["stage"][0]
    assert "cannot go to" in message and "Referred to committee" in message and "Withdrawn" in message
    with pytest.raises(ValidationError) as error:
        services.bill_advance(bill=bill, to_stage_code="nonsense", on=D(2026, 3, 5), by=carl)
    assert "stage" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.bill_advance(bill=bill, to_stage_code="committee", on=D(2026, 2, 1), by=carl)


def test_versions_are_numbered_and_provenance_is_a_mapping(world):
    bill = register(world)
    version = services.bill_version_create(bill=bill, label="After committee", body=bill.versions.get().body,
                                           provenance={"chp_1__art_1__para_1": "ocd-amendment/x"}, on=D(2026, 4, 1))
    assert version.number == 2 and version.label_en == "After committee"
    with pytest.raises(ValidationError) as error:
        services.bill_version_create(bill=bill, label="x", body=version.body, provenance={"art_99": 3},
                                     on=D(2026, 4, 2))
    assert "provenance" in error.value.message_dict


def test_amendments_are_tabled_and_decided_by_a_vote(world, carl):
    bill = register(world)
    amendment = services.amendment_table(bill=bill, number="1", target_eid="chp_1__art_1__para_1",
                                         wording={"en": "New text."}, by=carl)
    assert amendment.status == Amendment.Status.TABLED and amendment.version.number == 1
    with pytest.raises(ValidationError) as error:
        services.amendment_table(bill=bill, number="2", target_eid="art_404", wording={"en": "x"})
    assert "target_eid" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.amendment_table(bill=bill, number="3", target_eid="chp_1__art_1", action="insert_after",
                                 wording={"en": "x"})
    assert "new_eid" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.amendment_decide(amendment=amendment, status="adopted", by=carl)
    assert "vote_event" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.amendment_decide(amendment=amendment, status="adopted", vote_event=vote(world, bill, "fail"))
    event = vote(world, bill, "pass")
    services.amendment_decide(amendment=amendment, status="adopted", vote_event=event, by=carl)
    amendment.refresh_from_db()
    event.refresh_from_db()
    assert amendment.status == "adopted" and event.amendment == amendment


def test_only_clerks_and_administrators_write(world, carl, ada, irene, alice):
    bill = register(world, by=carl)
    services.bill_advance(bill=bill, to_stage_code="committee", on=D(2026, 3, 5), by=ada)
    for outsider in (irene, alice):
        with pytest.raises(PermissionDenied):
            services.bill_advance(bill=bill, to_stage_code="committee_report", on=D(2026, 3, 6), by=outsider)
        with pytest.raises(PermissionDenied):
            register(world, number="2", by=outsider)
        with pytest.raises(PermissionDenied):
            services.amendment_table(bill=bill, number="1", target_eid="chp_1", wording={"en": "x"}, by=outsider)


# The back office goes through the services.

ADMIN = "/en/admin/legislation/"


def _post_bill(client, bill, **changes):
    from hemicycle.accounts.testing import admin_form_data

    page = client.get(f"{ADMIN}bill/{bill.pk}/change/")
    assert page.status_code == 200
    data = {name: value for name, value in admin_form_data(page).items() if not (name == "sponsors" and not value)}
    data.update(changes)
    return client.post(f"{ADMIN}bill/{bill.pk}/change/", data)


def test_back_office_moves_a_bill_and_refuses_an_illegal_move(client, world, carl):
    bill = register(world)
    client.force_login(carl)
    refused = _post_bill(client, bill, move_to="second_reading", move_on="2026-03-05")
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert "cannot go to" in " ".join(errors["move_to"])
    moved = _post_bill(client, bill, move_to="committee", move_on="2026-03-05", move_note="Referred")
    assert moved.status_code == 302, moved.context["adminform"].form.errors if moved.context else ""
    bill.refresh_from_db()
    assert bill.stage.code == "committee"
    assert bill.stage_changes.last().by == carl


def test_back_office_pages_open_for_clerks_and_stay_closed_to_officers(client, world, carl, irene):
    bill = register(world)
    client.force_login(carl)
    for path in ("workflow/", "stage/", "billtype/", "bill/", "billversion/", "amendment/", "sitting/",
                 "voteevent/", f"bill/{bill.pk}/change/", f"billversion/{bill.versions.get().pk}/change/",
                 "billversion/add/", "bill/add/", "amendment/add/", "sitting/add/", "voteevent/add/",
                 f"workflow/{bill.bill_type.workflow_id}/change/", f"stage/{bill.stage_id}/change/",
                 f"voteevent/{vote(world, bill, 'pass').pk}/change/"):
        assert client.get(ADMIN + path).status_code == 200, path
    client.force_login(irene)
    assert client.get(ADMIN + "bill/").status_code == 403


def test_back_office_adds_a_version_and_decides_an_amendment_only_with_a_vote(client, world, carl):
    import json

    from hemicycle.accounts.testing import admin_form_data

    bill = register(world)
    client.force_login(carl)
    data = admin_form_data(client.get(f"{ADMIN}billversion/add/"))
    data.update({"bill": bill.pk, "label_en": "After committee", "created_on": "2026-04-01",
                 "body": json.dumps(bill.versions.get().body), "provenance": "{}"})
    response = client.post(f"{ADMIN}billversion/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert bill.versions.get(number=2).label_en == "After committee"

    amendment = services.amendment_table(bill=bill, number="1", target_eid="chp_1__art_1__para_1",
                                         wording={"en": "New."})
    page = client.get(f"{ADMIN}amendment/{amendment.pk}/change/")
    data = {name: value for name, value in admin_form_data(page).items() if not (name == "movers" and not value)}
    refused = client.post(f"{ADMIN}amendment/{amendment.pk}/change/", {**data, "status": "adopted"})
    assert refused.status_code == 200
    assert "recorded vote" in " ".join(refused.context["adminform"].form.errors["vote_event"])
    event = vote(world, bill, "pass")
    accepted = client.post(f"{ADMIN}amendment/{amendment.pk}/change/",
                           {**data, "status": "adopted", "vote_event": event.pk})
    assert accepted.status_code == 302
    amendment.refresh_from_db()
    event.refresh_from_db()
    assert amendment.status == "adopted" and event.amendment == amendment
