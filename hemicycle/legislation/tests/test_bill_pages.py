"""The public bill pages: a reader who has never read a bill learns where it is, what is next and what changed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from hemicycle.legislation import selectors
from hemicycle.legislation.tests import factories_pages as f

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture(autouse=True)
def english():
    # A request to /kk/ or /nl/ leaves its language active in the thread; addresses below are built in English.
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return f.bill_world()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- list -----------------------------------------------------------------------------------------------------

def test_bill_list_says_where_each_bill_is(client, world):
    page = text(client.get(url("legislation:bill_list")))
    assert world["bill"].number in page
    assert "Now at stage:" in page and "First reading" in page


def test_bill_list_filters(client, world):
    other = f.simple_bill(stages=world["stages"], bill_type=world["bill_type"], parliament=world["parliament"],
                          chamber=world["kurultai"], stage="registered")
    base = url("legislation:bill_list")
    by_stage = text(client.get(base, {"stage": "first-reading"}))
    assert world["bill"].number in by_stage and other.number not in by_stage
    by_committee = text(client.get(base, {"committee": world["committee"].public_uuid}))
    assert world["bill"].number in by_committee and other.number not in by_committee
    by_year = text(client.get(base, {"year": "2025"}))
    assert other.number in by_year and world["bill"].number not in by_year
    by_type = text(client.get(base, {"type": world["bill_type"].code}))
    assert other.number in by_type and world["bill"].number in by_type
    nothing = text(client.get(base, {"type": "no-such-type"}))
    assert "No bill matches these filters." in nothing


def test_unpublished_bill_is_hidden(client, world):
    world["bill"].is_published = False
    world["bill"].save()
    assert client.get(world["bill"].get_absolute_url()).status_code == 404
    assert world["bill"].number not in text(client.get(url("legislation:bill_list")))


# --- bill page ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "nl"])
def test_bill_page_says_where_it_is_and_what_is_next(client, world, lang):
    bill = world["bill"]
    page = text(client.get(url("legislation:bill", bill.public_uuid, lang=lang)))
    stage = world["stages"]["first-reading"]
    assert getattr(stage, f"name_{lang}") in page
    assert f.EXPLAIN[lang] in page
    assert f.NEXT[lang] in page
    assert f.DURATION[lang] in page
    assert f.PARTICIPATE[lang] in page
    assert getattr(bill, f"title_{lang}") in page
    # reachable stages from here
    assert getattr(world["stages"]["second-reading"], f"name_{lang}") in page
    assert getattr(world["stages"]["withdrawn"], f"name_{lang}") in page


def test_bill_page_progress_line(client, world):
    page = text(client.get(world["bill"].get_absolute_url()))
    line = page[page.index('class="progress-line"'):]
    line = line[:line.index("</ol>")]
    assert line.count('aria-current="step"') == 1
    assert line.count("step-done") == 2  # registered, committee
    # the main road leads to law: no detour or failure on it
    assert "Returned with objections" not in line and "Withdrawn" not in line
    assert "In force" in line


def test_main_path_is_the_road_to_law(world):
    path = [s.code for s in selectors.main_path(world["workflow"].pk)]
    assert path == ["registered", "committee", "first-reading", "second-reading", "signed", "in-force"]


def test_timeline_and_votes_and_texts(client, world):
    bill = world["bill"]
    page = text(client.get(bill.get_absolute_url()))
    assert "Referred to the committee on openness." in page
    assert world["reading_vote"].get_absolute_url() in page
    assert world["amendment_vote"].get_absolute_url() in page
    assert world["adopted"].get_absolute_url() in page
    assert f'{url("legislation:diff", bill.public_uuid)}?from=1&amp;to=2' in page
    assert reverse("akn:version_akn", args=[bill.public_uuid, 1]) in page
    assert world["v2"].get_absolute_url() in page
    assert world["committee"].get_absolute_url() in page
    assert world["sponsor"].get_absolute_url() in page


def test_transfer_to_successor_chamber_is_said(client, world):
    page = text(client.get(world["bill"].get_absolute_url()))
    day = date_format(f.TRANSFER_DATE, "DATE_FORMAT")
    assert (f"This bill was pending in the {world['mazhilis'].name} and passed to the {world['kurultai'].name} "
            f"on {day}") in page
    assert "transferred to the successor chamber" in page


def test_transfer_from_timeline_without_succession(world):
    from hemicycle.people.models import Succession

    Succession.objects.all().delete()
    context = selectors.bill_page(world["bill"])
    assert context["transfer"].predecessor == world["mazhilis"]
    assert context["transfer"].date == f.TRANSFER_DATE


def test_bill_page_query_count(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get(world["bill"].get_absolute_url())


# --- version, amendment ---------------------------------------------------------------------------------------

def test_version_page_has_eid_anchors_and_fallback_hint(client, world):
    page = text(client.get(url("legislation:version", world["bill"].public_uuid, 2, lang="nl")))
    for eid in ("chp_1", "chp_1__art_1", "chp_1__art_1__para_1", "chp_1__art_1__para_2"):
        assert f'id="{eid}"' in page
    # no Dutch text: English with a visible hint
    assert "Citizens receive information free of charge." in page
    assert 'lang="en"' in page and "fallback-hint" in page
    assert "changed by amendment 1" in re.sub(r"<[^>]+>", "", page) or "amendement" in page


def test_version_page_in_kazakh(client, world):
    page = text(client.get(url("legislation:version", world["bill"].public_uuid, 1, lang="kk")))
    assert "Азаматтар ақпарат алады." in page
    assert "fallback-hint" not in page[page.index('class="bill-body"'):]


def test_version_headings_in_order(client, world):
    page = client.get(url("legislation:version", world["bill"].public_uuid, 1)).content.decode()
    levels = [int(n) for n in re.findall(r"<h([1-6])", page)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_missing_version_is_404(client, world):
    assert client.get(url("legislation:version", world["bill"].public_uuid, 9)).status_code == 404


def test_amendment_page(client, world):
    page = text(client.get(world["adopted"].get_absolute_url()))
    assert "Citizens receive information." in page  # wording now
    assert "article 1, paragraph 2" in page
    assert "Citizens receive information free of charge." in page  # proposed
    assert world["mover"].name in page
    assert "Adopt" in page and "Adopted" in page
    assert world["amendment_vote"].get_absolute_url() in page
    assert "80" in page
    deleted = text(client.get(world["rejected"].get_absolute_url()))
    assert "The provision would be removed." in deleted and "Rejected" in deleted


# --- organization and home --------------------------------------------------------------------------------------

def test_committee_page_lists_its_bills_and_next_sittings(client, world):
    page = text(client.get(world["committee"].get_absolute_url()))
    assert "Bills before this committee" in page
    assert world["bill"].get_absolute_url() in page
    assert world["upcoming"].get_absolute_url() in page


def test_chamber_page_lists_pending_bills(client, world):
    page = text(client.get(world["kurultai"].get_absolute_url()))
    assert "Bills pending here" in page and world["bill"].number in page
    parliament = text(client.get(world["parliament"].get_absolute_url()))
    assert "Bills pending here" not in parliament


def test_home_shows_latest_bills_and_nav(client, world):
    page = text(client.get(url("portal:home")))
    assert world["bill"].get_absolute_url() in page
    assert url("legislation:bill_list") in page


def test_days_in_stage(world):
    context = selectors.bill_page(world["bill"], today=datetime.date(2026, 11, 1))
    assert context["days_in_stage"] == 47
    assert context["overdue"] is True


@pytest.mark.parametrize("lang", ["kk", "nl"])
def test_bill_page_lists_its_published_documents(client, world, lang):
    page = client.get(url("legislation:bill", world["bill"].public_uuid, lang=lang)).content.decode()
    assert "https://example.org/docs/note.pdf" in page
    assert {"kk": "Түсіндірме жазба", "nl": "Memorie van toelichting"}[lang] in page
    assert "Internal draft" not in page  # not published


def test_bill_api_gives_documents(client, world):
    data = client.get(f"/api/v1/bills/{world['bill'].public_uuid}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [(d["kind"], d["title"], d["url"], d["language"]) for d in data["documents"]] == [
        ("explanatory_note", "Explanatory note", "https://example.org/docs/note.pdf", "kk")]
