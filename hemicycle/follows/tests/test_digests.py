"""Email digests through a real SMTP server: one mail per person, in their language, only when something changed,
watermarks that move only after the server took the mail, and working unsubscribe links."""

import datetime
import re
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone

from hemicycle.core.testing_smtp import MailCollector, _free_port
from hemicycle.follows import services
from hemicycle.follows.models import Follow
from hemicycle.follows.services import digests_send, follow_create
from hemicycle.follows.tests.conftest import advance, member_vote

pytestmark = pytest.mark.django_db


def age(*follows, by=datetime.timedelta(days=1)):
    """As if the follows had begun, and last been digested, ``by`` ago (a digest is due)."""
    for follow in follows:
        Follow.objects.filter(pk=follow.pk).update(created_at=follow.created_at - by,
                                                   digested_until=follow.digested_until - by)


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def test_one_digest_per_person_with_text_html_and_unsubscribe_headers(world, alice, smtp_server):
    bill = follow_create(user=alice, bill=world["bill"])
    member = follow_create(user=alice, person=world["member"])
    age(bill, member)
    step = advance(world, note="Sent to the plenary.")
    member_vote(world, option="no")

    report = digests_send()

    assert report.sent == [alice.email] and not report.failed
    [message] = smtp_server.wait(1)
    assert message["To"] == alice.email
    assert message["Subject"] == "Hemicycle: 3 changes in what you follow"
    text = smtp_server.body(message)
    assert "== B-" in text and "On open parliament (bill) ==" in text
    assert "The bill moved to the stage “Second reading”. Sent to the plenary." in text
    assert "Erlan Member voted “no” on “Adopt the bill at second reading”." in text
    assert "http://127.0.0.1:8000/en/legislation/bills/" in text  # absolute links from SITE_URL
    html = html_part(message)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "Second reading</a></strong>" in html
    # Folded after the colon on the wire (the address is longer than a header line): one angle-bracketed URL.
    unsubscribe = re.fullmatch(r"<(http://127\.0\.0\.1:8000/en/follow/unsubscribe/[^>]+/)>",
                               message["List-Unsubscribe"].strip())
    assert unsubscribe and unsubscribe.group(1) in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    for follow in (bill, member):
        follow.refresh_from_db()
        assert follow.digested_until > timezone.now() - datetime.timedelta(minutes=1)
    bill.refresh_from_db()
    assert f"stage-change:{step.pk}" in bill.digested_keys


def test_nothing_changed_nothing_sent_and_nothing_sent_twice(world, alice, smtp_server):
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    report = digests_send()
    assert report.sent == [] and report.unchanged == 1
    follow.refresh_from_db()
    assert follow.digested_until > timezone.now() - datetime.timedelta(minutes=1)  # considered, up to now
    advance(world)
    assert digests_send().sent == []  # the next daily digest is not due yet
    later = timezone.now() + datetime.timedelta(days=1)
    assert digests_send(now=later).sent == [alice.email]
    assert digests_send(now=later + datetime.timedelta(days=1)).sent == []
    assert len(smtp_server.messages) == 1


def test_the_digest_speaks_the_persons_language(world, alice, smtp_server):
    alice.preferred_language = "ru"
    alice.save()
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    digests_send()
    message = smtp_server.last(to=alice.email)
    assert '<html lang="ru">' in html_part(message)
    text = smtp_server.body(message)
    assert "Второе чтение" in text  # the stage's own Russian name
    assert "/ru/legislation/bills/" in text and "/en/" not in text


def test_weekly_follows_wait_for_their_week_and_never_follows_get_no_mail(world, alice, carl, smtp_server):
    weekly = follow_create(user=alice, bill=world["bill"], frequency="weekly")
    never = follow_create(user=carl, bill=world["bill"], frequency="never")
    age(weekly, never, by=datetime.timedelta(days=3))
    advance(world)
    assert digests_send().sent == []
    assert digests_send(frequency="daily").sent == []
    assert digests_send(now=timezone.now() + datetime.timedelta(days=5)).sent == [alice.email]
    assert smtp_server.last(to=alice.email)
    assert not [m for m in smtp_server.messages if carl.email in m["X-Envelope-To"]]


def test_one_mail_groups_follows_of_both_frequencies(world, alice, smtp_server):
    daily = follow_create(user=alice, bill=world["bill"])
    weekly = follow_create(user=alice, person=world["member"], frequency="weekly")
    age(daily, weekly, by=datetime.timedelta(days=8))
    advance(world)
    member_vote(world)
    assert digests_send().sent == [alice.email]
    assert len(smtp_server.wait(1)) == 1
    text = smtp_server.body(smtp_server.messages[0])
    assert "(bill) ==" in text and "Erlan Member (member) ==" in text


class RefusingCollector(MailCollector):
    """A mail server that refuses one mailbox (550), as a real one does for an address that no longer exists."""

    refused = "gone@example.org"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 — aiosmtpd's hook
        if address == self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp_server(settings):
    from aiosmtpd.controller import Controller

    collector = RefusingCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield collector
    finally:
        controller.stop()


