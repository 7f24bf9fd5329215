"""The joint programme on the portal: its page with filters and chart, the activity page, versions and their
difference, the implementation page, CSV files and the printable programme."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from hemicycle.cooperation import services
from hemicycle.cooperation.models import Activity, ActivityStatusChange, Commitment, Document
from hemicycle.cooperation.tests.factories_programmes import (
    ALMATY,
    BRUSSELS,
    local,
    make_activity,
    make_commitment,
    make_programme_with_activities,
    make_world,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    """Addresses reversed in English whatever page a test read before (a page activates its language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    world = make_world()
    world.activities = make_programme_with_activities(world)
    return world


def url(name, record, **query):
    address = reverse(f"cooperation:{name}", args=[record.public_uuid])
    if query:
        from urllib.parse import urlencode

        address += "?" + urlencode(query)
    return address


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode()), "a byte-order mark tells spreadsheet apps the file is UTF-8"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


# --- The programme page ----------------------------------------------------------------------------------------

def test_programme_page_shows_activities_grouped_by_month_with_local_times(client, world):
    response = client.get(url("programme", world.programme))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Joint calendar of activities 2025–2026" in html
    for month in ("March 2025", "May 2025", "October 2025", "November 2025"):
        assert month in html
    # The round table in Brussels at 10:00 local time in May: CEST, UTC+2.
    assert "10:00–12:00" in html and "Brussels time (CEST, UTC+2)" in html
    assert "08:00–10:00 UTC" in html
    # The video call in Kazakhstan: Astana time, UTC+5 since March 2024, no letter abbreviation.
    assert "15:00–17:00" in html and "Astana time (UTC+5)" in html
    # A three-day visit spans dates.
    assert "10:00–12:00" in html
    assert "Visit of the Belgian delegation to Astana" in html
    assert "Parliament House" in html and "Astana" in html


def test_programme_page_hides_embargoed_activities_from_the_public(client, world):
    html = client.get(url("programme", world.programme)).content.decode()

    assert "Secret visit of the Speaker" not in html
    assert world.activities["embargoed"].get_absolute_url() not in html


def test_programme_page_shows_embargoed_activities_to_officers_marked(client, world, irene):
    client.force_login(irene)
    html = client.get(url("programme", world.programme)).content.decode()

    assert "Secret visit of the Speaker" in html
    assert "embargoed until" in html


def test_unpublished_activity_and_programme_are_hidden(client, world):
    world.activities["video"].is_published = False
    world.activities["video"].save()
    assert "Video conference of the friendship groups" not in client.get(
        url("programme", world.programme)).content.decode()

    world.programme.is_published = False
    world.programme.save()
    assert client.get(url("programme", world.programme)).status_code == 404


def test_programme_page_shows_the_current_version_and_its_signatures(client, world):
    version = services.programme_agree(programme=world.programme)
    version.our_signature = "sig-ours"
    version.partner_signature = "sig-partner"
    version.save()

    html = client.get(url("programme", world.programme)).content.decode()

    assert "Version 1" in html and "Agreed" in html
    assert "countersigned by both parliaments" in html


def test_programme_page_links_its_feed_downloads_and_print(client, world):
    html = client.get(url("programme", world.programme)).content.decode()
    feed = reverse("calendars:programme_ics", args=[world.programme.public_uuid])

    assert f'type="text/calendar" href="http://testserver{feed}"' in html
    assert url("programme_csv", world.programme) in html
    assert url("activities_csv", world.programme) in html
    assert url("programme_print", world.programme) in html
    assert url("programme_versions", world.programme) in html


@pytest.mark.parametrize("query, shown, hidden", [
    ({"kind": "video_conference"}, ["Video conference"], ["Round table", "Joint initiative"]),
    ({"status": "held"}, ["Visit of the Belgian delegation"], ["Round table", "Video conference"]),
    ({"quarter": "2025-Q2"}, ["Round table", "Video conference"], ["Visit of the Belgian", "Joint initiative"]),
    ({"quarter": "2025-Q4", "status": "cancelled"}, ["Committee meeting on energy"], ["Joint initiative"]),
])
def test_programme_filters(client, world, query, shown, hidden):
    html = client.get(url("programme", world.programme, **query)).content.decode()
    activities = html.split('id="activities-h"', 1)[1].split("</form>", 1)[1]

    for text in shown:
        assert text in activities
    for text in hidden:
        assert text not in activities


