"""The cooperation calendar feeds over HTTP: per partnership, programme, body and person.

Every feed is parsed with both icalendar and vobject (vobject reads times through our VTIMEZONEs, icalendar
through the tz database), and the wall-clock times are checked in each zone.
"""

import datetime
import gzip
import json

import icalendar
import pytest
import vobject
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.http import http_date

from hemicycle.calendars.ics import jcal_shape_errors
from hemicycle.cooperation import calendar_selectors as cal
from hemicycle.cooperation.models import Activity
from hemicycle.cooperation.services import activity_update
from hemicycle.cooperation.tests.factories_feeds import make_feed_world

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
PUBLIC = {"almaty", "brussels_summer", "brussels_winter", "cancelled"}


@pytest.fixture
def world():
    return make_feed_world()


def url_of(kind, record) -> str:
    return f"/calendars/{kind}/{record.public_uuid}.ics"


def parse(body: bytes):
    """The feed read by icalendar and by vobject; both must read the same events."""
    calendar = icalendar.Calendar.from_ical(body)
    card = vobject.readOne(body.decode("utf-8"))
    vevents = card.contents.get("vevent", [])
    assert [str(ev["UID"]) for ev in calendar.events] == [ev.uid.value for ev in vevents]
    return calendar, card


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def events_by_key(world, body: bytes) -> dict:
    """{factory key: (icalendar VEVENT, vobject VEVENT)} for the events in a feed."""
    calendar, card = parse(body)
    keys = {activity.uid: key for key, activity in world.activities.items()}
    vevents = {ev.uid.value: ev for ev in card.contents.get("vevent", [])}
    return {keys[str(ev["UID"])]: (ev, vevents[str(ev["UID"])]) for ev in calendar.events}


# --- What each feed shows -----------------------------------------------------------------------------------------

def test_programme_and_partnership_feeds_show_the_public_activities(client, world):
    for url in (url_of("programmes", world.programme), url_of("partnerships", world.partnership)):
        response = fetch(client, url)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert set(events_by_key(world, response.content)) == PUBLIC, url


def test_body_feeds(client, world):
    cases = {
        world.committee: {"almaty", "cancelled"},  # a body taking part
        world.be: {"brussels_summer", "brussels_winter"},  # the organizer
        world.assembly: {"brussels_winter"},  # the international assembly it happens at
        world.kz: {"almaty", "cancelled"},  # organizer of the others (the embargoed and unpublished are hidden)
        world.other_body: set(),
    }
    for organization, expected in cases.items():
        body = fetch(client, url_of("bodies", organization)).content
        assert set(events_by_key(world, body)) == expected, organization


def test_person_feeds(client, world):
    body = fetch(client, url_of("people", world.member)).content
    assert set(events_by_key(world, body)) == {"almaty", "brussels_summer"}
    body = fetch(client, url_of("people", world.outsider)).content
    calendar, card = parse(body)
    assert calendar.events == [] and "vevent" not in card.contents


def test_unknown_or_unpublished_records_have_no_feed(client, world):
    assert client.get("/calendars/programmes/00000000-0000-4000-8000-000000000000.ics").status_code == 404
    world.programme.is_published = False
    world.programme.save()
    assert client.get(url_of("programmes", world.programme)).status_code == 404
    world.partnership.is_published = False
    world.partnership.save()
    assert client.get(url_of("partnerships", world.partnership)).status_code == 404
    # The body's and person's feeds stay, without the activities of the unpublished partnership.
    assert events_by_key(world, fetch(client, url_of("bodies", world.committee)).content) == {}


def test_feeds_answer_get_and_head_only(client, world):
    url = url_of("programmes", world.programme)
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


# --- Calendar and event properties --------------------------------------------------------------------------------

