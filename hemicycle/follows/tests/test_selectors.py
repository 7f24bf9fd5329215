"""What changed: the change items of a bill, a committee and a member, their window, and the digest watermark."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from hemicycle.follows import selectors
from hemicycle.follows.models import Follow
from hemicycle.follows.services import follow_create
from hemicycle.follows.tests.conftest import advance, member_vote
from hemicycle.legislation import services as legislation
from hemicycle.legislation.models import Amendment, Sitting, VoteEvent
from hemicycle.legislation.tests import factories_pages as f

pytestmark = pytest.mark.django_db


def keys(changes):
    return [change.key for change in changes]


def test_a_bill_tells_its_stages_texts_amendments_and_votes_newest_first(world):
    changes = selectors.bill_changes(world["bill"])
    kinds = {change.key.split(":")[0] for change in changes}
    # No vote of its own: each vote here is told with what it decided. No agenda: no sitting lists the bill.
    assert kinds == {"stage-change", "version", "amendment"}
    assert changes == sorted(changes, key=lambda c: (c.at, c.key), reverse=True)
    assert len(set(keys(changes))) == len(changes)
    # The adopted amendment is told with its vote; the reading vote with the stage change it moved.
    adopted = next(c for c in changes if c.key == f"amendment:{world['adopted'].pk}:adopted")
    assert "Amendment 1 was adopted" in adopted.sentence and "80 yes, 10 no, 5 abstained" in adopted.sentence
    assert adopted.at == world["amendment_vote"].start
    assert f"vote:{world['amendment_vote'].pk}" not in keys(changes)
    assert f"vote:{world['reading_vote'].pk}" not in keys(changes)
    reading = next(c for c in changes if c.title == "First reading")
    assert reading.all_day and reading.day == datetime.date(2026, 9, 15)
    assert "moved to the stage “First reading”" in reading.sentence and "90 yes" in reading.sentence
    assert reading.url == world["bill"].get_absolute_url() + "#timeline-h"
    registered = next(c for c in changes if c.title == "Registered")
    assert registered.sentence.startswith("The bill was registered.")
    v2 = next(c for c in changes if c.key == f"version:{world['v2'].pk}")
    assert v2.url.endswith("?from=1&to=2") and "what changed" in v2.sentence


def test_a_vote_on_the_bill_that_moved_nothing_is_told_on_its_own(world):
    event = member_vote(world)
    change = next(c for c in selectors.bill_changes(world["bill"]) if c.key == f"vote:{event.pk}")
    assert change.title == "Adopt the bill at second reading"
    assert change.sentence.startswith(f"{world['kurultai'].name} voted on “Adopt the bill at second reading”: ")
    assert change.url == event.get_absolute_url()


def test_an_unpublished_bill_tells_nothing_and_unpublished_versions_stay_out(world):
    world["v2"].is_published = False
    world["v2"].save()
    assert f"version:{world['v2'].pk}" not in keys(selectors.bill_changes(world["bill"]))
    world["bill"].is_published = False
    world["bill"].save()
    assert selectors.bill_changes(world["bill"]) == []
    assert not [c for c in selectors.committee_changes(world["committee"]) if c.key.startswith("stage-change")]


def test_the_window_bounds_changes_and_a_dated_step_counts_for_its_whole_day(world):
    since = timezone.make_aware(datetime.datetime(2026, 9, 15, 18, 0))
    changes = selectors.bill_changes(world["bill"], since=since)
    # The reading of 15 September is kept (its day is in the window), the amendment vote at 10:00 is not.
    assert {c.title for c in changes if c.all_day} == {"First reading", "New text: As amended at first reading"}
    assert not [c for c in changes if not c.all_day and c.at < since]
    until = timezone.make_aware(datetime.datetime(2026, 3, 5))
    assert {c.title for c in selectors.bill_changes(world["bill"], until=until)} == {
        "Registered", "New text: As introduced"}
    assert len(selectors.bill_changes(world["bill"], limit=2)) == 2


def test_a_sitting_that_puts_the_bill_on_its_agenda_is_news_for_the_bill(world):
    sitting = world["upcoming"]
    sitting.agenda_items.create(order=1, title="Hearing on the bill", bill=world["bill"])
    change = selectors.bill_changes(world["bill"], limit=1)[0]
    assert change.title == "On the agenda: Committee hearing"
    assert world["committee"].name in change.sentence
    sitting.status = Sitting.Status.CANCELLED
    sitting.save()
    assert not [c for c in selectors.bill_changes(world["bill"]) if c.key.startswith("agenda:")]


def test_a_committee_tells_its_sittings_votes_and_the_steps_of_its_bills(world):
    vote = VoteEvent.objects.create(organization=world["committee"], bill=world["bill"], motion="Recommend adoption",
                                    motion_en="Recommend adoption", start=timezone.now() - datetime.timedelta(hours=1),
                                    result=VoteEvent.Result.PASS, yes_count=7, no_count=2)
    changes = selectors.committee_changes(world["committee"])
    by_key = {c.key: c for c in changes}
    scheduled = by_key[f"sitting:{world['upcoming'].pk}"]
    assert scheduled.title == "Sitting: Committee hearing" and "A sitting is scheduled on" in scheduled.sentence
    assert by_key[f"vote:{vote.pk}"].title == f"{world['bill'].number}: Recommend adoption"
    step = next(c for c in changes if c.key.startswith("stage-change") and c.title.endswith("First reading"))
    assert step.sentence.startswith(f"Bill {world['bill'].number} On open parliament moved to")
    # The plenary's sittings are not the committee's.
    assert f"sitting:{world['sitting'].pk}" not in by_key


def test_a_moved_or_cancelled_sitting_is_news_again(world):
    sitting = world["upcoming"]
    sitting.sequence = 1
    sitting.start += datetime.timedelta(days=1)
    sitting.end += datetime.timedelta(days=1)
    sitting.save()
    assert selectors.committee_changes(world["committee"], limit=1)[0].key == f"sitting:{sitting.pk}:1"
    sitting.status = Sitting.Status.CANCELLED
    sitting.save()
    cancelled = selectors.committee_changes(world["committee"], limit=1)[0]
    assert cancelled.key == f"sitting:{sitting.pk}:cancelled" and cancelled.title == "Cancelled: Committee hearing"


def test_a_member_tells_votes_offices_sponsored_bills_and_amendments(world):
    member = world["member"]
    absent = member_vote(world, option="absent", start=timezone.now() - datetime.timedelta(hours=2),
                         motion="Close the debate")
    voted = member_vote(world, option="no")
    world["bill"].sponsors.add(member)
    world["adopted"].movers.add(member)
    changes = selectors.member_changes(member)
    by_key = {c.key.split(":")[0]: c for c in reversed(changes)}  # the newest of each kind
    assert by_key["member-vote"].sentence.startswith("Erlan Member voted “no” on “Adopt the bill at second reading”.")
    assert "Result: rejected (0 yes, 1 no, 0 abstained)." in by_key["member-vote"].sentence
    assert by_key["member-vote"].url == voted.get_absolute_url()
    absent_change = next(c for c in changes if c.url == absent.get_absolute_url())
    assert absent_change.sentence.startswith("Erlan Member was absent for the vote on “Close the debate”.")
    assert by_key["membership"].sentence == f"Erlan Member became member of {world['kurultai'].name}."
    assert by_key["membership"].day == datetime.date(2026, 7, 1)
    assert by_key["sponsor"].sentence == f"Erlan Member is a sponsor of bill {world['bill'].number} On open parliament."
    assert by_key["amendment"].sentence.startswith(
        f"Erlan Member moved amendment 1 to bill {world['bill'].number} On open parliament.")


def test_a_membership_with_only_a_year_is_not_placed_on_a_day(world):
    member = world["member"]
    member.memberships.update(start_date="2026", end_date="2026-12")
    assert not [c for c in selectors.member_changes(member) if c.key.startswith("membership")]


def test_changes_are_written_in_the_active_language(world):
    def reading():
        return next(c for c in selectors.bill_changes(world["bill"]) if c.day == datetime.date(2026, 9, 15)
                    and c.key.startswith("stage-change"))

    with translation.override("ru"):
        assert reading().title == "Первое чтение"
        assert reading().url.startswith("/ru/")
        assert "Поправка 1" not in reading().sentence
    with translation.override("nl"):
        assert reading().title == "Eerste lezing"


def test_a_digest_tells_only_what_changed_since_the_follow_and_never_twice(world, alice):
    follow = follow_create(user=alice, bill=world["bill"])
    now = timezone.now()
    # Everything in the bill world happened before the follow began (some of it earlier today: seen already).
    assert follow.digested_keys
    assert selectors.digest_changes(follow, now=now) == []
    step = advance(world)
    amendment = legislation.amendment_table(bill=world["bill"], number="3", target_eid="chp_1__art_1__para_1",
                                            wording={"en": "New wording."})
    later = timezone.now() + datetime.timedelta(seconds=1)
    fresh = selectors.digest_changes(follow, now=later)
    assert set(keys(fresh)) == {f"stage-change:{step.pk}", f"amendment:{amendment.pk}:tabled"}
    # The digest is mailed: the watermark moves and the keys are remembered.
    follow.digested_until = later
    follow.digested_keys = {**follow.digested_keys, **{c.key: c.at.isoformat() for c in fresh}}
    follow.save()
    assert selectors.digest_changes(follow, now=later + datetime.timedelta(hours=1)) == []
    # Then the amendment is withdrawn: news again, under its own key.
    legislation.amendment_decide(amendment=amendment, status=Amendment.Status.WITHDRAWN)
    again = selectors.digest_changes(follow, now=timezone.now() + datetime.timedelta(seconds=1))
    assert keys(again) == [f"amendment:{amendment.pk}:withdrawn"]


def test_a_step_recorded_late_still_reaches_the_next_digest(world, alice):
    follow = follow_create(user=alice, bill=world["bill"])
    Follow.objects.filter(pk=follow.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    follow.refresh_from_db()
    follow.digested_until = timezone.now()
    follow.save()
    # After the last digest, a clerk records a step dated three days ago.
    step = advance(world, on=timezone.localdate() - datetime.timedelta(days=3))
    assert keys(selectors.digest_changes(follow, now=timezone.now())) == [f"stage-change:{step.pk}"]
    # Older than the look-back, it is history, not news.
    follow.digested_until = timezone.now() + selectors.LOOKBACK
    assert selectors.digest_changes(follow, now=follow.digested_until) == []


def test_the_window_never_starts_before_the_day_of_the_follow(world, alice):
    follow = follow_create(user=alice, organization=world["committee"])
    since, until = selectors.digest_window(follow, timezone.now())
    assert since == selectors.day_start(timezone.localdate(follow.created_at))


def test_what_can_be_followed(world):
    assert selectors.kind_of(world["bill"]) == Follow.Kind.BILL
    assert selectors.kind_of(world["committee"]) == Follow.Kind.COMMITTEE
    assert selectors.kind_of(world["kurultai"]) is None  # a chamber: too much to follow
    assert selectors.kind_of(world["member"]) == Follow.Kind.MEMBER
    assert selectors.kind_of({"q": "  open   data "}) == Follow.Kind.SEARCH
    assert selectors.kind_of({"page": "2"}) is None
    world["bill"].is_published = False
    assert selectors.kind_of(world["bill"]) is None
    assert selectors.kind_of(f.body("Embassy", "embassy")) is None


def test_search_parameters_are_normalised_to_one_key():
    one = selectors.search_query_normalise({"q": " open   data", "stage": "", "page": "3", "to": "2026-12-31",
                                            "kind": ["person", "bill"]})
    two = selectors.search_query_normalise(QueryDict("kind=bill&date_to=2026-12-31+&q=open+data&kind=person"))
    assert one == two == {"q": "open data", "kind": ["bill", "person"], "date_to": "2026-12-31"}
    assert selectors.search_query_key(one) == selectors.search_query_key(two)
    assert selectors.search_query_key(one) != selectors.search_query_key({"q": "open data"})
    assert selectors.search_fields(one) == [("q", "open data"), ("kind", "bill"), ("kind", "person"),
                                            ("date_to", "2026-12-31")]
    assert selectors.search_url(one).endswith("?q=open+data&kind=bill&kind=person&date_to=2026-12-31")


def test_a_sitting_recorded_after_it_took_place_is_dated_by_its_start(world):
    held = world["committee"].sittings.create(
        kind=Sitting.Kind.COMMITTEE, title="Hearing on open data", title_en="Hearing on open data",
        start=timezone.now() - datetime.timedelta(days=3), end=timezone.now() - datetime.timedelta(days=3, hours=-2),
        place_en="Room 4", status=Sitting.Status.HELD)
    change = next(c for c in selectors.committee_changes(world["committee"]) if c.key == f"sitting:{held.pk}")
    assert change.at == held.start
    assert change.sentence.startswith("The committee sat on ") and change.sentence.endswith("Place: Room 4.")
    upcoming = next(c for c in selectors.committee_changes(world["committee"])
                    if c.key == f"sitting:{world['upcoming'].pk}")
    assert upcoming.at == world["upcoming"].created_at and upcoming.sentence.startswith("A sitting is scheduled")
