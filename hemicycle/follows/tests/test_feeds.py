"""The RSS 2.0 and Atom feeds of a bill, a committee and a member: parsed with lxml, structure and dates checked."""

import datetime
import email.utils

import pytest
from django.utils import timezone
from lxml import etree

from hemicycle.follows import selectors
from hemicycle.follows.tests.conftest import member_vote

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(client, url: str, content_type: str) -> etree._Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return etree.fromstring(response.content, parser=etree.XMLParser(resolve_entities=False, no_network=True))


def rss_items(client, url: str) -> tuple[etree._Element, list[etree._Element]]:
    root = fetch(client, url, "application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.findtext(name), f"channel has no {name}"
    return channel, channel.findall("item")


def rfc822(value: str) -> datetime.datetime:
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None, value
    return parsed


def rfc3339(value: str) -> datetime.datetime:
    parsed = datetime.datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


def test_the_bill_rss_feed_lists_its_changes_newest_first_with_valid_dates(client, world):
    uuid = world["bill"].public_uuid
    channel, items = rss_items(client, f"/en/follow/bills/{uuid}/feed.rss")
    assert channel.findtext("title") == f"{world['bill'].number} On open parliament: what changed"
    assert channel.findtext("link").endswith(world["bill"].get_absolute_url())
    assert channel.findtext("language") == "en"
    expected = selectors.bill_changes(world["bill"])
    assert [item.findtext("title") for item in items] == [change.title for change in expected]
    dates = [rfc822(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == expected[0].at.replace(microsecond=0)
    for item in items:
        assert item.findtext("link").startswith("http://testserver/en/")
        assert item.findtext("description")
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and guid.text.startswith("urn:hemicycle:change:")
    assert len({item.findtext("guid") for item in items}) == len(items)
    self_link = channel.find("{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href") == f"http://testserver/en/follow/bills/{uuid}/feed.rss"


def test_the_bill_atom_feed_is_valid_atom(client, world):
    uuid = world["bill"].public_uuid
    feed = fetch(client, f"/fr/follow/bills/{uuid}/feed.atom", "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    for name in ("title", "id", "updated"):
        assert feed.findtext(f"{ATOM}{name}"), f"feed has no {name}"
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Hemicycle"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(f"/fr/follow/bills/{uuid}/feed.atom")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    updated = [rfc3339(entry.findtext(f"{ATOM}updated")) for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert rfc3339(feed.findtext(f"{ATOM}updated")) == updated[0]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id").startswith("urn:hemicycle:change:")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/fr/")
        assert entry.findtext(f"{ATOM}summary")


def test_the_same_change_has_the_same_id_in_every_language(client, world):
    uuid = world["bill"].public_uuid
    _channel, english = rss_items(client, f"/en/follow/bills/{uuid}/feed.rss")
    _channel, russian = rss_items(client, f"/ru/follow/bills/{uuid}/feed.rss")
    assert [i.findtext("guid") for i in english] == [i.findtext("guid") for i in russian]
    assert "Первое чтение" in [i.findtext("title") for i in russian]


def test_the_committee_and_member_feeds(client, world):
    event = member_vote(world, option="abstain")
    _channel, items = rss_items(client, f"/en/follow/committees/{world['committee'].public_uuid}/feed.rss")
    assert "Sitting: Committee hearing" in [i.findtext("title") for i in items]
    _channel, items = rss_items(client, f"/en/follow/members/{world['member'].public_uuid}/feed.rss")
    assert items[0].findtext("link") == "http://testserver" + event.get_absolute_url()
    assert items[0].findtext("description").startswith("Erlan Member voted “abstain” on")
    feed = fetch(client, f"/en/follow/members/{world['member'].public_uuid}/feed.atom", "application/atom+xml")
    assert len(feed.findall(f"{ATOM}entry")) == len(items)


def test_feeds_are_public_and_answer_404_for_what_cannot_be_followed(client, world):
    assert client.get(f"/en/follow/bills/{world['bill'].public_uuid}/feed.rss").status_code == 200
    assert client.get(f"/en/follow/committees/{world['kurultai'].public_uuid}/feed.rss").status_code == 404
    assert client.get("/en/follow/members/6d0e5b7c-3f7c-4b36-9d53-0a1f2b3c4d5e/feed.atom").status_code == 404
    world["bill"].is_published = False
    world["bill"].save()
    assert client.get(f"/en/follow/bills/{world['bill'].public_uuid}/feed.rss").status_code == 404


def test_a_feed_leaves_out_changes_dated_in_the_future(client, world):
    member_vote(world, start=timezone.now() + datetime.timedelta(days=2), motion="Tomorrow's vote")
    _channel, items = rss_items(client, f"/en/follow/members/{world['member'].public_uuid}/feed.rss")
    assert "Tomorrow's vote" not in [i.findtext("title") for i in items]


def test_a_feed_keeps_the_newest_items_only(client, world, monkeypatch):
    monkeypatch.setattr(selectors, "FEED_ITEMS", 3)
    _channel, items = rss_items(client, f"/en/follow/bills/{world['bill'].public_uuid}/feed.rss")
    assert len(items) == 3


def test_text_from_the_record_is_escaped_in_descriptions(client, world):
    world["adopted"].justification_en = "Needs <script>alert(1)</script> & more"
    world["adopted"].save()
    _channel, items = rss_items(client, f"/en/follow/bills/{world['bill'].public_uuid}/feed.rss")
    description = next(i.findtext("description") for i in items if i.findtext("title") == "Amendment 1 tabled")
    # After XML parsing the description is HTML: the record's markup must arrive as text, not as tags.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in description
