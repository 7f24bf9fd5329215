"""Partnership and meeting pages: the relationship at a glance, meetings with the roles people held that day."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from hemicycle.cooperation import services
from hemicycle.cooperation.models import Commitment, MeetingParticipant, Side
from hemicycle.cooperation.tests import factories


@pytest.fixture
def world(db):
    return factories.cooperation_world()


def url(obj, lang="en", name=None, **kwargs) -> str:
    with translation.override(lang):
        if name:
            from django.urls import reverse

            return reverse(name, args=[obj.public_uuid])
        return obj.get_absolute_url()


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_partnership_page_shows_both_sides_with_members_and_delegations(client, world):
    html = page(client, url(world["partnership"]))
    p = world["partnership"]
    facts = html[html.index('class="facts"'):]
    assert p.parliament.name in facts and p.counterpart.name in facts

    sides = section(html, "sides-h")
    for name in (p.our_friendship_group.name, p.partner_friendship_group.name, "Aigerim Demo",
                 "Chair of the friendship group", "Yerlan Example", "Sofie Voorbeeld",
                 "Delegation of Kazakhstan to the IPU", "Inter-Parliamentary Union", "Delegate Kazakh",
                 "Belgian delegation to the OSCE PA", "OSCE Parliamentary Assembly", "Delegate Belgian"):
        assert name in sides, name
    assert "Former Member" not in sides  # left the group years ago
    # Each side's delegation under its own parliament.
    ours, theirs = sides.split(p.counterpart.name, 1)
    assert "Delegate Kazakh" in ours and "Delegate Belgian" in theirs


def test_partnership_page_lists_contacts_agreements_and_open_commitments(client, world):
    html = page(client, url(world["partnership"]))

    meetings = section(html, "meetings-h")
    assert meetings.index("Meeting at the Palace of the Nation") < meetings.index("Earlier meeting in Astana")

    agreements = section(html, "agreements-h")
    assert "Memorandum on interparliamentary cooperation" in agreements and "in force" in agreements
    assert "Protocol on staff exchanges" in agreements and "draft" in agreements

    commitments = section(html, "commitments-h")
    assert "Send the reform briefing note" in commitments and "Prepare a joint IPU initiative" in commitments
    assert "Exchange friendship group rosters" not in commitments  # done
    assert "Internal: prepare talking points" not in commitments  # unpublished
    overdue_row = re.search(r'<tr class="is-overdue">.*?</tr>', commitments, re.S).group(0)
    assert "Send the reform briefing note" in overdue_row and "badge-overdue" in overdue_row
    assert commitments.count('class="is-overdue"') == 1


def test_next_activities_are_public_coming_ones_in_their_own_time_zone(client, world):
    html = page(client, url(world["partnership"]))
    upcoming = section(html, "next-h")

    assert "Round table on parliamentary reform" in upcoming and "Visit of a delegation to Brussels" in upcoming
    for hidden in ("Secret visit", "Unpublished consultation", "Cancelled side event",
                   "Video conference of the friendship groups"):
        assert hidden not in upcoming, hidden
    almaty = world["next_almaty"].start.astimezone(datetime.timezone(datetime.timedelta(hours=5)))
    assert f'datetime="{almaty.isoformat()}"' in upcoming  # 10:00 in Astana, +05:00 since March 2024
    assert almaty.hour == 10
    assert "Asia/Almaty" in upcoming and "Europe/Brussels" in upcoming and "UTC+0500" in upcoming
    assert upcoming.index("Round table on parliamentary reform") < upcoming.index("Visit of a delegation")


def test_only_the_first_five_coming_activities(client, world):
    for day in range(1, 8):
        factories.activity(world["programme"], f"Extra activity {day}",
                           start=world["now"] + datetime.timedelta(days=day, hours=1))
    upcoming = section(page(client, url(world["partnership"])), "next-h")
    assert upcoming.count('class="zone"') == 5
    assert "Extra activity 5" in upcoming and "Extra activity 6" not in upcoming


def test_partnership_page_links_to_programmes_briefing_commitments_press_and_calendar(client, world):
    p = world["partnership"]
    html = page(client, url(p))
    for address in (url(world["programme"]), url(p, name="cooperation:briefing"),
                    url(p, name="cooperation:commitments"), f"/en/cooperation/press/?partnership={p.public_uuid}",
                    f"/calendars/partnerships/{p.public_uuid}.ics"):
        assert f'href="{address}' in html or address in html, address
    head = html[:html.index("</head>")]
    assert re.search(r'<link rel="alternate" type="text/calendar" href="[^"]*/calendars/partnerships/'
                     + p.public_uuid + r'\.ics', head)
    assert 'type="application/rss+xml"' in head and 'type="application/atom+xml"' in head


def test_partnership_list_and_unpublished_partnership(client, irene, world):
    hidden = factories.partnership(is_published=False)
    listing = page(client, "/en/cooperation/partnerships/")
    assert world["partnership"].title in listing and hidden.title not in listing
    assert client.get(url(hidden)).status_code == 404

    client.force_login(irene)
    assert hidden.title in page(client, "/en/cooperation/partnerships/")
    assert "not published" in page(client, url(hidden))


def test_meeting_page_in_french(client, world):
    html = page(client, url(world["meeting"], "fr"))
    assert "Rencontre au Palais de la Nation" in html
    assert "Palais de la Nation, Bruxelles" in html
    # 11:00 in Brussels, in summer time (the meeting is 40 days ago; CET or CEST, the page says which).
    local = world["meeting"].local_start
    assert f'datetime="{local.isoformat()}"' in html and "Europe/Brussels" in html

    participants = section(html, "participants-h")
    ours, theirs = participants.split("Peter De Roover")[0], participants.split("Peter De Roover")[1]
    assert "Roman Vassilenko" in ours and "Ambassadeur du Kazakhstan en Belgique" in ours
    assert "Président de la Chambre des représentants" in theirs
    assert "Quaestor" not in participants  # a post that had ended before the meeting

    assert "Parliamentary reform" in section(html, "topics-h")
    assert 'lang="en"' in section(html, "summary-h") and "fallback-hint" in section(html, "summary-h")
    assert "Work on a joint calendar" in section(html, "outcomes-h")
    follow_ups = section(html, "follow-ups-h")
    for title in ("Send the reform briefing note", "Prepare a joint IPU initiative",
                  "Exchange friendship group rosters"):
        assert title in follow_ups
    assert "Rosters exchanged by email." in follow_ups  # evidence of the done one
    assert "Internal: prepare talking points" not in follow_ups
    assert "https://example.org/minutes.pdf" in section(html, "documents-h")
    assert url(world["press"], "fr") in section(html, "press-h")


def test_unpublished_meeting_is_for_officers_only(client, irene, world):
    meeting = world["meeting"]
    meeting.is_published = False
    meeting.save()
    assert client.get(url(meeting)).status_code == 404
    assert "Meeting at the Palace of the Nation" not in page(client, url(world["partnership"]))
    client.force_login(irene)
    assert client.get(url(meeting)).status_code == 200


def test_agreement_page_with_text_in_the_readers_language_or_a_hint(client, world):
    html = page(client, url(world["agreement"], "fr"))
    assert "Mémorandum sur la coopération interparlementaire" in html
    assert "Roman Vassilenko" in html and "Ambassador of Kazakhstan to Belgium" in html
    assert "Peter De Roover" in html
    assert world["agreement"].expires_on.strftime("%Y-%m-%d") in html
    text = section(html, "text-h")
    assert "The parties shall consult regularly." in text
    assert 'lang="en"' in text and "fallback-hint" in text  # French text missing: English, marked so


def test_meeting_record_copies_the_role_held_on_the_day(db, irene, carl):
    world = factories.cooperation_world()
    president, ambassador = world["president"], world["ambassador"]
    day = datetime.date(2024, 3, 1)  # the president was then a quaestor; the ambassador had his post already
    meeting = services.meeting_record(
        partnership=world["partnership"], start=factories.at(day, 10, factories.BRUSSELS),
        timezone=factories.BRUSSELS, title_en="Old meeting", by=irene,
        participants=[{"person": president, "side": Side.PARTNER}, ambassador,
                      {"person": world["kz_member"], "role_en": "Observer"}],
        follow_ups=[{"title_en": "Write back", "owner_person": president, "side": Side.PARTNER,
                     "due_on": day + datetime.timedelta(days=30)}])
    roles = {p.person: p for p in MeetingParticipant.objects.filter(meeting=meeting)}
    assert roles[president].role_en == "Quaestor" and roles[president].side == Side.PARTNER
    assert roles[ambassador].role_en == "Ambassador of Kazakhstan to Belgium"
    assert roles[ambassador].role_ru == "Посол Казахстана в Бельгии"
    assert roles[ambassador].organization == world["embassy"] and roles[ambassador].side == Side.OURS
    assert roles[world["kz_member"]].role_en == "Observer"
    follow_up = Commitment.objects.get(meeting=meeting)
    assert follow_up.title_en == "Write back" and follow_up.status == "open"
    assert follow_up.partnership == world["partnership"]

    with pytest.raises(PermissionDenied):
        services.meeting_record(partnership=world["partnership"], start=world["now"], title_en="No", by=carl)


def test_registry_post_prefers_the_body_represented(db):
    world = factories.cooperation_world()
    ambassador = world["ambassador"]
    factories.member(ambassador, world["partnership"].our_friendship_group, post_label="Honorary member")
    on = world["today"]
    assert services.registry_post_on(person=ambassador, on=on).organization == world["embassy"]
    chosen = services.registry_post_on(person=ambassador, on=on,
                                       organization=world["partnership"].our_friendship_group)
    assert chosen.post.label_en == "Honorary member"
    assert services.registry_post_on(person=world["kz_member"], on=on) is None  # a member without a post