def test_calendar_properties(client, world):
    body = fetch(client, url_of("programmes", world.programme)).content
    text = body.decode().replace("\r\n ", "")  # unfolded
    assert "\r\nMETHOD:PUBLISH\r\n" in text and "\r\nCALSCALE:GREGORIAN\r\n" in text
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT1H\r\n" in text
    assert "\r\nX-WR-CALNAME:Joint calendar of activities 2025–2026\r\n" in text
    assert f"\r\nSOURCE:http://testserver/calendars/programmes/{world.programme.public_uuid}.ics\r\n" in text
    calendar, card = parse(body)
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=1)
    assert card.contents["x-published-ttl"][0].value == "PT1H"


def test_uid_dtstamp_status_and_cancelled_kept(client, world):
    body = fetch(client, url_of("programmes", world.programme)).content
    events = events_by_key(world, body)
    for key, (ev, vev) in events.items():
        assert str(ev["UID"]) == world.activities[key].uid
        assert ev["DTSTAMP"].dt.tzinfo is not None and vev.dtstamp.value is not None
        assert "SEQUENCE" in ev
    assert str(events["cancelled"][0]["STATUS"]) == "CANCELLED"
    assert events["cancelled"][1].status.value == "CANCELLED"
    assert str(events["brussels_winter"][0]["STATUS"]) == "TENTATIVE"  # proposed
    assert str(events["almaty"][0]["STATUS"]) == "CONFIRMED"  # agreed
    assert str(events["brussels_summer"][0]["STATUS"]) == "CONFIRMED"  # scheduled
    assert events["cancelled"][0]["SEQUENCE"] == 1  # the cancellation was a significant change
    # The same UIDs in every feed, every language, every time.
    again = events_by_key(world, fetch(client, url_of("partnerships", world.partnership) + "?lang=kk").content)
    assert {key: str(ev["UID"]) for key, (ev, _) in again.items()} == {
        key: str(ev["UID"]) for key, (ev, _) in events.items()}


def test_wall_clock_times_in_each_zone(client, world):
    body = fetch(client, url_of("programmes", world.programme)).content
    text = body.decode()
    assert "DTSTART;TZID=Asia/Almaty:20250310T100000\r\n" in text
    assert "DTSTART;TZID=Europe/Brussels:20250701T100000\r\n" in text
    assert "DTSTART;TZID=Europe/Brussels:20260120T100000\r\n" in text
    events = events_by_key(world, body)
    expected = {"almaty": datetime.datetime(2025, 3, 10, 5, tzinfo=UTC),  # 10:00 in Astana is 05:00Z
                "brussels_summer": datetime.datetime(2025, 7, 1, 8, tzinfo=UTC),  # summer time, UTC+2
                "brussels_winter": datetime.datetime(2026, 1, 20, 9, tzinfo=UTC)}  # winter time, UTC+1
    for key, start in expected.items():
        ev, vev = events[key]
        assert ev.start.astimezone(UTC) == start, key
        assert vev.dtstart.value.astimezone(UTC) == start, key  # through our VTIMEZONE
        assert ev.start.replace(tzinfo=None).hour == vev.dtstart.value.replace(tzinfo=None).hour == 10
    assert events["brussels_winter"][1].dtend.value.astimezone(UTC) == datetime.datetime(2026, 1, 20, 12,
                                                                                          tzinfo=UTC)


def test_a_vtimezone_for_every_tzid(client, world):
    for url in (url_of("programmes", world.programme), url_of("bodies", world.committee),
                url_of("people", world.member)):
        calendar, card = parse(fetch(client, url).content)
        used = {ev[name].params["TZID"] for ev in calendar.events for name in ("DTSTART", "DTEND")}
        assert used and {tz.tz_name for tz in calendar.timezones} == used, url
        assert {tz.tzid.value for tz in card.contents["vtimezone"]} == used
    calendar, card = parse(fetch(client, url_of("programmes", world.programme)).content)
    (almaty,) = [tz for tz in calendar.timezones if tz.tz_name == "Asia/Almaty"]
    assert {sub["TZOFFSETTO"].td for sub in almaty.subcomponents} == {datetime.timedelta(hours=5)}
    vtz = [tz for tz in card.contents["vtimezone"] if tz.tzid.value == "Asia/Almaty"][0].gettzinfo()
    for month in range(1, 13):
        assert datetime.datetime(2025, month, 1, 12, tzinfo=vtz).utcoffset() == datetime.timedelta(hours=5)


