"""Reads behind the calendar feeds: which activities a partnership, programme, body or person shows, and each
activity as a calendar event. The feed views, the pages (for their ``<link rel="alternate">``) and the API (for
``ics_url`` and the jCal endpoints) all come here, so the three agree on what is public and how it reads.

Public means: the activity is published and past its embargo, in a published programme of a published
partnership. Cancelled activities stay in (STATUS:CANCELLED), so that calendars that already have them remove them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hemicycle.calendars.ics import CalendarEvent, CalendarMeta, build_calendar, build_jcal, ical_status
from hemicycle.cooperation.models import Activity, Partnership, Programme
from hemicycle.people.models import Organization, Person
from hemicycle.portal.templatetags.hemicycle import translated_value

#: How often calendar clients are asked to fetch a feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)
FEED_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_FEED_LANGUAGE = "en"
_UUID_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


def feed_language(value: str | None) -> str:
    """The feed language asked for (``?lang=``), or English: calendar clients subscribe once, in no language."""
    value = (value or "").strip().lower().split("-")[0]
    return value if value in FEED_LANGUAGES else DEFAULT_FEED_LANGUAGE


def _base(base_url: str | None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


# --- Which activities ---------------------------------------------------------------------------------------------

def public_activity_q(now: datetime.datetime | None = None) -> Q:
    """The public rule as a query: published, past its embargo, in a published programme and partnership."""
    now = now or timezone.now()
    return (Q(is_published=True) & Q(programme__is_published=True) & Q(programme__partnership__is_published=True)
            & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)))


def public_activities(activities: QuerySet[Activity] | None = None, *,
                      now: datetime.datetime | None = None) -> QuerySet[Activity]:
    """The public ones among ``activities`` (all activities by default), in calendar order, ready for events."""
    activities = Activity.objects.all() if activities is None else activities
    return (activities.filter(public_activity_q(now)).select_related("organizer", "programme")
            .order_by("start", "uid"))


def _partnership_scope(partnership: Partnership) -> QuerySet[Activity]:
    return Activity.objects.filter(programme__partnership=partnership)


def _programme_scope(programme: Programme) -> QuerySet[Activity]:
    return Activity.objects.filter(programme=programme)


def _body_scope(organization: Organization) -> QuerySet[Activity]:
    # A subquery rather than a join, so that an activity listing the body twice over is still one row.
    ids = Activity.objects.filter(Q(bodies=organization) | Q(organizer=organization) | Q(assembly=organization))
    return Activity.objects.filter(pk__in=ids.values("pk"))


def _person_scope(person: Person) -> QuerySet[Activity]:
    return Activity.objects.filter(pk__in=Activity.objects.filter(delegation=person).values("pk"))


def partnership_activities(partnership: Partnership, *, now=None) -> QuerySet[Activity]:
    """Public activities of all the partnership's programmes."""
    return public_activities(_partnership_scope(partnership), now=now)


def programme_activities(programme: Programme, *, now=None) -> QuerySet[Activity]:
    """Public activities of one programme."""
    return public_activities(_programme_scope(programme), now=now)


def body_activities(organization: Organization, *, now=None) -> QuerySet[Activity]:
    """Public activities a body takes part in, organizes, or that happen at it (an international assembly)."""
    return public_activities(_body_scope(organization), now=now)


def person_activities(person: Person, *, now=None) -> QuerySet[Activity]:
    """Public activities with ``person`` in the delegation."""
    return public_activities(_person_scope(person), now=now)


def feed_last_modified(scope: QuerySet[Activity], *records, now: datetime.datetime | None = None):
    """When a feed's content last changed, for Last-Modified and If-Modified-Since.

    Taken over every activity in scope, public or not: an activity unpublished or cancelled since changes the
    feed too. An embargo that has passed counts as a change at the moment it passed; so does the last deletion
    of any activity (from the change history), to err towards "changed" rather than a wrong 304. The feed's own
    record (the partnership, programme, body or person: its name is the calendar's name) counts too.
    """
    now = now or timezone.now()
    stamps = [getattr(record, "updated_at", None) for record in records]
    stamps.append(scope.aggregate(last=Max("updated_at"))["last"])
    stamps.append(scope.filter(embargo_until__lte=now).aggregate(last=Max("embargo_until"))["last"])
    stamps.append(Activity.history.filter(history_type="-").aggregate(last=Max("history_date"))["last"])
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None


# --- Activities as events -----------------------------------------------------------------------------------------