def test_a_refused_mail_moves_no_watermark_and_is_sent_next_time(world, alice, carl, refusing_smtp_server):
    refused = follow_create(user=alice, bill=world["bill"])
    accepted = follow_create(user=carl, bill=world["bill"])
    age(refused, accepted)
    before = Follow.objects.get(pk=refused.pk)
    advance(world)
    alice.email = RefusingCollector.refused
    alice.save()

    report = digests_send()

    assert report.sent == [carl.email]
    [(address, reason)] = report.failed
    assert address == RefusingCollector.refused and "SMTPRecipientsRefused" in reason
    after = Follow.objects.get(pk=refused.pk)
    assert (after.digested_until, after.digested_keys) == (before.digested_until, before.digested_keys)
    assert Follow.objects.get(pk=accepted.pk).digested_until > before.digested_until
    # The mailbox is back: the same changes go out on the next run, and carl gets nothing twice.
    alice.email = "alice@example.org"
    alice.save()
    assert digests_send().sent == [alice.email]
    assert "Second reading" in refusing_smtp_server.body(refusing_smtp_server.last(to="alice@example.org"))
    assert len(refusing_smtp_server.messages) == 2


def test_an_unreachable_mail_server_fails_the_run_loudly_and_records_nothing(world, alice, settings):
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    before = Follow.objects.get(pk=follow.pk).digested_until
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    with pytest.raises(OSError):
        digests_send()
    assert Follow.objects.get(pk=follow.pk).digested_until == before


def test_a_person_who_cannot_log_in_gets_no_digest(world, alice, smtp_server):
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    alice.is_active = False
    alice.save()
    assert digests_send().sent == []
    assert smtp_server.messages == []


def test_the_unsubscribe_link_asks_first_then_stops_all_digests(world, alice, smtp_server):
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    digests_send()
    link = re.search(r"<http://127\.0\.0\.1:8000(/[^>]+)>", smtp_server.last()["List-Unsubscribe"]).group(1)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link)
    assert page.status_code == 200 and b"Stop all digest emails to alice@example.org?" in page.content
    assert Follow.objects.get(pk=follow.pk).frequency == "daily"  # a GET (a mail scanner's) changes nothing
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    done = browser.post(link, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200 and b"No more digest email to alice@example.org." in done.content
    assert Follow.objects.get(pk=follow.pk).frequency == "never"


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token(world, alice, smtp_server):
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    digests_send()
    link = re.search(r"<http://127\.0\.0\.1:8000(/[^>]+)>", smtp_server.last()["List-Unsubscribe"]).group(1)
    # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" to the header's address.
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Follow.objects.get(pk=follow.pk).frequency == "never"


def test_each_section_has_its_own_stop_link(world, alice, smtp_server):
    bill = follow_create(user=alice, bill=world["bill"])
    member = follow_create(user=alice, person=world["member"])
    age(bill, member)
    advance(world)
    member_vote(world)
    digests_send()
    text = smtp_server.body(smtp_server.last())
    stops = re.findall(r"No more email about this: http://127\.0\.0\.1:8000(\S+)", text)
    assert len(stops) == 2
    Client().post(stops[1])
    assert Follow.objects.get(pk=member.pk).frequency == "never"
    assert Follow.objects.get(pk=bill.pk).frequency == "daily"


def test_a_damaged_unsubscribe_link_answers_400(client, alice):
    response = client.get("/en/follow/unsubscribe/not-a-token/")
    assert response.status_code == 400 and b"This link does not work" in response.content
    assert client.post("/en/follow/unsubscribe/not-a-token/").status_code == 400


def test_long_digests_show_the_first_changes_and_link_to_the_rest(world, alice, smtp_server, monkeypatch):
    monkeypatch.setattr(services, "DIGEST_ITEMS_SHOWN", 1)
    follow = follow_create(user=alice, person=world["member"])
    age(follow)
    for hour in range(3):
        member_vote(world, start=timezone.now() - datetime.timedelta(hours=hour + 1), motion=f"Motion {hour}")
    digests_send()
    text = smtp_server.body(smtp_server.last())
    assert "Motion 0" in text and "Motion 1" not in text
    assert "And 2 more changes: http://127.0.0.1:8000" + world["member"].get_absolute_url() in text
    follow.refresh_from_db()
    assert len([key for key in follow.digested_keys if key.startswith("member-vote")]) == 3


def test_the_command_reports_and_fails_when_a_digest_could_not_go(world, alice, carl, refusing_smtp_server):
    ok = follow_create(user=alice, bill=world["bill"])
    bad = follow_create(user=carl, bill=world["bill"])
    age(ok, bad)
    advance(world)
    carl.email = RefusingCollector.refused
    carl.save()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("send_digests", "--frequency", "daily", stdout=out, stderr=err)
    assert f"Sent: {alice.email}" in out.getvalue()
    assert "1 digest(s) sent, 0 without changes, 0 left to another run, 1 failed." in out.getvalue()
    assert f"Failed: {RefusingCollector.refused}: SMTPRecipientsRefused" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_follow_that_another_run_holds_is_left_to_it(world, alice, smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite writes one transaction at a time anyway)")
    follow = follow_create(user=alice, bill=world["bill"])
    age(follow)
    advance(world)
    locked, release = threading.Event(), threading.Event()

    def other_run():  # another send-digests process, in the middle of its mail to alice
        try:
            with transaction.atomic():
                Follow.objects.select_for_update().get(pk=follow.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_run)
    thread.start()
    try:
        assert locked.wait(10)
        report = digests_send()
    finally:
        release.set()
        thread.join()
    assert (report.sent, report.unchanged, report.skipped) == ([], 0, 1) and smtp_server.messages == []
    assert digests_send().sent == [alice.email]  # once it is free (and still due), it goes out once