def test_language_and_description(client, world):
    almaty = world.activities["almaty"]
    events = events_by_key(world, fetch(client, url_of("programmes", world.programme) + "?lang=kk").content)
    ev, vev = events["almaty"]
    assert str(ev["SUMMARY"]) == "Су және энергетика жөніндегі дөңгелек үстел"
    assert ev["SUMMARY"].params["LANGUAGE"] == "kk"
    assert vev.summary.value == "Су және энергетика жөніндегі дөңгелек үстел"
    # No Kazakh title: the site's fallback (Kazakh → Russian → English).
    assert str(events["brussels_summer"][0]["SUMMARY"]) == "Visit of the friendship group to Brussels"
    assert str(ev["LOCATION"]) == "Parliament House, Астана"
    assert str(ev["URL"]) == f"http://testserver/kk/cooperation/activities/{almaty.public_uuid}/"

    events = events_by_key(world, fetch(client, url_of("programmes", world.programme)).content)
    ev, _ = events["almaty"]
    description = str(ev["DESCRIPTION"])
    assert description.startswith("Committees of both parliaments; simultaneous interpretation")
    assert "thematic round table" in description  # kind
    assert "Parliament of the Republic of Kazakhstan" in description  # organizer
    assert "Parliament House, Astana" in description  # venue
    assert f"http://testserver/en/cooperation/activities/{almaty.public_uuid}/" in description
    assert ev["ORGANIZER"].params["CN"] == "Parliament of the Republic of Kazakhstan"
    assert list(ev.categories) == ["thematic round table"]
    # An unknown language is English.
    unknown = events_by_key(world, fetch(client, url_of("programmes", world.programme) + "?lang=xx").content)
    assert str(unknown["almaty"][0]["SUMMARY"]) == "Round table on water and energy"


# --- Changes: SEQUENCE, embargo, publication ----------------------------------------------------------------------

def sequence_of(client, world, key) -> int:
    events = events_by_key(world, fetch(client, url_of("programmes", world.programme)).content)
    return int(events[key][0]["SEQUENCE"])


def test_sequence_rises_on_significant_changes_only(client, world, irene):
    almaty = world.activities["almaty"]
    assert sequence_of(client, world, "almaty") == 0
    activity_update(activity=almaty, by=irene, description_en="Agenda attached.")  # not significant
    assert sequence_of(client, world, "almaty") == 0
    start = almaty.start + datetime.timedelta(days=1)
    activity_update(activity=almaty, by=irene, start=start, end=start + datetime.timedelta(hours=2))
    assert sequence_of(client, world, "almaty") == 1
    activity_update(activity=almaty, by=irene, title_en="Round table on water")
    events = events_by_key(world, fetch(client, url_of("programmes", world.programme)).content)
    ev, vev = events["almaty"]
    assert ev["SEQUENCE"] == 2 and vev.sequence.value == "2"
    assert str(ev["SUMMARY"]) == "Round table on water"
    assert ev.start.astimezone(UTC) == datetime.datetime(2025, 3, 11, 5, tzinfo=UTC)


