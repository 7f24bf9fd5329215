"""Partnership pages and their records: meetings, press releases, agreements, commitments, briefings."""

from django.http import Http404


def partnership_list(request):
    raise Http404


def partnership_detail(request, uuid):
    raise Http404


def meeting_detail(request, uuid):
    raise Http404


def press_release_list(request):
    raise Http404


def press_release_detail(request, uuid):
    raise Http404


def agreement_detail(request, uuid):
    raise Http404


def commitment_list(request, uuid):
    raise Http404


def overdue_commitments(request):
    raise Http404


def briefing(request, uuid):
    raise Http404
