"""Bill pages: where a bill is, what happens next, its timeline, texts, differences, amendments and votes."""

from django.http import Http404


def bill_list(request):
    raise Http404


def bill_detail(request, uuid):
    raise Http404


def version_detail(request, uuid, number):
    raise Http404


def bill_diff(request, uuid):
    raise Http404


def phrase_history(request, uuid):
    raise Http404


def amendment_detail(request, uuid):
    raise Http404
