"""The public pages of the registry: people, bodies, succession, fallback hints, search, last change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hemicycle.core.dates import is_current, validate_partial_date
from hemicycle.people.models import Membership, Organization, OtherName, Person, Succession

pytestmark = pytest.mark.django_db


@pytest.fixture
def chambers():
    parliament = Organization.objects.create(name_en="Parliament of Kazakhstan", classification="parliament")
    senate = Organization.objects.create(name_en="Senate", name_kk="Сенат", parent=parliament,
                                         classification="chamber", dissolution_date="2026-07-01")
    mazhilis = Organization.objects.create(name_en="Mazhilis", name_kk="Мәжіліс", parent=parliament,
                                           classification="chamber", dissolution_date="2026-07-01")
    kurultai = Organization.objects.create(name_en="Kurultai", name_kk="Құрылтай", name_ru="Курултай",
                                           parent=parliament, classification="chamber", founding_date="2026-07-01")
    for old in (senate, mazhilis):
        Succession.objects.create(predecessor=old, successor=kurultai, date=datetime.date(2026, 7, 1),
                                  note_en="Single chamber.")
    return parliament, senate, mazhilis, kurultai


def test_partial_dates_are_checked():
    for good in ("2026", "2026-03", "2026-03-15", ""):
        validate_partial_date(good)
    for bad in ("26", "2026-13", "2026-02-30", "15.03.2026"):
        with pytest.raises(ValidationError):
            validate_partial_date(bad)


def test_a_partial_end_date_covers_its_whole_period():
    day = datetime.date(2026, 11, 28)
    assert is_current("2020", "2026", day)
    assert is_current("2020", "2026-11", day)
    assert not is_current("2020", "2026-10", day)
    assert not is_current("2026-12", "", day)
    assert is_current("", "", day)


def test_current_memberships_use_the_same_rule_in_the_database(chambers):
    _, _, mazhilis, kurultai = chambers
    person = Person.objects.create(name_en="Demo Member")
    old = Membership.objects.create(person=person, organization=mazhilis, start_date="2023", end_date="2026-06-30")
    new = Membership.objects.create(person=person, organization=kurultai, start_date="2026-07-01")
    year = Membership.objects.create(person=person, organization=kurultai, role="chair", end_date="2026")
    on = datetime.date(2026, 11, 28)
    assert set(Membership.objects.current(on)) == {new, year}
    assert set(Membership.objects.past(on)) == {old}


def test_an_organization_cannot_succeed_itself(chambers):
    _, senate, _, _ = chambers
    with pytest.raises(IntegrityError), transaction.atomic():
        Succession.objects.create(predecessor=senate, successor=senate, date=datetime.date(2026, 7, 1))


def test_succession_is_shown_on_both_pages(client, chambers):
    _, senate, mazhilis, kurultai = chambers
    page = client.get(kurultai.get_absolute_url()).content.decode()
    assert senate.get_absolute_url() in page and mazhilis.get_absolute_url() in page
    assert "took over the functions of" in page
    page = client.get(senate.get_absolute_url()).content.decode()
    assert kurultai.get_absolute_url() in page
    assert "its functions have passed to" in page


def test_person_page_shows_current_and_past_memberships_and_last_change(client, chambers):
    _, _, mazhilis, kurultai = chambers
    group = Organization.objects.create(name_en="Group A", classification="political_group", parent=kurultai)
    person = Person.objects.create(name_en="Aigerim Demo", image="https://example.org/a.jpg",
                                   email="aigerim@example.org")
    Membership.objects.create(person=person, organization=mazhilis, start_date="2023", end_date="2026-06-30")
    Membership.objects.create(person=person, organization=kurultai, start_date="2026-07-01", on_behalf_of=group)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    current, past = page.split("Past offices and memberships", 1)
    assert "Kurultai" in current and "Group A" in current
    assert "Mazhilis" in past and "Kurultai" not in past
    assert 'src="https://example.org/a.jpg"' in page
    assert "mailto:aigerim@example.org" in page
    person.refresh_from_db()
    assert f"<time datetime=\"{person.updated_at.isoformat()[:19]}" in page


def test_a_missing_translation_falls_back_with_a_visible_hint(client, chambers):
    parliament = chambers[0]
    parliament.abstract_en = "The legislature."
    parliament.save()
    page = client.get("/kk" + parliament.get_absolute_url()[3:]).content.decode()
    assert '<span lang="en">Parliament of Kazakhstan</span>' in page
    assert 'class="fallback-hint"' in page
    kurultai = chambers[3]
    page = client.get("/kk" + kurultai.get_absolute_url()[3:]).content.decode()
    assert "Құрылтай" in page
    # German has no Kurultai name of its own: it falls back to English, then says so.
    page = client.get("/de" + kurultai.get_absolute_url()[3:]).content.decode()
    assert '<span lang="en">Kurultai</span>' in page


def test_search_finds_people_and_bodies_in_any_language(client, chambers):
    person = Person.objects.create(name_en="Kassym-Jomart Tokayev", name_ru="Касым-Жомарт Токаев")
    OtherName.objects.create(owner=person, name="Qassym-Schomart Toqajew", lang="de")
    for query in ("Токаев", "tokayev", "Toqajew"):
        page = client.get("/en/search/", {"q": query}).content.decode()
        assert person.get_absolute_url() in page, query
    page = client.get("/en/search/", {"q": "Құрылтай"}).content.decode()
    assert chambers[3].get_absolute_url() in page
    page = client.get("/en/search/", {"q": "nothing like this"}).content.decode()
    assert "0 results" in page


def test_every_page_has_lang_switcher_and_hreflang(client, chambers):
    for lang in ("kk", "ru", "en", "fr", "nl", "de"):
        page = client.get(f"/{lang}/").content.decode()
        assert f'<html lang="{lang}"' in page
        for other in ("kk", "ru", "en", "fr", "nl", "de"):
            assert f'hreflang="{other}"' in page
            assert f'href="/{other}/"' in page


def test_unknown_person_is_a_404_page(client):
    response = client.get("/en/people/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
