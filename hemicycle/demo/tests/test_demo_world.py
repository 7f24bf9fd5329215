"""The demo world: the news item's people and bodies, labelled demo members, idempotent loading."""

import pytest
from django.core.management import call_command

from hemicycle.demo.world import load_demo_world
from hemicycle.people.models import Membership, Organization, Person, Succession

pytestmark = pytest.mark.django_db


def test_the_news_items_people_hold_their_posts():
    load_demo_world()
    holders = {
        m.person.name_en: m.post.label_en
        for m in Membership.objects.filter(post__isnull=False).select_related("person", "post")
    }
    assert holders["Roman Vassilenko"] == "Ambassador of Kazakhstan to Belgium"
    assert holders["Peter De Roover"] == "President of the Chamber of Representatives"
    assert holders["Kassym-Jomart Tokayev"] == "President of the Republic of Kazakhstan"
    assert Person.objects.get(name_en="Kassym-Jomart Tokayev").name_kk == "Қасым-Жомарт Тоқаев"


def test_the_kurultai_succeeds_both_chambers():
    load_demo_world()
    kurultai = Organization.objects.get(name_en="Kurultai")
    predecessors = {s.predecessor.name_en for s in Succession.objects.filter(successor=kurultai)}
    assert predecessors == {"Senate of the Parliament of Kazakhstan", "Mazhilis of the Parliament of Kazakhstan"}
    assert kurultai.seats == 145
    assert kurultai.parent.name_en == "Parliament of the Republic of Kazakhstan"
    belgium = Organization.objects.get(name_en="Belgian Federal Parliament")
    assert {c.name_en for c in belgium.children.filter(classification="chamber")} == {
        "Chamber of Representatives", "Senate of Belgium"}


def test_invented_members_are_labelled_and_real_people_are_not():
    load_demo_world()
    assert not Person.objects.filter(name_en__in=["Roman Vassilenko", "Peter De Roover"], is_demo=True).exists()
    demo = Person.objects.filter(is_demo=True)
    assert demo.count() >= 10
    assert all("Demo" in p.name_en for p in demo)
    for classification in ("committee", "friendship_group", "delegation", "international_assembly",
                           "embassy", "government_body", "political_group"):
        assert Organization.objects.filter(classification=classification).exists(), classification


def test_loading_twice_changes_nothing_and_keeps_public_ids():
    first = load_demo_world()
    ids = set(Person.objects.values_list("public_id", flat=True))
    assert load_demo_world() == first
    assert set(Person.objects.values_list("public_id", flat=True)) == ids


def test_demo_badge_on_a_demo_members_page(client):
    load_demo_world()
    person = Person.objects.filter(is_demo=True).first()
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'class="badge badge-demo"' in page


def test_the_command_prints_how_staff_log_in(capsys):
    call_command("load_demo", "--no-legislation")
    out = capsys.readouterr().out
    assert "admin@hemicycle.localhost" in out
    assert "/en/admin/" in out
    assert "password" in out
