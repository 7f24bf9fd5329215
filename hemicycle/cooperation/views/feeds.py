"""Calendar feeds (RFC 5545) of partnerships, programmes, bodies and persons.

Outside the language prefix: a calendar client subscribes once. ``?lang=kk`` (…) chooses the language of the
texts, English by default; ``?format=jcal`` or ``Accept: application/calendar+json`` gives the same calendar as
jCal (RFC 7265). Only public activities are in a feed (see ``calendar_selectors``).

Feeds are compressed for clients that accept gzip: a programme of 10,000 activities is ~10 MB of text and ~0.8 MB
gzipped. (The ETag then becomes weak, as the bytes on the wire differ; If-None-Match compares weakly anyway.)
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from hemicycle.calendars.feeds import calendar_response
from hemicycle.cooperation import calendar_selectors as cal
from hemicycle.cooperation.models import Partnership, Programme
from hemicycle.people.models import Organization, Person


def _respond(request, feed: cal.ActivityFeed):
    return calendar_response(request, meta=feed.meta, events=feed.events, last_modified=feed.last_modified,
                             filename=feed.filename)


def _base_url(request) -> str:
    # The address the client used (behind a proxy, the one it forwards): each instance of a federated pair
    # names its own host.
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
@gzip_page
def partnership_ics(request, uuid):
    partnership = get_object_or_404(Partnership, public_id=f"ocd-partnership/{uuid}", is_published=True)
    return _respond(request, cal.partnership_feed(partnership, cal.feed_language(request.GET.get("lang")),
                                                  base_url=_base_url(request)))


@require_safe
@gzip_page
def programme_ics(request, uuid):
    programme = get_object_or_404(Programme, public_id=f"ocd-programme/{uuid}", is_published=True,
                                  partnership__is_published=True)
    return _respond(request, cal.programme_feed(programme, cal.feed_language(request.GET.get("lang")),
                                                base_url=_base_url(request)))


@require_safe
@gzip_page
def body_ics(request, uuid):
    organization = get_object_or_404(Organization, public_id=f"ocd-organization/{uuid}")
    return _respond(request, cal.body_feed(organization, cal.feed_language(request.GET.get("lang")),
                                           base_url=_base_url(request)))


@require_safe
@gzip_page
def person_ics(request, uuid):
    person = get_object_or_404(Person, public_id=f"ocd-person/{uuid}")
    return _respond(request, cal.person_feed(person, cal.feed_language(request.GET.get("lang")),
                                             base_url=_base_url(request)))
