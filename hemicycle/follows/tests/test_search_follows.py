"""Following a search: its parameters kept and checked by the search app's own form, new results in the digest and
in the search’s feeds."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from hemicycle.follows import selectors
from hemicycle.follows.models import Follow
from hemicycle.follows.services import digests_send, follow_create
from hemicycle.legislation.tests import factories
from hemicycle.search.tests.test_search import _article, _bill

pytestmark = pytest.mark.django_db


@pytest.fixture
def chambers(db):
    world = factories.chambers()
    world["water"] = _bill(world, "B-1", committee=world["old_legal"], en="On water resources",
                           ru="О водных ресурсах")
    world["budget"] = _bill(world, "B-2", en="Republican budget for 2027")
    return world


def test_alice_follows_a_search_with_its_filters(client, chambers, alice):
    client.force_login(alice)
    response = client.post(reverse("follows:add"), {"what": "search", "q": "water ", "kind": ["bill", "person"],
                                                    "date_from": "2026-01-01", "page": "3", "next": "/en/search/"})
    assert response.status_code == 302 and response["Location"] == "/en/search/"
    follow = Follow.objects.get(user=alice)
    assert follow.query == {"q": "water", "kind": ["bill", "person"], "date_from": "2026-01-01"}
    assert selectors.follow_url(follow) == "/en/search/?q=water&kind=bill&kind=person&date_from=2026-01-01"
    # The same search spelled otherwise is the same follow.
    client.post(reverse("follows:add"), {"what": "search", "kind": ["person", "bill"], "q": "water",
                                         "from": "2026-01-01"})
    assert Follow.objects.filter(user=alice).count() == 1


def test_the_search_apps_form_refuses_a_bad_filter_naming_it(client, chambers, alice):
    client.force_login(alice)
    response = client.post(reverse("follows:add"), {"what": "search", "q": "water", "kind": "spaceship"})
    assert response.status_code == 400 and "kind: " in response.content.decode()
    response = client.post(reverse("follows:add"), {"what": "search", "q": "water", "date_from": "2026-05-01",
                                                    "date_to": "2026-01-01"})
    assert response.status_code == 400 and "date_to: " in response.content.decode()
    assert not Follow.objects.exists()


def test_new_results_of_a_followed_search_reach_the_digest(chambers, alice, smtp_server):
    follow = follow_create(user=alice, query={"q": "water"})
    assert follow.digested_keys  # the water bill was already found when alice followed
    Follow.objects.filter(pk=follow.pk).update(created_at=follow.created_at - datetime.timedelta(days=1),
                                               digested_until=follow.digested_until - datetime.timedelta(days=1))
    newer = _bill(chambers, "B-3", en="On drinking water quality",
                  body=_article({"en": "Tap water is tested every week by the sanitary service."}))
    _bill(chambers, "B-4", en="On roads")

    assert digests_send().sent == [alice.email]

    message = smtp_server.last(to=alice.email)
    text = smtp_server.body(message)
    assert "Search “water” (search) ==" in text
    assert "On drinking water quality" in text and newer.public_uuid in text
    assert "On water resources" not in text and "On roads" not in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Tap <mark>water</mark> is tested" in html  # the search's highlighted snippet
    assert digests_send(now=timezone.now() + datetime.timedelta(days=1)).sent == []


def test_the_search_feed_is_public_and_parses(client, chambers):
    response = client.get("/en/follow/search/feed.rss?q=water&kind=bill")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Search “water” (kind: bill): what changed"
    assert channel.findtext("link") == "http://testserver/en/search/?q=water&kind=bill"
    titles = [item.findtext("title") for item in channel.iter("item")]
    assert titles == ["B-1 On water resources"]  # the highlight markup is left out of a feed title
    atom = etree.fromstring(client.get("/en/follow/search/feed.atom?q=water").content)
    assert atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert client.get("/en/follow/search/feed.rss").status_code == 404  # no words: nothing to follow


def test_the_follow_box_of_a_search_page_carries_the_query(rf: RequestFactory, alice):
    request = rf.get("/en/search/?q=water&kind=bill&kind=person")
    request.user = alice
    html = Template("{% load follows %}{% follow_box request.GET %}").render(
        Context({"request": request, "csrf_token": "t"}))
    assert 'name="what" value="search"' in html
    for field in ('name="q" value="water"', 'name="kind" value="bill"', 'name="kind" value="person"'):
        assert field in html
    assert "/en/follow/search/feed.rss?q=water&amp;kind=bill&amp;kind=person" in html
    request = rf.get("/en/search/?kind=bill")
    request.user = alice
    assert "follow-box" not in Template("{% load follows %}{% follow_box request.GET %}").render(
        Context({"request": request}))
