"""Calendar feeds (RFC 5545) of partnerships, programmes, bodies and persons, and the press-release feeds."""

from django.http import Http404


def partnership_ics(request, uuid):
    raise Http404


def programme_ics(request, uuid):
    raise Http404


def body_ics(request, uuid):
    raise Http404


def person_ics(request, uuid):
    raise Http404
