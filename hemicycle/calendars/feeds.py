"""Serving calendars over HTTP: RFC 5545 text or jCal, with conditional GET, for any list of events.

Generic on purpose: the cooperation feeds use it now, committee sittings and others can later. A view gathers a
``CalendarMeta``, its ``CalendarEvent`` list and when the feed last changed, and returns ``calendar_response``.

Calendar clients poll. They get a strong ETag (the SHA-256 of the body, so identical bytes mean an identical tag)
and a Last-Modified, and a 304 when their copy is current. The body has no "generated at" anywhere (DTSTAMP is
each event's last change), so an unchanged feed keeps its ETag.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from hemicycle.calendars.ics import (
    ICS_MEDIA_TYPE,
    JCAL_MEDIA_TYPE,
    CalendarEvent,
    CalendarMeta,
    build_calendar,
    build_jcal,
)

ICS = "ics"
JCAL = "jcal"
#: How long a shared cache may keep a feed without asking again; clients still poll at REFRESH-INTERVAL.
DEFAULT_MAX_AGE = 300


def wanted_format(request: HttpRequest) -> str:
    """``jcal`` when asked for with ``?format=jcal`` or an Accept header preferring application/calendar+json."""
    explicit = request.GET.get("format", "").lower()
    if explicit in (ICS, JCAL):
        return explicit
    if explicit == "json":
        return JCAL
    preferred = request.get_preferred_type([ICS_MEDIA_TYPE, JCAL_MEDIA_TYPE])
    return JCAL if preferred == JCAL_MEDIA_TYPE else ICS


def jcal_bytes(jcal: list) -> bytes:
    """jCal as compact UTF-8 JSON."""
    return json.dumps(jcal, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _serve(request: HttpRequest, *, body: bytes, content_type: str, filename: str,
           last_modified: datetime.datetime | None, max_age: int) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()}"'
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    # The same address serves text/calendar or jCal depending on Accept.
    response["Vary"] = "Accept"
    # Public data: let web calendar clients on other sites read it.
    response["Access-Control-Allow-Origin"] = "*"
    # A 304 carries the same validators and caching headers (get_conditional_response copies them).
    return get_conditional_response(request, etag=response["ETag"], last_modified=timestamp, response=response)


def _filename(filename: str, extension: str) -> str:
    stem = filename.rsplit(".", 1)[0] if filename.endswith((".ics", ".json")) else filename
    return f"{stem or 'calendar'}.{extension}"


def calendar_response(request: HttpRequest, *, meta: CalendarMeta, events: Iterable[CalendarEvent],
                      last_modified: datetime.datetime | None, filename: str = "calendar.ics",
                      max_age: int = DEFAULT_MAX_AGE) -> HttpResponse:
    """Serve a calendar as ``text/calendar`` (or as jCal when the request asks for it, see ``wanted_format``).

    ``last_modified`` is when the feed's content last changed (for If-Modified-Since); the ETag comes from the
    body itself. Answers 304 Not Modified when the client's copy is current.
    """
    if wanted_format(request) == JCAL:
        return jcal_response(request, meta=meta, events=events, last_modified=last_modified, filename=filename,
                             max_age=max_age)
    return _serve(request, body=build_calendar(meta, events), content_type=f"{ICS_MEDIA_TYPE}; charset=utf-8",
                  filename=_filename(filename, "ics"), last_modified=last_modified, max_age=max_age)


def jcal_response(request: HttpRequest, *, meta: CalendarMeta, events: Iterable[CalendarEvent],
                  last_modified: datetime.datetime | None, filename: str = "calendar.json",
                  max_age: int = DEFAULT_MAX_AGE) -> HttpResponse:
    """Serve a calendar as jCal (RFC 7265, ``application/calendar+json``), with the same conditional GET."""
    return _serve(request, body=jcal_bytes(build_jcal(meta, events)), content_type=JCAL_MEDIA_TYPE,
                  filename=_filename(filename, "json"), last_modified=last_modified, max_age=max_age)
