"""Federation endpoints: a peer pushes one signed message to our inbox, or pulls our changes since its token.

They are CSRF-exempt: no browser session is involved, every message (and every pull) is authenticated by an
Ed25519 signature checked against the key pinned for the peer when the two instances paired.
"""

import json
import logging

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from hemicycle.calendars import federation
from hemicycle.calendars.models import InboundMessage

logger = logging.getLogger(__name__)


def _answer(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 401:
        response["WWW-Authenticate"] = 'Hemicycle-Ed25519 realm="federation"'
    return response


def _not_configured():
    try:
        federation.federation_key()
    except federation.FederationNotConfigured as exc:
        return _answer({"message": str(exc), "code": "not-configured"}, 503)
    return None


@never_cache
@require_GET
def about(request):
    """Who we are: instance id and public key, to compare with what the partner was given when pairing."""
    refused = _not_configured()
    if refused:
        return refused
    return _answer({"protocol": federation.PROTOCOL, "instance_id": federation.instance_id(),
                    "public_key": federation.public_key()})


@csrf_exempt
@never_cache
@require_POST
def inbox(request):
    """Receive one signed envelope; 200 applied, 4xx refused with {"message": reason}, 503 not configured."""
    refused = _not_configured()
    if refused:
        return refused
    try:
        envelope = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        reason = "malformed: the request body is not JSON"
        InboundMessage.objects.create(envelope={"unparsed": request.body[:1000].decode("utf-8", "replace")},
                                      outcome=InboundMessage.Outcome.REFUSED, reason=reason)
        return _answer({"message": reason, "code": "malformed"}, 400)
    try:
        status, payload = federation.receive_envelope(envelope)
    except Exception as exc:  # noqa: BLE001 — recorded, then the sender retries the same seq later
        logger.exception("federation: applying a message failed")
        reason = f"internal error while applying: {type(exc).__name__}"
        InboundMessage.objects.create(envelope=envelope if isinstance(envelope, dict) else {},
                                      outcome=InboundMessage.Outcome.REFUSED, reason=reason)
        return _answer({"message": reason, "code": "internal"}, 500)
    return _answer(payload, status)


@never_cache
@require_GET
def changes(request):
    """Our messages for the (signed) calling peer with seq > ``since``, oldest first, a page at a time."""
    refused = _not_configured()
    if refused:
        return refused
    try:
        peer = federation.authenticate_request(request)
    except federation.Refusal as refusal:
        return _answer(refusal.payload(), refusal.status)
    try:
        since = int(request.GET.get("since", "0"))
        limit = int(request.GET.get("limit", federation.PAGE_SIZE))
        if since < 0 or limit < 1:
            raise ValueError
    except ValueError:
        return _answer({"message": "since and limit are whole numbers (since ≥ 0, limit ≥ 1)",
                        "code": "malformed"}, 400)
    return _answer(federation.changes_for(peer, since=since, limit=min(limit, federation.PAGE_SIZE)))
