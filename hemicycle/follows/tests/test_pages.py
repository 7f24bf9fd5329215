"""The follow box on bill, committee and person pages, the follow forms, "My follows" and who may do what."""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from hemicycle.follows.models import Follow
from hemicycle.follows.services import follow_create

pytestmark = pytest.mark.django_db


def path(obj) -> str:
    return obj.get_absolute_url()


def box(html: str) -> str:
    found = re.search(r'<section class="follow-box".*?</section>', html, re.S)
    assert found, "no follow box on the page"
    return found.group(0)


def test_a_visitor_sees_feeds_and_a_link_to_log_in_that_comes_back(client, world):
    html = box(client.get(path(world["bill"])).content.decode())
    login = reverse("accounts:login") + "?" + urlencode({"next": path(world["bill"])})
    assert f'href="{login}"' in html
    assert "<form" not in html
    assert f'href="/en/follow/bills/{world["bill"].public_uuid}/feed.rss"' in html
    assert f'href="/en/follow/bills/{world["bill"].public_uuid}/feed.atom"' in html
    assert ".ics" not in html


def test_the_committee_box_links_the_existing_calendar_of_its_sittings(client, world):
    html = box(client.get(path(world["committee"])).content.decode())
    ics = reverse("calendars:body_sittings_ics", args=[world["committee"].public_uuid])
    assert f'href="{ics}"' in html
    assert client.get(ics).status_code == 200
    assert f"/en/follow/committees/{world['committee'].public_uuid}/feed.rss" in html


def test_a_person_page_has_a_box_and_a_chamber_page_has_none(client, world):
    assert "/follow/members/" in box(client.get(path(world["member"])).content.decode())
    assert 'class="follow-box"' not in client.get(path(world["kurultai"])).content.decode()


