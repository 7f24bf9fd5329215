"""Akoma Ntoso 3.0 exports of bill versions, amendments, acts and debates (language-neutral addresses)."""

from django.http import Http404


def version_akn(request, uuid, number):
    raise Http404


def amendment_akn(request, uuid):
    raise Http404


def sitting_akn(request, uuid):
    raise Http404
