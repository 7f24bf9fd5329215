"""Akoma Ntoso 3.0 exports of bill versions, amendments, acts and debates (language-neutral addresses).

``?lang=`` picks the expression (default Kazakh, or the first language the text has). Only published records
are exported; an ETag lets re-users fetch a document again only when it changed.
"""

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from hemicycle.legislation import akn
from hemicycle.legislation.models import Amendment, BillVersion, Sitting

CONTENT_TYPE = "application/akn+xml; charset=utf-8"


def _respond(request, root, filename: str) -> HttpResponse:
    payload = akn.to_bytes(root)
    etag = f'"{hashlib.sha256(payload).hexdigest()[:32]}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(payload, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response


def _lang(request) -> str | None:
    lang = request.GET.get("lang")
    if lang and lang not in akn.LANG3:
        raise Http404
    return lang


@require_safe
def version_akn(request, uuid, number):
    version = get_object_or_404(
        BillVersion.objects.select_related("bill__parliament", "bill__committee", "bill__stage", "stage"),
        bill__public_id=f"ocd-bill/{uuid}", bill__is_published=True, number=number, is_published=True)
    root = akn.version_document(version, _lang(request))
    return _respond(request, root, f"bill-{akn.slug(version.bill.number)}-v{version.number}.xml")


@require_safe
def amendment_akn(request, uuid):
    amendment = get_object_or_404(
        Amendment.objects.select_related("bill__parliament", "version", "committee"),
        public_id=f"ocd-amendment/{uuid}", bill__is_published=True, version__is_published=True)
    root = akn.amendment_document(amendment, _lang(request))
    return _respond(request, root, f"amendment-{akn.slug(amendment.number)}.xml")


@require_safe
def sitting_akn(request, uuid):
    sitting = get_object_or_404(Sitting.objects.select_related("organization"),
                                public_id=f"ocd-sitting/{uuid}", is_published=True)
    root = akn.sitting_document(sitting, _lang(request))
    return _respond(request, root, f"sitting-{uuid}.xml")