def test_programme_filter_by_organizing_side(client, world):
    html = client.get(url("programme", world.programme, organizer=world.be.public_id)).content.decode()
    activities = html.split('id="activities-h"', 1)[1].split("</form>", 1)[1]

    assert "Round table on digital parliament" in activities
    assert "Joint initiative at the IPU Assembly" in activities
    assert "Video conference" not in activities


def test_invalid_filter_is_ignored_and_explained(client, world):
    response = client.get(url("programme", world.programme, kind="picnic"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Video conference of the friendship groups" in html


def test_programme_page_embeds_an_accessible_implementation_chart_and_its_table(client, world):
    html = client.get(url("programme", world.programme)).content.decode()

    start = html.index("<svg")
    svg = ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Q2 2025" in texts and "Planned" in texts
    # No style attribute anywhere: the CSP would block it.
    assert not any(element.get("style") for element in svg.iter())
    # The table alternative: Q1 2025 has one planned, one held (the visit); Q2 two planned, one reported.
    table = re.sub(r' data-label="[^"]*"', "", html[html.index("Activities planned and held, by quarter"):])
    assert "<th scope=\"row\">Q2 2025</th><td class=\"num\">2</td><td class=\"num\">1</td>" in table
    assert "<th scope=\"row\">Q1 2025</th><td class=\"num\">1</td><td class=\"num\">1</td>" in table


def test_programme_page_in_kazakh(client, world):
    response = client.get(url("programme", world.programme).replace("/en/", "/kk/", 1))

    assert response.status_code == 200


# --- One activity ----------------------------------------------------------------------------------------------

def test_activity_page_tells_everything_about_it(client, world, irene):
    visit = world.activities["visit"]
    services.activity_set_status(activity=visit, status=Activity.Status.REPORTED, by=irene, note="Report filed")
    Activity.objects.filter(pk=visit.pk).update(outcome_report_en="Two committees agreed to exchange reports.")
    commitment = make_commitment(world, title="Exchange committee reports")
    visit.commitments.add(commitment)
    Document.objects.create(partnership=world.partnership, activity=visit, title="Joint statement",
                            title_en="Joint statement", url="https://example.org/statement.pdf", language="en")

    response = client.get(visit.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Visit of the Belgian delegation to Astana" in html
    assert "Jan Voorbeeld" in html and "Committee on Foreign Affairs" in html
    assert "Two committees agreed to exchange reports." in html
    assert "Exchange committee reports" in html and "Joint statement" in html
    # History: created as held, then held → reported, with the note; officers' emails are not shown to the public.
    assert ActivityStatusChange.objects.filter(activity=visit).count() == 2
    assert "Report filed" in html and "irene@" not in html
    assert "March 10, 2025, 09:00 – March 12, 2025, 17:00" in html
    assert visit.uid in html


def test_activity_page_of_a_joint_initiative_names_the_assembly(client, world):
    html = client.get(world.activities["ipu"].get_absolute_url()).content.decode()

    assert "Joint initiative at" in html and "Inter-Parliamentary Union" in html
    # Geneva in October: CEST.
    assert "Zurich time (CEST, UTC+2)" in html


def test_embargoed_activity_page_is_404_for_the_public_and_visible_to_officers(client, world, irene):
    address = world.activities["embargoed"].get_absolute_url()

    assert client.get(address).status_code == 404
    client.force_login(irene)
    assert client.get(address).status_code == 200


# --- Versions and their difference -----------------------------------------------------------------------------

@pytest.fixture
def versions(world, irene):
    first = services.programme_version_create(programme=world.programme, by=irene)
    round_table = world.activities["round_table"]
    services.activity_update(activity=round_table, by=irene, start=round_table.start + datetime.timedelta(days=1),
                             end=round_table.end + datetime.timedelta(days=1), title_kk="Цифрлық парламент")
    Activity.objects.filter(pk=world.activities["video"].pk).delete()
    make_activity(world, title="Friendship group meeting in Brussels", kind=Activity.Kind.FRIENDSHIP_GROUP_MEETING,
                  start=local(BRUSSELS, 2025, 6, 3, 14, 0), organizer=world.be)
    second = services.programme_agree(programme=world.programme, by=irene)
    return first, second


def test_versions_page_lists_versions_with_status_digest_and_signatures(client, world, versions):
    html = client.get(url("programme_versions", world.programme)).content.decode()

    first, second = versions
    assert first.digest in html and second.digest in html
    assert "Draft" in html and "Agreed" in html
    assert "not signed by the partner" in html
    assert "?from=1&amp;to=2" in html


def test_diff_page_lists_added_removed_and_changed_with_markers(client, world, versions, irene):
    client.force_login(irene)  # the deleted video call is not public any more: officers see it go
    response = client.get(url("programme_diff", world.programme), {"from": 1, "to": 2})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Changes from version 1 to 2" in html
    assert "Added</span>" in html and "Friendship group meeting in Brussels" in html
    assert "Changed</span>" in html
    # The changed start, shown in the activity's own zone, before and after.
    assert "May 12, 2025, 10:00 Brussels time (CEST, UTC+2)" in html
    assert "May 13, 2025, 10:00 Brussels time (CEST, UTC+2)" in html
    # Only the language whose title changed.
    assert "Title (Kazakh)" in html and "Цифрлық парламент" in html
    assert "Title (English)" not in html
    # Markers are words and symbols, not colour alone.
    assert 'class="diff-entry diff-added"' in html and "+</span> Added" in html


def test_diff_hides_embargoed_activities_from_the_public(client, world, versions):
    html = client.get(url("programme_diff", world.programme), {"from": 1, "to": 2}).content.decode()

    assert "Secret visit of the Speaker" not in html
    assert "Friendship group meeting in Brussels" in html


def test_diff_page_defaults_to_the_last_two_versions_and_refuses_unknown_numbers(client, world, versions):
    assert "Changes from version 1 to 2" in client.get(url("programme_diff", world.programme)).content.decode()

    response = client.get(url("programme_diff", world.programme), {"from": 1, "to": 7})
    assert response.status_code == 400
    assert "Its versions are: 1, 2" in response.content.decode()

    response = client.get(url("programme_diff", world.programme), {"from": "one"})
    assert response.status_code == 400


# --- Implementation and overdue commitments --------------------------------------------------------------------

def test_implementation_page_charts_overdue_commitments_by_owner(client, world):
    today = datetime.date.today()
    make_commitment(world, title="Send the draft MoU", owner_organization=world.committee,
                    due_on=today - datetime.timedelta(days=10))
    make_commitment(world, title="Invite the speaker", owner_organization=world.committee,
                    due_on=today - datetime.timedelta(days=120))
    make_commitment(world, title="Translate the minutes", owner_person=world.aigerim,
                    due_on=today - datetime.timedelta(days=45), status=Commitment.Status.IN_PROGRESS)
    make_commitment(world, title="Done already", owner_person=world.aigerim,
                    due_on=today - datetime.timedelta(days=45), status=Commitment.Status.DONE, evidence="Sent")
    make_commitment(world, title="Hidden one", owner_person=world.jan, is_published=False,
                    due_on=today - datetime.timedelta(days=5))

    response = client.get(url("programme_implementation", world.programme))

    assert response.status_code == 200
    html = response.content.decode()
    charts = html.split("<svg")[1:]
    assert len(charts) == 2
    overdue = ET.fromstring("<svg" + charts[1][:charts[1].index("</svg>") + len("</svg>")])
    texts = [t.text for t in overdue.iter(f"{SVG}text")]
    assert "Committee on Foreign Affairs" in texts and "Aigerim Mysal" in texts
    assert "2 overdue" in texts and "1 overdue" in texts
    assert "Jan Voorbeeld" not in html and "Done already" not in html
    assert "<th scope=\"row\">Committee on Foreign Affairs</th><td class=\"num\">1</td><td class=\"num\">0</td>" \
           "<td class=\"num\">1</td>" in re.sub(r' data-label="[^"]*"', "", html)


# --- CSV and print ---------------------------------------------------------------------------------------------

def test_programme_csv_is_utf8_with_bom_and_one_row_per_public_activity(client, world):
    response = client.get(url("programme_csv", world.programme))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 5  # six activities, one embargoed
    titles = [row["Title"] for row in rows]
    assert "Secret visit of the Speaker" not in titles
    round_table = next(row for row in rows if row["Title"] == "Round table on digital parliament")
    assert round_table["Local time"] == "10:00–12:00"
    assert "Europe/Brussels" in round_table["Time zone"] and "UTC+2" in round_table["Time zone"]
    assert round_table["Start (UTC)"] == "2025-05-12T08:00:00Z"
    assert round_table["UID"] == world.activities["round_table"].uid
    assert round_table["Quarter"] == "2025-Q2"


def test_programme_csv_follows_the_page_filters(client, world):
    rows = read_csv(client.get(url("programme_csv", world.programme, kind="video_conference")))

    assert [row["Title"] for row in rows] == ["Video conference of the friendship groups"]


def test_activities_csv_has_stable_columns_and_translated_text(client, world):
    Activity.objects.filter(pk=world.activities["video"].pk).update(title_kk="Бейнеконференция")
    response = client.get(url("activities_csv", world.programme).replace("/en/", "/kk/", 1))

    rows = read_csv(response)
    assert list(rows[0]) == ["uid", "kind", "kind_label", "title", "start_local", "end_local", "timezone",
                             "utc_offset", "start_utc", "end_utc", "status", "status_label", "organizer_id",
                             "organizer", "venue", "city", "assembly", "bodies", "delegation", "sequence",
                             "embargo_until", "url", "updated_at"]
    video = next(row for row in rows if row["kind"] == "video_conference")
    assert video["title"] == "Бейнеконференция"
    assert video["start_local"] == "2025-05-20 15:00" and video["timezone"] == ALMATY
    assert video["utc_offset"] == "UTC+5" and video["start_utc"] == "2025-05-20T10:00:00Z"
    assert video["organizer_id"] == world.kz.public_id
    visit = next(row for row in rows if row["kind"] == "visit_incoming")
    assert visit["delegation"] == "Jan Voorbeeld" and visit["bodies"] == "Committee on Foreign Affairs"
    assert all(row["title"] != "Secret visit of the Speaker" for row in rows)


def test_activities_csv_includes_embargoed_rows_for_officers(client, world, irene):
    client.force_login(irene)
    rows = read_csv(client.get(url("activities_csv", world.programme)))

    assert len(rows) == 6


def test_csv_cells_cannot_run_as_formulas(client, world):
    make_activity(world, title="=HYPERLINK(\"http://evil.example\")", start=local(ALMATY, 2025, 7, 1, 10, 0))

    rows = read_csv(client.get(url("activities_csv", world.programme)))

    assert any(row["title"] == "'=HYPERLINK(\"http://evil.example\")" for row in rows)


def test_commitments_csv(client, world):
    today = datetime.date.today()
    make_commitment(world, title="Send the draft MoU", owner_organization=world.committee,
                    due_on=today - datetime.timedelta(days=10))
    make_commitment(world, title="Report on the visit", owner_person=world.aigerim, status=Commitment.Status.DONE,
                    evidence="Report published", due_on=today - datetime.timedelta(days=3))
    make_commitment(world, title="Unpublished", owner_person=world.jan, is_published=False)

    response = client.get(reverse("cooperation:commitments_csv", args=[world.partnership.public_uuid]))

    rows = read_csv(response)
    assert [row["title"] for row in rows] == ["Send the draft MoU", "Report on the visit"]
    late, done = rows
    assert late["owner"] == "Committee on Foreign Affairs" and late["owner_id"] == world.committee.public_id
    assert late["status"] == "open" and late["days_overdue"] == "10"
    assert done["evidence"] == "Report published" and done["days_overdue"] == ""


def test_print_page_is_a_clean_table_with_print_stylesheet(client, world):
    response = client.get(url("programme_print", world.programme))

    assert response.status_code == 200
    html = response.content.decode()
    assert "cooperation/programme-print.css" in html
    assert 'class="print-table"' in html
    assert "Round table on digital parliament" in html and "Secret visit" not in html
    assert "Brussels time (CEST, UTC+2)" in html


def test_long_programme_is_paginated_keeping_the_filters(client, world, monkeypatch):
    from hemicycle.cooperation.views import programmes

    monkeypatch.setattr(programmes, "PAGE_SIZE", 2)

    html = client.get(url("programme", world.programme)).content.decode()
    listed = html.split('id="activities-h"')[1].split("</form>")[1]
    assert "Page 1 of 3" in html and "?page=2" in html
    assert "Visit of the Belgian delegation to Astana" in listed and "Video conference" not in listed
    assert "5 activities shown of 5." in html  # the count is of all pages
    later = client.get(url("programme", world.programme, page=3)).content.decode()
    assert "Committee meeting on energy" in later and "Earlier activities" in later

    # Two activities in that quarter: one page, no page links; the CSV link keeps the filter, not the page.
    filtered = client.get(url("programme", world.programme, quarter="2025-Q2", page=1)).content.decode()
    assert 'class="pagination"' not in filtered
    assert "programme.csv?quarter=2025-Q2" in filtered
    paged = client.get(url("programme", world.programme, kind="round_table", page=1)).content.decode()
    assert "page=" not in paged.split("programme.csv")[1].split('"')[0]
