"""Joint programmes and their activities: pages, versions and their differences, charts, CSV, print."""

from django.http import Http404


def programme_detail(request, uuid):
    raise Http404


def programme_print(request, uuid):
    raise Http404


def programme_versions(request, uuid):
    raise Http404


def programme_diff(request, uuid):
    raise Http404


def programme_csv(request, uuid):
    raise Http404


def activities_csv(request, uuid):
    raise Http404


def commitments_csv(request, uuid):
    raise Http404


def activity_detail(request, uuid):
    raise Http404
