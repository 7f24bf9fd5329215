"""Sitting and vote pages, a member's votes on their page, and the calendar feed of a body's sittings."""

import datetime

import icalendar
import pytest
import vobject
from django.urls import reverse

from hemicycle.legislation import selectors_votes as sel
from hemicycle.legislation.models import Sitting
from hemicycle.legislation.tests.factories_votes import make_vote, make_world


@pytest.fixture
def world(db):
    world = make_world()
    world.extra["vote"] = make_vote(world)
    return world


def test_sitting_list_filters(client, world):
    url = reverse("legislation:sitting_list")
    response = client.get(url)
    assert response.status_code == 200
    assert "Plenary of 16 September" in response.text and "Committee hearing on open data" in response.text
    response = client.get(url, {"body": world.committee.public_uuid})
    assert "Committee hearing on open data" in response.text and "Plenary of 16 September" not in response.text
    assert reverse("calendars:body_sittings_ics", args=[world.committee.public_uuid]) in response.text
    response = client.get(url, {"month": "2026-10"})
    assert "No sitting matches" in response.text
    assert client.get(url, {"month": "nonsense", "body": "nonsense", "page": "x"}).status_code == 200


def test_sitting_detail_shows_agenda_and_votes(client, world):
    response = client.get(world.plenary.get_absolute_url())
    assert response.status_code == 200
    assert "First reading of the bill on open data" in response.text
    assert world.extra["vote"].get_absolute_url() in response.text
    unpublished = Sitting.objects.create(organization=world.chamber, kind="plenary", title="Secret",
                                         start=world.plenary.start, end=world.plenary.end, is_published=False)
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_vote_detail_sorts_on_the_server(client, world, django_assert_max_num_queries):
    event = world.extra["vote"]
    with django_assert_max_num_queries(12):
        response = client.get(event.get_absolute_url(), {"sort": "name"})
    assert response.status_code == 200
    text = response.text
    assert text.index("Member 1<") < text.index("Member 2<") < text.index("Member 6<")
    response = client.get(event.get_absolute_url())
    text = response.text
    # By group: Ak Zhol (members 2, 4, 6) before Amanat (1, 3, 5), alphabetically.
    assert text.index("Member 2<") < text.index("Member 1<")
    assert "How the groups voted" in text


def test_member_page_shows_votes_and_attendance(client, world):
    member = world.members[0]
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    assert "Votes and attendance" in response.text and "100%" in response.text
    absent = world.members[5]
    assert sel.member_attendance(absent).percent == 0
    # A person who never voted: nothing about votes.
    from hemicycle.people.models import Person
    stranger = Person.objects.create(name="Stranger")
    assert "Votes and attendance" not in client.get(stranger.get_absolute_url()).text


def test_member_votes_page_has_group_positions(world):
    make_vote(world, ["no"] * 6, motion="Reject", start=datetime.datetime(2026, 9, 17, 6, tzinfo=datetime.UTC))
    page = sel.member_votes_page(world.members[0], 1, per_page=1)
    assert page.paginator.count == 2
    (vote,) = page.object_list
    assert vote.vote_event.motion == "Reject" and vote.group_position == "no" and vote.with_group
    attendance = sel.member_attendance(world.members[0])
    assert (attendance.present, attendance.expected) == (2, 2)


def test_votes_on_an_unpublished_bill_or_at_an_unpublished_sitting_stay_off_the_member_record(world):
    from hemicycle.legislation.models import Bill, VoteEvent
    from hemicycle.legislation.votes import vote_event_record

    member = world.members[0]
    day = datetime.datetime(2026, 9, 18, 6, tzinfo=datetime.UTC)
    hidden_bill = Bill.objects.create(number="13-VIII", title="Not yet public", bill_type=world.bill.bill_type,
                                      parliament=world.parliament, chamber=world.chamber, introduced_on=day.date(),
                                      stage=world.stage, stage_entered_on=day.date(), is_published=False)
    hidden_sitting = Sitting.objects.create(organization=world.chamber, kind="plenary", title="Closed", start=day,
                                            end=day, is_published=False)
    on_hidden_bill = vote_event_record(organization=world.chamber, motion="Hidden bill", start=day,
                                       votes=[(member, "no")], bill=hidden_bill)
    at_hidden_sitting = make_vote(world, ["no"] * 6, motion="Closed sitting", start=day, sitting=hidden_sitting)
    # A motion on no bill, at no sitting, is public.
    free = vote_event_record(organization=world.chamber, motion="Procedural motion", start=day,
                             votes=[(member, "yes")])

    assert set(sel.public_vote_events().filter(motion__in=["Hidden bill", "Closed sitting", "Procedural motion"])) \
        == {free}
    page = sel.member_votes_page(member, 1)
    events = [vote.vote_event for vote in page.object_list]
    assert page.paginator.count == 2 and free in events and world.extra["vote"] in events
    assert on_hidden_bill not in events and at_hidden_sitting not in events
    attendance = sel.member_attendance(member)
    assert (attendance.present, attendance.expected) == (2, 2)
    summary = sel.member_voting_summary(member)
    assert summary["votes_page"].paginator.count == 2 and summary["attendance"] == attendance
    assert VoteEvent.objects.filter(votes__person=member).count() == 4


def _parse(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    card = vobject.readOne(body.decode("utf-8"))
    vevents = card.contents.get("vevent", [])
    assert [str(ev["UID"]) for ev in calendar.events] == [ev.uid.value for ev in vevents]
    return calendar, card


def test_body_sittings_feed(client, world):
    cancelled = Sitting.objects.create(organization=world.chamber, kind="plenary", title="Cancelled sitting",
                                       start=datetime.datetime(2026, 9, 23, 5, tzinfo=datetime.UTC),
                                       end=datetime.datetime(2026, 9, 23, 9, tzinfo=datetime.UTC),
                                       status="cancelled", sequence=2)
    url = reverse("calendars:body_sittings_ics", args=[world.chamber.public_uuid])
    assert url == f"/calendars/bodies/{world.chamber.public_uuid}/sittings.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, card = _parse(response.content)
    events = {str(ev["UID"]): ev for ev in calendar.events}
    assert set(events) == {world.plenary.uid, cancelled.uid}
    assert str(events[cancelled.uid]["STATUS"]) == "CANCELLED"
    assert int(events[cancelled.uid]["SEQUENCE"]) == 2
    assert "First reading of the bill on open data" in str(events[world.plenary.uid]["DESCRIPTION"])
    vevent = next(ev for ev in card.contents["vevent"] if ev.uid.value == world.plenary.uid)
    assert vevent.dtstart.value.astimezone(datetime.UTC) == world.plenary.start
    # Conditional GET, and the Kazakh texts.
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
    kazakh = client.get(url, {"lang": "kk"})
    assert "Жалпы отырыс" in kazakh.content.decode()
    committee = client.get(reverse("calendars:body_sittings_ics", args=[world.committee.public_uuid]))
    calendar, _card = _parse(committee.content)
    assert [str(ev["UID"]) for ev in calendar.events] == [world.committee_sitting.uid]


def test_pages_in_kazakh(client, world):
    from django.utils import translation

    with translation.override("kk"):
        urls = [reverse("legislation:sitting_list"), world.plenary.get_absolute_url(),
                world.extra["vote"].get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert url.startswith("/kk/")
    assert "Жалпы отырыс" in client.get(urls[1]).text