class EventWriter:
    """Turns activities into calendar events in one language, remembering what repeats across a feed (a body's
    name and address, a label) so that a feed of 10,000 activities does not look them up 10,000 times."""

    def __init__(self, lang: str, base_url: str | None = None, *, organizations: dict | None = None,
                 programmes: dict | None = None):
        self.lang = feed_language(lang)
        self.base = _base(base_url)
        # Records loaded once for a whole feed (by id), instead of joined onto every activity row.
        self._known_organizations = organizations or {}
        self._known_programmes = programmes or {}
        self._organizers: dict[int, tuple[str, str]] = {}
        self._programmes: dict[int, str] = {}
        with translation.override(self.lang):
            # reverse() once, then fill in each activity's id: the address pattern is the same for all.
            self._activity_path = reverse("cooperation:activity", args=[_UUID_PLACEHOLDER])
            self._organization_path = reverse("people:organization", args=[_UUID_PLACEHOLDER])
            self._kinds = {value: str(label) for value, label in Activity.Kind.choices}
            self._statuses = {value: str(label) for value, label in Activity.Status.choices}
            self._labels = {
                "kind": _("Kind: %(value)s"),
                "status": _("Status: %(value)s"),
                "organizer": _("Organized by: %(value)s"),
                "venue": _("Venue: %(value)s"),
                "programme": _("Programme: %(value)s"),
                "more": _("More: %(value)s"),
                "postponed": _("Postponed: %(title)s"),
            }

    def activity_url(self, activity: Activity) -> str:
        return self.base + self._activity_path.replace(_UUID_PLACEHOLDER, activity.public_uuid)

    def _organizer(self, activity: Activity) -> tuple[str, str]:
        found = self._organizers.get(activity.organizer_id)
        if found is None:
            org = self._known_organizations.get(activity.organizer_id) or activity.organizer
            found = (str(translated_value(org, "name", self.lang)),
                     self.base + self._organization_path.replace(_UUID_PLACEHOLDER, org.public_uuid))
            self._organizers[activity.organizer_id] = found
        return found

    def _programme(self, activity: Activity) -> str:
        found = self._programmes.get(activity.programme_id)
        if found is None:
            programme = self._known_programmes.get(activity.programme_id) or activity.programme
            found = self._programmes[activity.programme_id] = str(translated_value(programme, "title", self.lang))
        return found

    def event(self, activity: Activity) -> CalendarEvent:
        lang, labels = self.lang, self._labels
        title = str(translated_value(activity, "title", lang))
        if activity.status == Activity.Status.POSTPONED:
            title = labels["postponed"] % {"title": title}
        venue = str(translated_value(activity, "venue", lang))
        city = str(translated_value(activity, "city", lang))
        location = ", ".join(part for part in (venue, city) if part)
        organizer_name, organizer_uri = self._organizer(activity)
        kind = self._kinds.get(activity.kind, activity.kind)
        url = self.activity_url(activity)
        details = [labels["kind"] % {"value": kind},
                   labels["status"] % {"value": self._statuses.get(activity.status, activity.status)},
                   labels["organizer"] % {"value": organizer_name}]
        if location:
            details.append(labels["venue"] % {"value": location})
        details.append(labels["programme"] % {"value": self._programme(activity)})
        details.append(labels["more"] % {"value": url})
        text = str(translated_value(activity, "description", lang)).strip()
        description = "\n".join(([text, ""] if text else []) + details)
        return CalendarEvent(
            uid=activity.uid, summary=title, description=description, start=activity.start, end=activity.end,
            tzid=activity.timezone, location=location, status=ical_status(activity.status),
            sequence=activity.sequence, dtstamp=activity.updated_at, created=activity.created_at,
            last_modified=activity.updated_at, url=url, categories=(kind,), organizer_name=organizer_name,
            organizer_uri=organizer_uri, language=lang)


def activity_to_event(activity: Activity, lang: str = DEFAULT_FEED_LANGUAGE, *,
                      base_url: str | None = None) -> CalendarEvent:
    """One activity as a calendar event, in ``lang`` (falling back like the site where a text is missing)."""
    return EventWriter(lang, base_url).event(activity)


def activities_to_events(activities, lang: str = DEFAULT_FEED_LANGUAGE, *,
                         base_url: str | None = None) -> list[CalendarEvent]:
    writer = EventWriter(lang, base_url)
    return [writer.event(activity) for activity in activities]


# --- Whole feeds --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityFeed:
    """Everything a calendar response needs: what the calendar says about itself, its events, when it changed."""

    meta: CalendarMeta
    events: list[CalendarEvent]
    last_modified: datetime.datetime | None
    filename: str

    def ics(self) -> bytes:
        return build_calendar(self.meta, self.events)

    def jcal(self) -> list:
        return build_jcal(self.meta, self.events)


def ics_url(record, lang: str | None = None, *, base_url: str | None = None) -> str:
    """The absolute address of the calendar feed of a partnership, programme, body (organization) or person.

    With ``lang`` other than English, the address asks for that language (``?lang=kk``).
    """
    names = {Partnership: "calendars:partnership_ics", Programme: "calendars:programme_ics",
             Organization: "calendars:body_ics", Person: "calendars:person_ics"}
    for model, name in names.items():
        if isinstance(record, model):
            url = _base(base_url) + reverse(name, args=[record.public_uuid])
            break
    else:
        raise TypeError(f"no calendar feed for {type(record).__name__}")
    lang = feed_language(lang) if lang else DEFAULT_FEED_LANGUAGE
    return url if lang == DEFAULT_FEED_LANGUAGE else f"{url}?{urlencode({'lang': lang})}"


