"""Cooperation in the back office: officers and administrators change it, nobody else; writes go through the
services (an activity's status raises its SEQUENCE and is recorded; done needs evidence; agreements follow their
lifecycle), and a refusal is a form error."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from hemicycle.accounts.roles import can_edit
from hemicycle.accounts.testing import admin_form_data
from hemicycle.cooperation.models import (
    Activity,
    ActivityStatusChange,
    Agreement,
    AssemblyDelegation,
    Commitment,
    Document,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Programme,
)
from hemicycle.cooperation.tests import factories

ADMIN = "/en/admin/"
MODELS = (Partnership, AssemblyDelegation, Meeting, PressRelease, Agreement, Commitment, Programme, Activity,
          Document)


@pytest.fixture
def world(db):
    return factories.cooperation_world()


def _url(obj_or_model, action="change"):
    opts = obj_or_model._meta
    if action in ("add", "changelist"):
        return f"{ADMIN}{opts.app_label}/{opts.model_name}/{'add/' if action == 'add' else ''}"
    return f"{ADMIN}{opts.app_label}/{opts.model_name}/{obj_or_model.pk}/{action}/"


def _form_data(client, obj_or_model, action="change") -> dict:
    """What the admin form would post unchanged (see accounts.testing), with its date-and-time fields."""
    page = client.get(_url(obj_or_model, action))
    assert page.status_code == 200, page.status_code
    data = admin_form_data(page)
    # Date-and-time fields are two inputs in the admin (date, time in the site's zone), which the helper leaves out.
    for name in ("start", "end", "embargo_until", "published_at"):
        value = getattr(obj_or_model, name, None) if action == "change" else None
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value)
            data.pop(name, None)
            data.update({f"{name}_0": local.date().isoformat(), f"{name}_1": local.time().isoformat()})
    # Empty many-to-many selections are not posted at all by a browser.
    return {name: value for name, value in data.items()
            if not (value == "" and name in {"bodies", "delegation", "commitments"})}


def _post_form(client, obj_or_model, action="change", **changes):
    data = _form_data(client, obj_or_model, action)
    data.update(changes)
    return client.post(_url(obj_or_model, action), data)


def _errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


@pytest.mark.parametrize("persona", ["irene", "ada"])
def test_officers_and_administrators_edit_cooperation(client, request, world, persona):
    client.force_login(request.getfixturevalue(persona))
    for model in MODELS:
        assert client.get(_url(model, "changelist")).status_code == 200, model
        assert client.get(_url(model, "add")).status_code == 200, model
    for name in ("partnership", "meeting", "press", "agreement", "overdue", "programme", "next_almaty"):
        assert client.get(_url(world[name])).status_code == 200, name

    response = _post_form(client, world["partnership"], title_en="Kazakhstan – Belgium (renamed)")
    assert response.status_code == 302, _errors(response)
    world["partnership"].refresh_from_db()
    assert world["partnership"].title_en == "Kazakhstan – Belgium (renamed)"
    assert world["partnership"].history.first().history_user == request.getfixturevalue(persona)


@pytest.mark.parametrize("persona", ["carl", "mona"])
def test_clerks_and_moderators_are_refused(client, request, world, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for model in MODELS:
        assert client.get(_url(model, "changelist")).status_code == 403, model
    partnership = world["partnership"]
    assert client.get(_url(partnership)).status_code == 403
    assert client.post(_url(partnership), {"title_en": "Hijacked"}).status_code == 403
    assert client.post(_url(partnership, "delete"), {"post": "yes"}).status_code == 403
    partnership.refresh_from_db()
    assert partnership.title_en != "Hijacked"
    assert not can_edit(user, partnership)


def test_status_change_in_the_admin_raises_sequence_and_records_history(client, irene, world):
    activity = world["next_almaty"]  # scheduled
    sequence = activity.sequence
    client.force_login(irene)

    response = _post_form(client, activity, status="postponed")
    assert response.status_code == 302, _errors(response)
    activity.refresh_from_db()
    assert activity.status == "postponed" and activity.sequence == sequence + 1
    change = ActivityStatusChange.objects.filter(activity=activity).latest("at", "pk")
    assert (change.from_status, change.to_status, change.by) == ("scheduled", "postponed", irene)
    # The record's own history too (simple-history), with who did it.
    assert activity.history.first().history_user == irene and activity.history.first().status == "postponed"
    assert client.get(_url(activity, "history")).status_code == 200

    # A significant field raises it again; a description does not.
    response = _post_form(client, activity, title_en="Round table on reform, new title")
    assert response.status_code == 302, _errors(response)
    activity.refresh_from_db()
    assert activity.sequence == sequence + 2
    assert _post_form(client, activity, description_en="More detail.").status_code == 302
    activity.refresh_from_db()
    assert activity.sequence == sequence + 2 and activity.description_en == "More detail."


def test_illegal_status_change_in_the_admin_is_a_form_error(client, irene, world):
    activity = world["past_activity"]  # held
    client.force_login(irene)
    response = _post_form(client, activity, status="proposed")
    assert response.status_code == 200
    assert "cannot become proposed" in _errors(response)
    activity.refresh_from_db()
    assert activity.status == "held"
    assert not ActivityStatusChange.objects.filter(activity=activity, from_status="held").exists()


def test_activity_added_in_the_admin_goes_through_the_service(client, irene, world):
    client.force_login(irene)
    data = _form_data(client, Activity, "add")
    data.update({"programme": str(world["programme"].pk), "kind": "round_table", "title_en": "Added by hand",
                 "status": "proposed", "start_0": "2027-03-01", "start_1": "10:00", "end_0": "2027-03-01",
                 "end_1": "12:00", "timezone": "Asia/Almaty", "organizer": str(world["partnership"].parliament.pk),
                 "is_published": "on"})
    response = client.post(_url(Activity, "add"), data)
    assert response.status_code == 302, _errors(response)
    added = Activity.objects.get(title_en="Added by hand")
    assert added.uid and added.sequence == 0 and added.public_id.startswith("ocd-activity/")
    first = added.status_changes.get()
    assert (first.from_status, first.to_status, first.by) == ("", "proposed", irene)
    assert LogEntry.objects.filter(object_id=str(added.pk)).exists()


def test_done_without_evidence_is_a_form_error(client, irene, world):
    commitment = world["overdue"]
    client.force_login(irene)
    response = _post_form(client, commitment, status="done")
    assert response.status_code == 200
    assert "Say what shows the commitment is done" in _errors(response)
    commitment.refresh_from_db()
    assert commitment.status == "open"

    response = _post_form(client, commitment, status="done", evidence_en="Briefing note sent.")
    assert response.status_code == 302, _errors(response)
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.closed_on == world["today"]
    assert commitment.evidence_en == "Briefing note sent."


def test_commitment_actions_report_what_lacks_evidence(client, irene, world):
    client.force_login(irene)
    chosen = [world["overdue"].pk, world["open_later"].pk]
    Commitment.objects.filter(pk=world["open_later"].pk).update(evidence_en="Initiative tabled.")
    response = client.post(_url(Commitment, "changelist"), {"action": "mark_done", "_selected_action": chosen},
                           follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "1 commitment changed." in text and "Send the reform briefing note" in text
    assert Commitment.objects.get(pk=world["open_later"].pk).status == "done"
    assert Commitment.objects.get(pk=world["overdue"].pk).status == "open"

    client.post(_url(Commitment, "changelist"), {"action": "mark_in_progress", "_selected_action": chosen[:1]})
    assert Commitment.objects.get(pk=world["overdue"].pk).status == "in_progress"


def test_agreement_status_follows_the_lifecycle_in_the_admin(client, irene, world):
    client.force_login(irene)
    draft = world["draft_agreement"]
    response = _post_form(client, draft, status="in_force")
    assert response.status_code == 200
    assert "cannot become in force; allowed: signed" in _errors(response)
    draft.refresh_from_db()
    assert draft.status == "draft"

    response = _post_form(client, draft, status="signed", signed_on="", signed_at_place="Astana")
    assert response.status_code == 302, _errors(response)
    draft.refresh_from_db()
    assert draft.status == "signed" and draft.signed_on == world["today"] and draft.signed_at_place == "Astana"

    # Expiring before the expiry date is refused by the service, and said so on the form.
    agreement = world["agreement"]
    response = _post_form(client, agreement, status="expired", ended_on=world["today"].isoformat())
    assert response.status_code == 200 and "terminate it" in _errors(response)
    agreement.refresh_from_db()
    assert agreement.status == "in_force"


def test_meeting_participant_and_follow_up_added_in_the_admin(client, irene, world):
    client.force_login(irene)
    # In March 2024 the president of the chamber was still its quaestor.
    meeting = Meeting.objects.create(partnership=world["partnership"], title_en="Meeting of March 2024",
                                     start=factories.at(datetime.date(2024, 3, 1), 10, factories.BRUSSELS),
                                     timezone=factories.BRUSSELS)
    data = _form_data(client, meeting)
    prefix = "participants"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-TOTAL_FORMS": str(total + 1), f"{prefix}-{total}-person": str(world["president"].pk),
                 f"{prefix}-{total}-side": "partner", f"{prefix}-{total}-order": "1"})
    # And a follow-up, which becomes a commitment of the meeting's partnership.
    data.update({"commitments-TOTAL_FORMS": "1", "commitments-0-title_en": "Send the minutes",
                 "commitments-0-side": "ours", "commitments-0-is_published": "on"})
    response = client.post(_url(meeting), data)
    assert response.status_code == 302, response.context and _errors(response)
    added = MeetingParticipant.objects.get(meeting=meeting, person=world["president"])
    assert added.role_en == "Quaestor" and added.post is not None
    follow_up = Commitment.objects.get(meeting=meeting)
    assert follow_up.title_en == "Send the minutes" and follow_up.partnership == world["partnership"]


def test_press_release_publish_action(client, irene, world):
    client.force_login(irene)
    draft = world["draft_press"]
    client.post(_url(PressRelease, "changelist"), {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_public
    assert draft.published_at <= datetime.datetime.now(datetime.UTC)
