"""Sittings with their agendas, and roll-call votes."""

from django.http import Http404


def sitting_list(request):
    raise Http404


def sitting_detail(request, uuid):
    raise Http404


def vote_detail(request, uuid):
    raise Http404