def test_embargoed_and_unpublished_appear_only_when_public(client, world, irene):
    url = url_of("programmes", world.programme)
    first = fetch(client, url)
    assert "embargoed" not in events_by_key(world, first.content)
    assert "unpublished" not in events_by_key(world, first.content)
    # The selector answers for any moment: after the embargo, it is there.
    later = timezone.now() + datetime.timedelta(days=31)
    assert world.activities["embargoed"] in cal.programme_activities(world.programme, now=later)
    assert world.activities["unpublished"] not in cal.programme_activities(world.programme, now=later)

    activity_update(activity=world.activities["embargoed"], by=irene,
                    embargo_until=timezone.now() - datetime.timedelta(minutes=1))
    second = fetch(client, url, if_none_match=first["ETag"])
    assert "embargoed" in events_by_key(world, second.content)
    assert second["ETag"] != first["ETag"]
    # The embargo passing is a change for If-Modified-Since too.
    assert datetime.datetime.strptime(second["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT") >= \
        datetime.datetime.strptime(first["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT")

    activity_update(activity=world.activities["unpublished"], by=irene, is_published=True)
    third = fetch(client, url)
    assert set(events_by_key(world, third.content)) == PUBLIC | {"embargoed", "unpublished"}
    assert int(events_by_key(world, third.content)["unpublished"][0]["SEQUENCE"]) == 0


# --- Conditional GET and caching ----------------------------------------------------------------------------------

def test_conditional_get(client, world, irene):
    url = url_of("programmes", world.programme)
    first = fetch(client, url)
    assert first["ETag"].startswith('"') and len(first["ETag"]) == 66  # strong: a SHA-256 of the body
    assert first["Cache-Control"].startswith("public, max-age=")
    assert first["Content-Disposition"] == 'inline; filename="joint-calendar-of-activities-2025-2026.ics"'
    assert "Accept" in first["Vary"]
    assert first["Last-Modified"]
    again = fetch(client, url)
    assert again["ETag"] == first["ETag"] and again.content == first.content  # nothing says "generated now"

    not_modified = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert client.get(url, headers={"If-None-Match": '"something else"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    an_hour_before = http_date(world.activities["almaty"].updated_at.timestamp() - 3600)
    assert client.get(url, headers={"If-Modified-Since": an_hour_before}).status_code == 200

    activity_update(activity=world.activities["almaty"], by=irene, venue_en="Akorda")
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    # Compressed for clients that accept it; the same ETag, weakened, still revalidates.
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(zipped.content) == changed.content
    assert zipped["ETag"] == "W/" + changed["ETag"]
    assert client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped["ETag"]}).status_code == 304
    # The language is part of the body, so of the ETag.
    assert fetch(client, url + "?lang=kk")["ETag"] != changed["ETag"]


def test_last_modified_moves_when_an_activity_is_unpublished_or_deleted(world, irene):
    programme = world.programme
    base = cal.programme_feed(programme).last_modified
    assert base == max(activity.updated_at for activity in world.activities.values())
    activity_update(activity=world.activities["almaty"], by=irene, is_published=False)
    unpublished = cal.programme_feed(programme)
    assert unpublished.last_modified > base
    assert world.activities["almaty"].uid not in {event.uid for event in unpublished.events}
    # A deleted activity leaves no row to date the change by: the change history does.
    Activity.objects.filter(programme=programme).update(updated_at=base - datetime.timedelta(days=1))
    world.activities["brussels_summer"].delete()
    assert cal.programme_feed(programme).last_modified > unpublished.last_modified


# --- jCal -----------------------------------------------------------------------------------------------------------

def test_jcal_at_the_same_address(client, world):
    url = url_of("programmes", world.programme)
    text = fetch(client, url)
    by_query = fetch(client, url + "?format=jcal")
    by_accept = fetch(client, url, accept="application/calendar+json")
    assert by_query["Content-Type"] == by_accept["Content-Type"] == "application/calendar+json"
    assert by_query.content == by_accept.content
    assert by_query["Content-Disposition"].endswith('.json"')
    jcal = json.loads(by_query.content)
    assert jcal_shape_errors(jcal) == []
    assert jcal[0] == "vcalendar"
    assert ["refresh-interval", {}, "duration", "PT1H"] in jcal[1]
    # Round trip: the jCal, read back by icalendar, gives the same events as the text feed.
    from_jcal = icalendar.Component.from_jcal(jcal)
    from_text = icalendar.Calendar.from_ical(text.content)
    assert [ev.to_ical() for ev in from_jcal.walk("VEVENT")] == [ev.to_ical() for ev in from_text.walk("VEVENT")]
    assert len(from_jcal.walk("VEVENT")) == len(PUBLIC)
    # Its own validators.
    assert by_query["ETag"] != text["ETag"]
    assert client.get(url + "?format=jcal", headers={"If-None-Match": by_query["ETag"]}).status_code == 304
    # A client preferring text/calendar gets text.
    assert fetch(client, url, accept="text/calendar, application/calendar+json;q=0.5")[
        "Content-Type"].startswith("text/calendar")


def test_jcal_for_the_api_matches_the_feeds(client, world):
    for record, function, kind in ((world.partnership, cal.partnership_jcal, "partnerships"),
                                   (world.programme, cal.programme_jcal, "programmes"),
                                   (world.committee, cal.body_jcal, "bodies"),
                                   (world.member, cal.person_jcal, "people")):
        jcal = function(record, "fr", base_url="http://testserver")
        assert jcal_shape_errors(jcal) == []
        served = json.loads(fetch(client, url_of(kind, record) + "?lang=fr&format=jcal").content)
        assert jcal == served, kind
    single = cal.activity_jcal(world.activities["almaty"], "kk")
    assert jcal_shape_errors(single) == []
    assert [c[0] for c in single[2]] == ["vtimezone", "vevent"]


def test_feed_addresses(world, settings):
    settings.SITE_URL = "https://hemicycle.example"
    uuid = world.programme.public_uuid
    assert cal.ics_url(world.programme) == f"https://hemicycle.example/calendars/programmes/{uuid}.ics"
    assert cal.ics_url(world.programme, "kk") == f"https://hemicycle.example/calendars/programmes/{uuid}.ics?lang=kk"
    assert cal.webcal_url(world.programme, "en") == f"webcal://hemicycle.example/calendars/programmes/{uuid}.ics"
    assert cal.ics_url(world.member, base_url="http://127.0.0.1:8001").startswith("http://127.0.0.1:8001/calendars/people/")
    assert "/calendars/bodies/" in cal.ics_url(world.committee)
    assert "/calendars/partnerships/" in cal.ics_url(world.partnership)
    with pytest.raises(TypeError):
        cal.ics_url(world.activities["almaty"])


def test_activity_to_event(world, settings):
    settings.SITE_URL = "https://hemicycle.example"
    event = cal.activity_to_event(world.activities["almaty"], "kk")
    assert event.uid == world.activities["almaty"].uid
    assert event.tzid == "Asia/Almaty" and event.status == "CONFIRMED" and event.language == "kk"
    assert event.url.startswith("https://hemicycle.example/kk/cooperation/activities/")
    postponed = world.activities["brussels_winter"]
    activity_update(activity=postponed, status=Activity.Status.POSTPONED)
    postponed.refresh_from_db()
    event = cal.activity_to_event(postponed, "en")
    assert event.status == "TENTATIVE" and event.summary == "Postponed: Joint initiative at the IPU"


# --- Page head and subscribe box ----------------------------------------------------------------------------------

def test_feed_link_and_subscribe_includes(world):
    request = RequestFactory().get("/en/")
    feed = url_of("programmes", world.programme)
    html = render_to_string("calendars/includes/feed_link.html", {"url": feed, "title": "Joint calendar"},
                            request=request)
    assert (f'<link rel="alternate" type="text/calendar" href="http://testserver{feed}" '
            f'title="Joint calendar">') in html
    with translation.override("kk"):
        html = render_to_string("calendars/includes/feed_link.html", {"url": feed, "title": "Күнтізбе"},
                                request=request)
        assert f'href="http://testserver{feed}?lang=kk"' in html
        box = render_to_string("calendars/includes/subscribe.html", {"url": feed, "title": "Күнтізбе"},
                               request=request)
        assert f'href="http://testserver{feed}?lang=kk"' in box
        assert f'href="webcal://testserver{feed}?lang=kk"' in box
    absolute = cal.ics_url(world.programme, base_url="https://hemicycle.example")
    box = render_to_string("calendars/includes/subscribe.html", {"url": absolute, "title": "Joint calendar"},
                           request=request)
    assert f'href="{absolute}"' in box
    assert 'href="webcal://hemicycle.example/calendars/programmes/' in box
    assert "<h2>" in box and "Calendar: Joint calendar" in box
    assert "<h3>" in render_to_string("calendars/includes/subscribe.html",
                                      {"url": feed, "title": "x", "heading_level": 3}, request=request)
