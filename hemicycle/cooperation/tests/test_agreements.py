"""Agreements: draft → signed → in force → expired or terminated, and a reminder before expiry, sent once."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from hemicycle.accounts.models import User
from hemicycle.accounts.roles import INTERNATIONAL_RELATIONS_OFFICER
from hemicycle.cooperation import services
from hemicycle.cooperation.agreement_workflow import (
    AGREEMENT_TRANSITIONS,
    AgreementTransitionError,
    check_agreement_transition,
)
from hemicycle.cooperation.models import Agreement, Side
from hemicycle.cooperation.tests import factories


@pytest.fixture
def world(db):
    return factories.cooperation_world()


def test_transition_table_is_the_lifecycle():
    assert AGREEMENT_TRANSITIONS["draft"] == {"signed"}
    assert AGREEMENT_TRANSITIONS["signed"] == {"in_force", "terminated"}
    assert AGREEMENT_TRANSITIONS["in_force"] == {"expired", "terminated"}
    assert AGREEMENT_TRANSITIONS["expired"] == AGREEMENT_TRANSITIONS["terminated"] == frozenset()
    check_agreement_transition("signed", "terminated")
    with pytest.raises(AgreementTransitionError, match="cannot become in force; allowed: signed"):
        check_agreement_transition("draft", "in_force")
    with pytest.raises(AgreementTransitionError, match=r"allowed: none \(it is final\)"):
        check_agreement_transition("expired", "in_force")
    with pytest.raises(AgreementTransitionError, match="already signed"):
        check_agreement_transition("signed", "signed")


def test_full_lifecycle_with_signatories_from_the_registry(world, irene):
    draft = world["draft_agreement"]
    signed_on = world["today"] - datetime.timedelta(days=3)
    services.agreement_sign(agreement=draft, signed_on=signed_on, signed_at_place="Astana", by=irene,
                            signatories=[{"person": world["ambassador"], "side": Side.OURS},
                                         {"person": world["president"], "side": Side.PARTNER,
                                          "role_en": "Speaker"}])
    draft.refresh_from_db()
    assert draft.status == "signed" and draft.signed_on == signed_on and draft.signed_at_place == "Astana"
    roles = {s.person: s for s in draft.signatories.all()}
    assert roles[world["ambassador"]].role_en == "Ambassador of Kazakhstan to Belgium"
    assert roles[world["ambassador"]].role_fr == "Ambassadeur du Kazakhstan en Belgique"
    assert roles[world["president"]].role_en == "Speaker" and roles[world["president"]].side == Side.PARTNER

    start, end = world["today"], world["today"] + datetime.timedelta(days=365)
    services.agreement_enter_into_force(agreement=draft, in_force_from=start, expires_on=end, by=irene)
    draft.refresh_from_db()
    assert (draft.status, draft.in_force_from, draft.expires_on) == ("in_force", start, end)

    with pytest.raises(ValidationError, match="to end it earlier, terminate it"):
        services.agreement_expire(agreement=draft, on=start + datetime.timedelta(days=10), by=irene)
    services.agreement_expire(agreement=draft, on=end, by=irene)
    draft.refresh_from_db()
    assert draft.status == "expired" and draft.ended_on == end


def test_a_signed_agreement_can_be_terminated(world, irene):
    services.agreement_sign(agreement=world["draft_agreement"], by=irene)
    done = services.agreement_terminate(agreement=world["draft_agreement"], by=irene)
    assert done.status == "terminated" and done.ended_on == world["today"]


def test_illegal_moves_are_refused_with_a_reason_and_change_nothing(world, irene):
    draft = world["draft_agreement"]
    with pytest.raises(ValidationError) as refused:
        services.agreement_enter_into_force(agreement=draft, by=irene)
    reason = "an agreement that is draft cannot become in force; allowed: signed"
    assert reason in refused.value.message_dict["status"]
    with pytest.raises(ValidationError, match="cannot become expired"):
        services.agreement_expire(agreement=draft, by=irene)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.in_force_from is None

    in_force = world["agreement"]
    with pytest.raises(ValidationError, match="cannot become signed"):
        services.agreement_sign(agreement=in_force, by=irene)
    services.agreement_terminate(agreement=in_force, by=irene)
    with pytest.raises(ValidationError, match=r"terminated cannot become expired; allowed: none \(it is final\)"):
        services.agreement_expire(agreement=in_force, by=irene)
    with pytest.raises(ValidationError, match="already terminated"):
        services.agreement_terminate(agreement=in_force, by=irene)


def test_only_officers_move_agreements(world, carl, alice, ada):
    for user in (carl, alice):
        with pytest.raises(PermissionDenied):
            services.agreement_sign(agreement=world["draft_agreement"], by=user)
    assert services.agreement_sign(agreement=world["draft_agreement"], by=ada).status == "signed"


def test_which_agreements_are_due_for_a_reminder(world):
    today = world["today"]
    due = world["agreement"]  # in force, expires in 30 days, reminds 90 days before
    assert services.agreements_due_for_reminder(today) == [due]
    assert services.agreements_due_for_reminder(due.expires_on - datetime.timedelta(days=91)) == []
    assert services.agreements_due_for_reminder(due.expires_on - datetime.timedelta(days=90)) == [due]
    assert services.agreements_due_for_reminder(due.expires_on + datetime.timedelta(days=1)) == []
    Agreement.objects.filter(pk=due.pk).update(reminder_sent_on=today)
    assert services.agreements_due_for_reminder(today) == []


def _officer(email: str, language: str = "") -> User:
    user = User.objects.create_user(email=email, password="x" * 12, is_staff=True, preferred_language=language)
    user.groups.add(Group.objects.get(name=INTERNATIONAL_RELATIONS_OFFICER))
    return user


def test_reminder_email_goes_to_the_officers_once(world, irene, carl, smtp_server):
    french = _officer("francoise@parliament.example", "fr")
    out = io.StringIO()
    call_command("send_agreement_reminders", stdout=out)
    assert "1 agreement reminder(s) sent." in out.getvalue()

    messages = smtp_server.wait(2)
    assert len(messages) == 2
    english = smtp_server.last(to=irene.email)
    assert "Memorandum on interparliamentary cooperation" in english["Subject"]
    assert world["agreement"].expires_on.isoformat() in english["Subject"]
    body = smtp_server.body(english)
    assert "in 30 days" in body
    assert any(link.endswith(f"/en/cooperation/agreements/{world['agreement'].public_uuid}/")
               for link in smtp_server.links(english))
    french_message = smtp_server.last(to=french.email)
    assert "Mémorandum sur la coopération interparlementaire" in french_message["Subject"]
    assert any("/fr/cooperation/agreements/" in link for link in smtp_server.links(french_message))
    assert not [m for m in smtp_server.messages if carl.email in m["X-Envelope-To"]]

    world["agreement"].refresh_from_db()
    assert world["agreement"].reminder_sent_on == world["today"]

    # Idempotent: the next run (tomorrow's cron) sends nothing more.
    smtp_server.clear()
    out = io.StringIO()
    call_command("send_agreement_reminders", stdout=out)
    assert "0 agreement reminder(s) sent." in out.getvalue()
    assert smtp_server.messages == []


def test_no_reminder_is_recorded_when_nobody_could_be_told(world, smtp_server):
    assert services.agreement_reminders_send(on=world["today"]) == []
    world["agreement"].refresh_from_db()
    assert world["agreement"].reminder_sent_on is None
    assert smtp_server.messages == []


def test_agreement_page_is_public_only_when_published(client, irene, world):
    agreement = world["agreement"]
    agreement.is_published = False
    agreement.save()
    assert client.get(agreement.get_absolute_url()).status_code == 404
    client.force_login(irene)
    response = client.get(agreement.get_absolute_url())
    assert response.status_code == 200 and "not published" in response.content.decode()