def webcal_url(record, lang: str | None = None, *, base_url: str | None = None) -> str:
    """The same address with the webcal: scheme, which makes calendar applications offer to subscribe."""
    return "webcal:" + ics_url(record, lang, base_url=base_url).split(":", 1)[1]


def _filename(title: str, record) -> str:
    stem = slugify(title.replace("–", "-").replace("—", "-"))[:80].strip("-")
    return f"{stem or record.public_uuid}.ics"


def _feed(*, record, lang, base_url, now, name, description, page_url, scope) -> ActivityFeed:
    lang = feed_language(lang)
    now = now or timezone.now()
    # Not public_activities(): its joins would build an organizer and a programme per row; a feed has a few of
    # each, loaded once below. At 10,000 activities this halves the time.
    # (Deferring the unused long texts measured slower: Django then fills each row field by field.)
    activities = list(scope.filter(public_activity_q(now)).order_by("start", "uid"))
    writer = EventWriter(
        lang, base_url,
        organizations=Organization.objects.in_bulk({activity.organizer_id for activity in activities}),
        programmes=Programme.objects.in_bulk({activity.programme_id for activity in activities}))
    events = [writer.event(activity) for activity in activities]
    meta = CalendarMeta(name=name, description=description, refresh_interval=REFRESH_INTERVAL,
                        url=_base(base_url) + page_url if page_url else "",
                        source=ics_url(record, lang, base_url=base_url), language=lang)
    return ActivityFeed(meta=meta, events=events, last_modified=feed_last_modified(scope, record, now=now),
                        filename=_filename(name, record))


def partnership_feed(partnership: Partnership, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None,
                     now: datetime.datetime | None = None) -> ActivityFeed:
    """The feed of all public activities of a partnership's programmes."""
    with translation.override(feed_language(lang)):
        title = str(translated_value(partnership, "title", lang))
        return _feed(record=partnership, lang=lang, base_url=base_url, now=now, name=title,
                     description=_("Joint activities of the partnership “%(title)s”.") % {"title": title},
                     page_url=partnership.get_absolute_url(), scope=_partnership_scope(partnership))


def programme_feed(programme: Programme, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None,
                   now: datetime.datetime | None = None) -> ActivityFeed:
    """The feed of a programme's public activities."""
    with translation.override(feed_language(lang)):
        title = str(translated_value(programme, "title", lang))
        text = str(translated_value(programme, "description", lang)).strip()
        return _feed(record=programme, lang=lang, base_url=base_url, now=now, name=title,
                     description=text or _("Activities of the joint programme “%(title)s”.") % {"title": title},
                     page_url=programme.get_absolute_url(), scope=_programme_scope(programme))


def body_feed(organization: Organization, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None,
              now: datetime.datetime | None = None) -> ActivityFeed:
    """The feed of the public cooperation activities a body takes part in, organizes or hosts."""
    with translation.override(feed_language(lang)):
        name = str(translated_value(organization, "name", lang))
        return _feed(record=organization, lang=lang, base_url=base_url, now=now,
                     name=_("%(name)s: cooperation activities") % {"name": name},
                     description=_("Activities of joint programmes in which %(name)s takes part.") % {"name": name},
                     page_url=reverse("people:organization", args=[organization.public_uuid]),
                     scope=_body_scope(organization))


def person_feed(person: Person, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None,
                now: datetime.datetime | None = None) -> ActivityFeed:
    """The feed of the public cooperation activities with ``person`` in the delegation."""
    with translation.override(feed_language(lang)):
        name = str(translated_value(person, "name", lang))
        return _feed(record=person, lang=lang, base_url=base_url, now=now,
                     name=_("%(name)s: cooperation activities") % {"name": name},
                     description=_("Activities of joint programmes in which %(name)s is part of the delegation.")
                     % {"name": name},
                     page_url=reverse("people:person", args=[person.public_uuid]), scope=_person_scope(person))


# jCal for the API: the same events as the .ics feeds, as RFC 7265 lists ready for JSON.

def partnership_jcal(partnership: Partnership, lang: str = DEFAULT_FEED_LANGUAGE, *,
                     base_url: str | None = None) -> list:
    return partnership_feed(partnership, lang, base_url=base_url).jcal()


def programme_jcal(programme: Programme, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None) -> list:
    return programme_feed(programme, lang, base_url=base_url).jcal()


def body_jcal(organization: Organization, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None) -> list:
    return body_feed(organization, lang, base_url=base_url).jcal()


def person_jcal(person: Person, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None) -> list:
    return person_feed(person, lang, base_url=base_url).jcal()


def activity_jcal(activity: Activity, lang: str = DEFAULT_FEED_LANGUAGE, *, base_url: str | None = None) -> list:
    """One public activity as a jCal calendar (with its VTIMEZONE), e.g. for the API's activity endpoint."""
    lang = feed_language(lang)
    with translation.override(lang):
        event = activity_to_event(activity, lang, base_url=base_url)
        meta = CalendarMeta(name=event.summary, refresh_interval=REFRESH_INTERVAL, url=event.url, language=lang)
    return build_jcal(meta, [event])
