"""The commitments ledger, the overdue view, and the printable "since the last meeting" briefing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hemicycle.cooperation import selectors, services
from hemicycle.cooperation.models import Commitment, Side
from hemicycle.cooperation.tests import factories


@pytest.fixture
def world(db):
    return factories.cooperation_world()


def ledger(client, world, **query) -> str:
    response = client.get(reverse("cooperation:commitments", args=[world["partnership"].public_uuid]), query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<table"):html.index("</table>")] if "<table" in html else ""


def section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_ledger_lists_every_published_commitment_overdue_first_with_evidence(client, world):
    rows = ledger(client, world)
    titles = ["Send the reform briefing note", "Prepare a joint IPU initiative",
              "Agree the agenda of the first meeting", "Exchange friendship group rosters"]
    positions = [rows.index(title) for title in titles]
    assert positions == sorted(positions)  # overdue, then open by due date, then closed by due date
    assert rows.count('class="is-overdue"') == 1 and "badge-overdue" in rows
    assert "Rosters exchanged by email." in rows and "Agenda agreed." in rows
    assert "Internal: prepare talking points" not in rows


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "overdue"}, {"Send the reform briefing note"}),
    ({"status": "open_all"}, {"Send the reform briefing note", "Prepare a joint IPU initiative"}),
    ({"status": "done"}, {"Exchange friendship group rosters", "Agree the agenda of the first meeting"}),
    ({"side": "partner"}, {"Prepare a joint IPU initiative"}),
    ({"side": "partner", "status": "done"}, set()),
])
def test_ledger_filters(client, world, query, expected):
    rows = ledger(client, world, **query)
    every = {"Send the reform briefing note", "Prepare a joint IPU initiative", "Exchange friendship group rosters",
             "Agree the agenda of the first meeting"}
    assert {title for title in every if title in rows} == expected


def test_ledger_filter_by_owner(client, world):
    embassy = world["embassy"]
    rows = ledger(client, world, owner=f"body:{embassy.public_uuid}")
    assert "Send the reform briefing note" in rows and "Prepare a joint IPU initiative" not in rows
    rows = ledger(client, world, owner=f"person:{world['kz_chair'].public_uuid}")
    assert "Exchange friendship group rosters" in rows and "Send the reform briefing note" not in rows
    # The owners offered are the partnership's own.
    page = client.get(reverse("cooperation:commitments", args=[world["partnership"].public_uuid])).content.decode()
    assert f'value="body:{embassy.public_uuid}"' in page and "Aigerim Demo" in page


def test_officers_see_unpublished_commitments(client, irene, world):
    client.force_login(irene)
    assert "Internal: prepare talking points" in ledger(client, world)


def test_overdue_view_across_partnerships(client, world):
    other = factories.partnership()
    factories.commitment(other, "Reply to the invitation", due_on=world["today"] - datetime.timedelta(days=3))
    factories.commitment(other, "Not yet due", due_on=world["today"] + datetime.timedelta(days=3))
    hidden = factories.partnership(is_published=False)
    factories.commitment(hidden, "Overdue in a hidden partnership", due_on=world["today"] - datetime.timedelta(days=3))

    html = client.get(reverse("cooperation:overdue")).content.decode()
    assert "Send the reform briefing note" in html and "Reply to the invitation" in html
    assert world["partnership"].title in html and other.title in html
    for absent in ("Not yet due", "Prepare a joint IPU initiative", "Exchange friendship group rosters",
                   "Internal: prepare talking points", "Overdue in a hidden partnership"):
        assert absent not in html, absent
    groups = selectors.overdue_commitments(on=world["today"])
    assert [len(rows) for _partnership, rows in groups] == [1, 1]


def test_done_needs_evidence(world, irene):
    commitment = world["overdue"]
    with pytest.raises(ValidationError) as refused:
        services.commitment_set_status(commitment=commitment, status="done", by=irene)
    assert "evidence" in refused.value.message_dict
    commitment.refresh_from_db()
    assert commitment.status == "open" and commitment.closed_on is None

    services.commitment_set_status(commitment=commitment, status="done", evidence="Note sent on 1 December.",
                                   by=irene)
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.closed_on == world["today"]
    assert not commitment.is_overdue()


def test_briefing_since_the_last_meeting(client, world):
    response = client.get(reverse("cooperation:briefing", args=[world["partnership"].public_uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    head = html[:html.index("</head>")]
    assert 'href="/static/cooperation/print.css" media="print"' in head

    agreed = section(html, "last-h")
    assert "Meeting at the Palace of the Nation" in agreed and "Earlier meeting" not in agreed
    assert "Work on a joint calendar of activities continues." in agreed  # the outcomes
    for title in ("Send the reform briefing note", "Prepare a joint IPU initiative",
                  "Exchange friendship group rosters"):
        assert title in agreed

    done = section(html, "done-h")
    assert "Exchange friendship group rosters" in done and "Rosters exchanged by email." in done
    assert "Agree the agenda of the first meeting" not in done  # closed before the last meeting

    still_open = section(html, "open-h")
    assert still_open.index("Send the reform briefing note") < still_open.index("Prepare a joint IPU initiative")
    assert "badge-overdue" in still_open and "Exchange friendship group rosters" not in still_open

    upcoming = section(html, "next-h")
    assert "Round table on parliamentary reform" in upcoming and "Secret visit" not in upcoming
    assert "Asia/Almaty" in upcoming

    expiring = section(html, "expiring-h")
    assert "Memorandum on interparliamentary cooperation" in expiring
    assert "Protocol on staff exchanges" not in expiring

    assert "Internal: prepare talking points" not in html


def test_briefing_for_officers_includes_unpublished_items(client, irene, world):
    client.force_login(irene)
    html = client.get(reverse("cooperation:briefing", args=[world["partnership"].public_uuid])).content.decode()
    assert "Internal: prepare talking points" in html and "Secret visit" in html


def test_briefing_of_a_partnership_without_meetings(client, db):
    partnership = factories.partnership()
    factories.commitment(partnership, "Something to do", side=Side.OURS)
    html = client.get(reverse("cooperation:briefing", args=[partnership.public_uuid])).content.decode()
    assert "Something to do" in section(html, "open-h")
    assert Commitment.objects.filter(partnership=partnership).count() == 1
