"""Press releases: pages and RSS/Atom feeds per language, published only, embargo respected."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from hemicycle.cooperation import services
from hemicycle.cooperation.tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def world(db):
    return factories.cooperation_world()


def address(obj, lang="en") -> str:
    with translation.override(lang):
        return obj.get_absolute_url()


def rss(client, lang: str) -> ET.Element:
    response = client.get(f"/{lang}/cooperation/press/feed.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)


def atom(client, lang: str) -> ET.Element:
    response = client.get(f"/{lang}/cooperation/press/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_rss_has_only_published_releases_in_the_feeds_language(client, world):
    channel = rss(client, "fr").find("channel")
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["La coopération prend un nouvel élan"]
    item = items[0]
    assert item.findtext("link").endswith(address(world["press"], "fr"))
    assert item.findtext("link").startswith("http://testserver/fr/")
    assert item.findtext("description") == "L'ambassadeur a rencontré le président de la Chambre."
    assert item.findtext("guid") == f"urn:uuid:{world['press'].public_uuid}"
    assert item.findtext("pubDate")


@pytest.mark.parametrize(("lang", "title"), [
    ("kk", "Ынтымақтастық жаңа серпін алады"),
    ("ru", "Сотрудничество получит новый импульс"),
    ("en", "Cooperation gains new momentum"),
    ("nl", "Samenwerking krijgt nieuw elan"),
    ("de", "Cooperation gains new momentum"),  # no German text: English, the first fallback
])
def test_each_languages_feed_carries_its_translation(client, world, lang, title):
    assert [i.findtext("title") for i in rss(client, lang).iter("item")] == [title]
    entries = atom(client, lang).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [title]


def test_atom_feed_parses_and_leaves_out_embargoed_and_drafts(client, world):
    feed = atom(client, "en")
    assert feed.get(XML_LANG) == "en"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/en/cooperation/press/feed.atom")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{world['press'].public_uuid}"
    assert entry.find(f"{ATOM}link").get("href").endswith(address(world["press"]))
    assert entry.findtext(f"{ATOM}published")
    text = ET.tostring(feed, encoding="unicode")
    assert "Embargoed announcement" not in text and "Draft announcement" not in text


def test_an_embargoed_release_appears_when_its_time_comes(client, world):
    release = world["embargoed_press"]
    assert client.get(address(release)).status_code == 404
    release.published_at = timezone.now() - datetime.timedelta(minutes=1)
    release.save()
    assert "Embargoed announcement" in [i.findtext("title") for i in rss(client, "en").iter("item")]
    assert client.get(address(release)).status_code == 200


def test_press_pages_show_published_releases_and_link_the_feeds(client, world):
    listing = client.get("/en/cooperation/press/").content.decode()
    assert "Cooperation gains new momentum" in listing
    assert "Embargoed announcement" not in listing and "Draft announcement" not in listing
    for html in (listing, client.get(address(world["press"])).content.decode()):
        head = html[:html.index("</head>")]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert 'href="/en/cooperation/press/feed.rss"' in head
        assert '<link rel="alternate" type="application/atom+xml"' in head
        assert 'href="/en/cooperation/press/feed.atom"' in head

    detail = client.get(address(world["press"], "kk")).content.decode()
    assert "Ынтымақтастық жаңа серпін алады" in detail and "Толық мәтін." in detail
    assert address(world["meeting"], "kk") in detail
    assert client.get(address(world["draft_press"])).status_code == 404

    other = factories.partnership()
    filtered = client.get(f"/en/cooperation/press/?partnership={other.public_uuid}").content.decode()
    assert "Cooperation gains new momentum" not in filtered


def test_officers_see_drafts_and_embargoed_releases_marked(client, irene, world):
    client.force_login(irene)
    listing = client.get("/en/cooperation/press/").content.decode()
    assert "Embargoed announcement" in listing and "Draft announcement" in listing
    assert "embargoed" in listing and "not published" in listing
    assert client.get(address(world["draft_press"])).status_code == 200
    # The feeds are public: never a draft, whoever asks.
    assert [i.findtext("title") for i in rss(client, "en").iter("item")] == ["Cooperation gains new momentum"]


def test_press_release_publish(db, irene, carl, world):
    draft = world["draft_press"]
    later = timezone.now() + datetime.timedelta(days=2)
    services.press_release_publish(press_release=draft, at=later, by=irene)
    draft.refresh_from_db()
    assert draft.published_at == later and not draft.is_public  # embargoed until then

    services.press_release_publish(press_release=draft, by=irene)
    draft.refresh_from_db()
    assert draft.is_public

    with pytest.raises(PermissionDenied):
        services.press_release_publish(press_release=world["embargoed_press"], by=carl)
