"""The difference page ties each change to its amendment and vote; the phrase page answers in plain words; the
Akoma Ntoso addresses serve valid documents with an ETag and hide what is not published."""

import pytest
from django.urls import reverse
from django.utils import translation

from hemicycle.legislation import akn
from hemicycle.legislation.tests.factories_texts import make_texts_world


@pytest.fixture
def world(db):
    return make_texts_world()


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def test_diff_defaults_to_first_reading_against_final_text(client, world):
    response = client.get(url("legislation:diff", world.bill.public_uuid))
    assert response.status_code == 200
    assert response.context["old"] == world.v2 and response.context["new"] == world.v3
    html = response.content.decode()
    assert "<del><span class=\"visually-hidden\">[deleted text: </span>thirty " in html
    assert "fifteen working" in html and "<ins>" in html
    for amendment in (world.a12, world.a13, world.a14):
        assert url("legislation:amendment", amendment.public_uuid) in html
        assert url("legislation:vote", amendment.vote_event.public_uuid) in html
    assert "Aigerim Mysal" in html and "80 for, 10 against" in html
    rows = response.context["rows"]
    assert [(r.change.eid, [a.number for a in r.amendments]) for r in rows] == [
        ("chp_1__art_2", ["12", "13"]), ("chp_1__art_3", ["14"])]


def test_diff_between_chosen_versions_and_in_kazakh(client, world):
    response = client.get(url("legislation:diff", world.bill.public_uuid, lang="kk"), {"from": 1, "to": 2})
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["text_lang"] == "kk"
    response = client.get(url("legislation:diff", world.bill.public_uuid, lang="kk"), {"from": 1, "to": 3})
    assert "он бес жұмыс" in response.content.decode()
    response = client.get(url("legislation:diff", world.bill.public_uuid), {"from": 9, "to": "x"})
    assert response.status_code == 200 and response.context["invalid_choice"]


def test_diff_in_a_language_without_text_falls_back(client, world):
    response = client.get(url("legislation:diff", world.bill.public_uuid, lang="nl"))
    assert response.context["text_lang"] == "kk" and response.context["text_is_fallback"]


def test_phrase_history_page(client, world):
    page = url("legislation:phrase", world.bill.public_uuid)
    response = client.get(page, {"q": "published   ONLINE"})
    html = " ".join(response.content.decode().split())
    assert "This wording entered the bill in version 3 (final text), in Paragraph 2, through" in html
    assert url("legislation:amendment", world.a13.public_uuid) in html
    assert "moved by Nurlan Example" in html
    assert url("legislation:vote", world.a13.vote_event.public_uuid) in html
    assert "It is still in the latest version." in html
    response = client.get(page, {"q": "reports every year"})
    html = " ".join(response.content.decode().split())
    assert "since it was introduced" in html and "It was taken out in version 3 (final text) by" in html
    assert url("legislation:amendment", world.a14.public_uuid) in html
    response = client.get(page, {"q": "no such words"})
    assert "does not appear in any published version" in response.content.decode()
    assert client.get(page).status_code == 200


def test_unpublished_bill_pages_are_not_found(client, world):
    world.bill.is_published = False
    world.bill.save()
    assert client.get(url("legislation:diff", world.bill.public_uuid)).status_code == 404
    assert client.get(url("legislation:phrase", world.bill.public_uuid)).status_code == 404


def test_akn_views_serve_documents_with_etag(client, world):
    address = akn.akn_url(world.v3)
    assert address == f"/akn/bills/{world.bill.public_uuid}/versions/3.xml"
    response = client.get(address, {"lang": "en"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/akn+xml")
    assert b"/akn/kz/bill/2026/17/eng@2026-03-01" in response.content
    again = client.get(address, {"lang": "en"}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get(address, {"lang": "xx"}).status_code == 404
    amendment = client.get(reverse("akn:amendment_akn", args=[world.a12.public_uuid]))
    assert amendment.status_code == 200 and b"<amendment" in amendment.content and amendment["ETag"]
    sitting = client.get(reverse("akn:sitting_akn", args=[world.sitting.public_uuid]))
    assert sitting.status_code == 200 and b"<debate" in sitting.content


def test_akn_views_hide_unpublished_records(client, world):
    world.v3.is_published = False
    world.v3.save()
    assert client.get(akn.akn_url(world.v3)).status_code == 404
    world.sitting.is_published = False
    world.sitting.save()
    assert client.get(reverse("akn:sitting_akn", args=[world.sitting.public_uuid])).status_code == 404
    world.bill.is_published = False
    world.bill.save()
    assert client.get(reverse("akn:amendment_akn", args=[world.a12.public_uuid])).status_code == 404
    assert client.get(akn.akn_url(world.v1)).status_code == 404


def test_diff_pages_of_generated_demo_bills(client, db):
    from hemicycle.legislation.demo import generate_demo_legislation
    from hemicycle.legislation.models import Bill

    generate_demo_legislation(bills=3, seed=5)
    linked = 0
    for bill in Bill.objects.filter(is_demo=True, is_published=True):
        for lang in ("kk", "nl"):
            response = client.get(url("legislation:diff", bill.public_uuid, lang=lang))
            assert response.status_code == 200
            linked += sum(len(row.amendments) for row in response.context["rows"])
            assert client.get(url("legislation:phrase", bill.public_uuid, lang=lang), {"q": "the"}).status_code == 200
    assert linked, "some change of a demo bill is tied to its amendment"
