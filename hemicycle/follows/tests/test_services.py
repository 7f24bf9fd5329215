"""Follow, unfollow, frequency and unsubscribe: who may, what is refused and why, and that nothing is doubled."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hemicycle.follows import services
from hemicycle.follows.models import Follow
from hemicycle.follows.tokens import TokenInvalid, unsubscribe_token

pytestmark = pytest.mark.django_db


def test_following_each_kind_of_thing(world, alice):
    bill = services.follow_create(user=alice, bill=world["bill"])
    committee = services.follow_create(user=alice, organization=world["committee"], frequency="weekly")
    member = services.follow_create(user=alice, person=world["member"], frequency="never")
    search = services.follow_create(user=alice, query={"q": " open   data ", "stage": "", "page": "2"})
    assert (bill.kind, bill.bill, bill.frequency) == ("bill", world["bill"], "daily")
    assert (committee.kind, committee.organization, committee.frequency) == ("committee", world["committee"], "weekly")
    assert (member.kind, member.person, member.frequency) == ("member", world["member"], "never")
    assert (search.kind, search.query) == ("search", {"q": "open data"})
    assert len(search.query_key) == 64
    assert Follow.objects.filter(user=alice).count() == 4


def test_following_twice_keeps_one_follow(world, alice):
    first = services.follow_create(user=alice, bill=world["bill"], frequency="weekly")
    again = services.follow_create(user=alice, bill=world["bill"], frequency="daily")
    assert again.pk == first.pk and again.frequency == "weekly"
    same_search = services.follow_create(user=alice, query={"q": "open data"})
    assert services.follow_create(user=alice, query={"q": "open  data "}).pk == same_search.pk
    assert Follow.objects.filter(user=alice).count() == 2


def test_the_database_refuses_a_second_follow_of_the_same_bill(world, alice):
    services.follow_create(user=alice, bill=world["bill"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=alice, kind="bill", bill=world["bill"])


def test_the_database_refuses_a_follow_without_its_target(world, alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=alice, kind="committee", bill=world["bill"])


def test_a_visitor_cannot_follow(world):
    with pytest.raises(PermissionDenied):
        services.follow_create(user=AnonymousUser(), bill=world["bill"])


@pytest.mark.parametrize(("arguments", "field"), [
    ({}, "kind"),
    ({"bill": "<the bill>", "frequency": "hourly"}, "frequency"),
    ({"query": {"page": "2"}}, "q"),
    ({"query": {"q": "data", "from": "2026-13-01"}}, "date_from"),
    ({"query": {"q": "data", "date_to": "yesterday"}}, "date_to"),
])
def test_bad_input_names_the_field(world, alice, arguments, field):
    arguments = {name: world["bill"] if value == "<the bill>" else value for name, value in arguments.items()}
    with pytest.raises(ValidationError) as error:
        services.follow_create(user=alice, **arguments)
    assert field in error.value.message_dict


def test_only_published_bills_and_committees_can_be_followed(world, alice):
    with pytest.raises(ValidationError) as error:
        services.follow_create(user=alice, organization=world["kurultai"])
    assert "Only a committee" in error.value.message_dict["organization"][0]
    world["bill"].is_published = False
    world["bill"].save()
    with pytest.raises(ValidationError) as error:
        services.follow_create(user=alice, bill=world["bill"])
    assert "bill" in error.value.message_dict


def test_one_person_follows_a_bounded_number_of_things(world, alice, monkeypatch):
    monkeypatch.setattr(services, "MAX_FOLLOWS_PER_USER", 1)
    services.follow_create(user=alice, bill=world["bill"])
    with pytest.raises(ValidationError) as error:
        services.follow_create(user=alice, person=world["member"])
    assert "Unfollow some first" in error.value.message_dict["kind"][0]


def test_only_the_follower_unfollows_or_changes_the_frequency(world, alice, carl):
    follow = services.follow_create(user=alice, bill=world["bill"])
    with pytest.raises(PermissionDenied):
        services.follow_delete(follow=follow, by=carl)
    with pytest.raises(PermissionDenied):
        services.follow_set_frequency(follow=follow, frequency="weekly", by=carl)
    assert Follow.objects.get(pk=follow.pk).frequency == "daily"
    services.follow_set_frequency(follow=follow, frequency="weekly", by=alice)
    assert Follow.objects.get(pk=follow.pk).frequency == "weekly"
    with pytest.raises(ValidationError) as error:
        services.follow_set_frequency(follow=follow, frequency="sometimes", by=alice)
    assert "frequency" in error.value.message_dict
    services.follow_delete(follow=follow, by=alice)
    assert not Follow.objects.filter(pk=follow.pk).exists()


def test_an_unsubscribe_link_stops_mail_for_all_or_one_follow(world, alice, carl):
    bill = services.follow_create(user=alice, bill=world["bill"])
    member = services.follow_create(user=alice, person=world["member"], frequency="weekly")
    carls = services.follow_create(user=carl, bill=world["bill"])
    assert services.follows_unsubscribe(token=unsubscribe_token(user=alice, follow_id=member.pk)) == 1
    assert Follow.objects.get(pk=member.pk).frequency == "never"
    assert Follow.objects.get(pk=bill.pk).frequency == "daily"
    assert services.follows_unsubscribe(token=unsubscribe_token(user=alice)) == 1
    assert set(Follow.objects.filter(user=alice).values_list("frequency", flat=True)) == {"never"}
    assert Follow.objects.get(pk=carls.pk).frequency == "daily"  # nobody else's
    assert Follow.objects.filter(user=alice).count() == 2  # the follows stay


def test_an_unsubscribe_link_must_be_genuine_and_for_the_current_address(world, alice, carl):
    token = unsubscribe_token(user=alice)
    with pytest.raises(TokenInvalid):
        services.follows_unsubscribe(token=token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    carls = services.follow_create(user=carl, bill=world["bill"])
    with pytest.raises(TokenInvalid):  # alice's link cannot name carl's follow
        services.follows_unsubscribe(token=unsubscribe_token(user=alice, follow_id=carls.pk))
    alice.email = "alice.new@example.org"
    alice.save()
    with pytest.raises(TokenInvalid):
        services.follows_unsubscribe(token=token)