def test_alice_follows_a_bill_from_its_page_and_unfollows_it(client, world, alice):
    client.force_login(alice)
    page = path(world["bill"])
    html = box(client.get(page).content.decode())
    assert 'name="what" value="bill"' in html and f'name="target" value="{world["bill"].public_uuid}"' in html
    response = client.post(reverse("follows:add"), {"what": "bill", "target": world["bill"].public_uuid,
                                                    "frequency": "weekly", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    follow = Follow.objects.get(user=alice)
    assert (follow.bill, follow.frequency) == (world["bill"], "weekly")
    html = unescape(client.get(page).content.decode())
    assert f"You follow {world['bill'].number} On open parliament. You will get an email (weekly)" in html
    assert "You follow it: email weekly." in box(html)
    assert f'action="/en/follow/{follow.pk}/delete/"' in box(html)
    response = client.post(reverse("follows:delete", args=[follow.pk]), {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert not Follow.objects.filter(user=alice).exists()


def test_following_without_a_session_sends_to_the_login_page_and_back(client, world):
    page = path(world["bill"])
    response = client.post(reverse("follows:add"), {"what": "bill", "target": world["bill"].public_uuid,
                                                    "next": page})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert page.replace("/", "%2F") in response["Location"]
    assert not Follow.objects.exists()


def test_a_follow_form_needs_its_csrf_token(world, alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.post(reverse("follows:add"), {"what": "bill", "target": world["bill"].public_uuid})
    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_the_next_address_must_be_on_this_site(client, world, alice):
    client.force_login(alice)
    response = client.post(reverse("follows:add"), {"what": "member", "target": world["member"].public_uuid,
                                                    "next": "https://evil.example/"})
    assert response["Location"] == path(world["member"])


@pytest.mark.parametrize(("form", "field"), [
    ({"what": "party", "target": "x"}, "what"),
    ({"what": "bill", "target": "not-a-uuid"}, "target"),
    ({"what": "bill", "target": "6d0e5b7c-3f7c-4b36-9d53-0a1f2b3c4d5e"}, "target"),
    ({"what": "search", "page": "2"}, "q"),
    ({"what": "search", "q": "data", "date_from": "2026-02-30"}, "date_from"),
])
def test_bad_input_answers_400_naming_the_field(client, world, alice, form, field):
    client.force_login(alice)
    response = client.post(reverse("follows:add"), form)
    assert response.status_code == 400
    assert f"{field}: " in unescape(response.content.decode())
    assert not Follow.objects.exists()


def test_a_committee_page_follow_and_a_chamber_refused(client, world, alice):
    client.force_login(alice)
    client.post(reverse("follows:add"), {"what": "committee", "target": world["committee"].public_uuid})
    assert Follow.objects.get(user=alice).organization == world["committee"]
    response = client.post(reverse("follows:add"), {"what": "committee", "target": world["kurultai"].public_uuid})
    assert response.status_code == 400 and "Only a committee" in unescape(response.content.decode())


def test_my_follows_lists_them_with_their_frequency_and_feeds(client, world, alice):
    follow_create(user=alice, bill=world["bill"], frequency="weekly")
    follow_create(user=alice, organization=world["committee"])
    client.force_login(alice)
    html = client.get(reverse("follows:my_follows")).content.decode()
    assert world["bill"].number in html and world["committee"].name in html
    assert '<option value="weekly" selected>' in html
    assert f"/en/follow/bills/{world['bill'].public_uuid}/feed.atom" in html
    assert reverse("calendars:body_sittings_ics", args=[world["committee"].public_uuid]) in html
    assert html.index('id="follows-bill-h"') < html.index('id="follows-committee-h"')


def test_my_follows_is_for_the_signed_in_and_linked_from_the_account_page(client, alice):
    response = client.get(reverse("follows:my_follows"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.login(username=alice.email, password=PASSWORD)
    assert reverse("follows:my_follows") in client.get(reverse("accounts:account")).content.decode()
    assert "You follow nothing yet" in unescape(client.get(reverse("follows:my_follows")).content.decode())


def test_the_frequency_is_changed_from_my_follows(client, world, alice):
    follow = follow_create(user=alice, bill=world["bill"])
    client.force_login(alice)
    response = client.post(reverse("follows:frequency", args=[follow.pk]), {"frequency": "never"})
    assert response.status_code == 302 and response["Location"] == reverse("follows:my_follows")
    assert Follow.objects.get(pk=follow.pk).frequency == "never"
    response = client.post(reverse("follows:frequency", args=[follow.pk]), {"frequency": "monthly"})
    assert response.status_code == 400 and "frequency: " in response.content.decode()


def test_nobody_touches_another_persons_follow(client, world, alice, carl):
    follow = follow_create(user=alice, bill=world["bill"])
    client.force_login(carl)
    assert client.post(reverse("follows:delete", args=[follow.pk])).status_code == 404
    assert client.post(reverse("follows:frequency", args=[follow.pk]), {"frequency": "never"}).status_code == 404
    assert world["bill"].number not in client.get(reverse("follows:my_follows")).content.decode()
    assert Follow.objects.get(pk=follow.pk).frequency == "daily"


def test_the_follow_forms_take_only_posts(client, world, alice):
    follow = follow_create(user=alice, bill=world["bill"])
    client.force_login(alice)
    assert client.get(reverse("follows:add")).status_code == 405
    assert client.get(reverse("follows:delete", args=[follow.pk])).status_code == 405
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_follow_posts_are_rate_limited(client, world, alice, settings):
    settings.RATELIMIT_FOLLOW = "2/h"
    client.force_login(alice)
    form = {"what": "bill", "target": world["bill"].public_uuid}
    assert client.post(reverse("follows:add"), form).status_code == 302
    follow = Follow.objects.get(user=alice)
    assert client.post(reverse("follows:delete", args=[follow.pk])).status_code == 302
    response = client.post(reverse("follows:add"), form)
    assert response.status_code == 429
    assert not Follow.objects.exists()


def test_the_box_and_my_follows_speak_the_pages_language(client, world, alice):
    client.force_login(alice)
    follow_create(user=alice, bill=world["bill"])
    html = client.get(f"/ru/legislation/bills/{world['bill'].public_uuid}/").content.decode()
    assert f'href="/ru/follow/bills/{world["bill"].public_uuid}/feed.rss"' in box(html)
    assert client.get("/kk/follow/").status_code == 200
