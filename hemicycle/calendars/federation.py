"""Federation transport: signed messages between two Hemicycle instances, pushed and pulled over HTTP.

No central server. Each instance keeps, per peer, an outbox of signed messages numbered 1, 2, 3 … (``seq``).
A change is pushed to the peer right after it commits (short timeout); whatever could not be delivered stays in
the outbox, and the peer pulls it (``GET /federation/v1/changes?since=<last seq it holds>``) or we push it again
(``hemicycle federation-sync``).

Receiving a message, in this order (the first failure refuses it, and a refused message changes nothing):

1. the sender (``body.from``) is a paired peer, and the signature verifies with the key pinned for it;
2. the message is for us (``body.to`` is our instance id) and was sent within the clock tolerance;
3. ``seq`` is exactly the next one: an older one is a replay ("already received"), a newer one leaves a gap
   ("out of order: expected N"; the sender re-sends in order, or we pull);
4. the domain applies it (``hemicycle.cooperation.sync.apply_message``) in one transaction.

Steps 1–3 are about the channel: a message refused there is not consumed, so the right one can still come.
At step 4 the message is authentic and in order, so it *is* consumed (``last_seq_received`` moves on, else one
bad message would block the channel for good) — but if the domain refuses it (a stale SEQUENCE, a sender that
does not organize the activity …) the programme is left exactly as it was and the sender gets the reason.
Every inbound message, applied or refused, is recorded with its outcome and reason (``InboundMessage``).

``sent_at`` is the time of *this* sending: a message waiting in the outbox is stamped and signed again each time
it goes out, so a peer that was down for a week can still pull it within the tolerance window; the time the
change was made travels as ``created_at``. Replays are caught by ``seq``, not by time.
"""

import datetime
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hemicycle.calendars import signing
from hemicycle.calendars.models import InboundMessage, OutboundMessage, Peer

logger = logging.getLogger(__name__)

PROTOCOL = "hemicycle-federation/1"
API_PATH = "/federation/v1"
#: Messages per page of ``/changes``.
PAGE_SIZE = 200
#: iTIP methods (RFC 5546) and our one extension: a countersignature of an agreed programme version.
COUNTERSIGN = "X-HEMICYCLE-COUNTERSIGN"
METHODS = frozenset({"REQUEST", "CANCEL", "REPLY", "COUNTER", COUNTERSIGN})
#: Headers of a signed HTTP request (a pull).
HEADER_FROM = "X-Hemicycle-From"
HEADER_DATE = "X-Hemicycle-Date"
HEADER_SIGNATURE = "X-Hemicycle-Signature"
#: An envelope bigger than this is recorded only in part when refused (refusals must not fill the disk).
MAX_RECORDED_BYTES = 64 * 1024


class FederationNotConfigured(Exception):
    """This instance has no usable Ed25519 key: it cannot sign, so it does not federate."""


class Refusal(Exception):
    """A message or request we refuse, with the reason the sender is told (and the HTTP status it gets)."""

    def __init__(self, reason: str, *, status: int = 422, code: str = "refused", **extra):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.code = code
        self.extra = extra

    def payload(self) -> dict:
        return {"message": self.reason, "code": self.code, **self.extra}


class Unreachable(Exception):
    """The peer did not answer (refused connection, timeout, DNS …)."""


# Identity ------------------------------------------------------------------------------------------------------

def federation_key():
    """Our Ed25519 private key, from HEMICYCLE_FEDERATION_KEY only (never from a file in the repository)."""
    seed = getattr(settings, "HEMICYCLE_FEDERATION_KEY", "")
    if not seed:
        raise FederationNotConfigured(
            "Federation is not configured on this instance: set HEMICYCLE_FEDERATION_KEY (base64 of an Ed25519 "
            "seed; `hemicycle federation-keygen` makes one).")
    try:
        return signing.load_private_key(seed)
    except signing.SignatureError as exc:
        raise FederationNotConfigured(f"HEMICYCLE_FEDERATION_KEY is unusable: {exc}.") from exc


def is_configured() -> bool:
    try:
        federation_key()
    except FederationNotConfigured:
        return False
    return True


def instance_id() -> str:
    return settings.HEMICYCLE_INSTANCE_ID


def public_key() -> str:
    return signing.public_key_b64(federation_key())


def now_iso(moment: datetime.datetime | None = None) -> str:
    """UTC time as ISO 8601 with a Z, to the millisecond."""
    moment = (moment or timezone.now()).astimezone(datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text) -> datetime.datetime:
    """An aware datetime from ISO 8601; ValueError if it is not one (or has no time zone)."""
    if not isinstance(text, str):
        raise ValueError("not a string")
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("no time zone")
    return value


def check_clock(sent_at, *, what: str = "message") -> None:
    """Refuse a time outside ± FEDERATION_CLOCK_SKEW seconds of ours."""
    try:
        moment = parse_iso(sent_at)
    except ValueError as exc:
        raise Refusal(f"malformed: the {what}'s time “{sent_at}” is not an ISO 8601 time with a zone",
                      status=400, code="malformed") from exc
    skew = datetime.timedelta(seconds=settings.FEDERATION_CLOCK_SKEW)
    now = timezone.now()
    if moment < now - skew:
        raise Refusal(f"too old: the {what} was sent at {sent_at}, more than {settings.FEDERATION_CLOCK_SKEW} s "
                      f"ago (our clock: {now_iso(now)})", status=403, code="clock")
    if moment > now + skew:
        raise Refusal(f"from the future: the {what} is dated {sent_at}, more than {settings.FEDERATION_CLOCK_SKEW} s "
                      f"ahead of our clock ({now_iso(now)})", status=403, code="clock")


# Outbox --------------------------------------------------------------------------------------------------------

def queue_message(*, peer: Peer, method: str, uid: str = "", programme: str = "", jcal=None,
                  extra: dict | None = None) -> OutboundMessage:
    """Put a message for ``peer`` in the outbox with the next ``seq``, in the caller's transaction.

    Delivery is attempted once the transaction commits. Without a key the message is kept unsigned and signed
    when it goes out: a change made while federation is misconfigured is delayed, not lost.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method}")
    with transaction.atomic():
        # The row lock (and SQLite's IMMEDIATE transactions) make the numbering gap-free under concurrency.
        locked = Peer.objects.select_for_update().get(pk=peer.pk)
        last = locked.outbox.order_by("-seq").values_list("seq", flat=True).first() or 0
        now = now_iso()
        body = {
            "protocol": PROTOCOL, "from": instance_id(), "to": locked.instance_id, "seq": last + 1,
            "sent_at": now, "created_at": now, "method": method, "uid": uid, "programme": programme,
            "jcal": jcal, **(extra or {}),
        }
        try:
            envelope = signing.sign_envelope(body, federation_key())
        except FederationNotConfigured:
            envelope = {"body": body, "signature": ""}
        message = OutboundMessage.objects.create(peer=locked, seq=last + 1, method=method, uid=uid,
                                                 envelope=envelope)
    schedule_delivery(peer.pk)
    return message


def fresh_envelope(message: OutboundMessage) -> dict:
    """The message as it goes out now: stamped with this sending's time and signed again."""
    body = dict(message.envelope["body"])
    body["sent_at"] = now_iso()
    return signing.sign_envelope(body, federation_key())


def schedule_delivery(peer_id: int) -> None:
    """Push the peer's pending messages once the current transaction commits (once per transaction)."""
    if not settings.FEDERATION_PUSH_ON_COMMIT:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            if getattr(entry[1], "federation_peer_id", None) == peer_id:
                return
    callback = partial(_deliver_after_commit, peer_id)
    callback.federation_peer_id = peer_id
    transaction.on_commit(callback, robust=True)


def _deliver_after_commit(peer_id: int) -> None:
    peer = Peer.objects.filter(pk=peer_id).first()
    if peer is None:
        return
    try:
        deliver_pending(peer)
    except Exception:  # noqa: BLE001 — a failed push must never break the change that caused it
        logger.exception("federation: pushing to %s failed", peer)


# HTTP client ---------------------------------------------------------------------------------------------------

def _http(method: str, url: str, *, data: bytes | None = None, headers: dict | None = None,
          timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/json", "User-Agent": f"Hemicycle ({PROTOCOL})",
        **({"Content-Type": "application/json"} if data is not None else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — the peer's pinned address
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Unreachable(f"{url}: {reason}") from exc
    try:
        payload = json.loads(raw or b"{}")
    except ValueError:
        payload = {"message": raw[:300].decode("utf-8", "replace")}
    if not isinstance(payload, dict):
        payload = {"message": str(payload)[:300]}
    return status, payload


def _peer_url(peer: Peer, path: str) -> tuple[str, str]:
    """The full URL of ``path`` on the peer, and the path (with the peer's own prefix) that requests sign."""
    base = urllib.parse.urlsplit(peer.base_url)
    full_path = base.path.rstrip("/") + API_PATH + path
    return urllib.parse.urlunsplit((base.scheme, base.netloc, full_path.split("?")[0],
                                    full_path.partition("?")[2], "")), full_path


def signed_request_headers(*, method: str, path: str, peer: Peer) -> dict:
    """Headers that authenticate a request of ours to ``peer``: signature over method, path, date and parties."""
    date = now_iso()
    statement = signing.request_statement(method=method, path=path, date=date, sender=instance_id(),
                                          recipient=peer.instance_id)
    return {HEADER_FROM: instance_id(), HEADER_DATE: date,
            HEADER_SIGNATURE: signing.sign_value(statement, federation_key())}


def post_envelope(peer: Peer, envelope: dict, *, timeout: float | None = None) -> tuple[int, dict]:
    url, _path = _peer_url(peer, "/inbox")
    data = json.dumps(envelope, ensure_ascii=False).encode("utf-8")
    return _http("POST", url, data=data, timeout=timeout or settings.FEDERATION_PUSH_TIMEOUT)


@dataclass
class DeliveryReport:
    delivered: int = 0
    refused: list[str] = field(default_factory=list)
    error: str = ""


def _note_contact(peer: Peer, error: str = "") -> None:
    Peer.objects.filter(pk=peer.pk).update(last_error=error, **({} if error else {"last_contact_at": timezone.now()}))


def deliver_pending(peer: Peer, *, timeout: float | None = None) -> DeliveryReport:
    """Push the peer's undelivered messages in order; stop at the first one that does not get through.

    The peer's answers steer it: "already received" (it pulled them) marks them delivered; "out of order:
    expected N" sends again from N; a refusal of the domain (422) is final and kept as the message's error.
    """
    report = DeliveryReport()
    pending = list(peer.outbox.filter(delivered_at__isnull=True).order_by("seq"))
    budget = 2 * len(pending) + 10  # every answer moves forward; the budget only guards against a confused peer
    while pending and budget > 0:
        budget -= 1
        message = pending[0]
        try:
            envelope = fresh_envelope(message)
        except FederationNotConfigured as exc:
            report.error = str(exc)
            break
        OutboundMessage.objects.filter(pk=message.pk).update(attempts=message.attempts + 1)
        message.attempts += 1
        try:
            status, payload = post_envelope(peer, envelope, timeout=timeout)
        except Unreachable as exc:
            report.error = f"unreachable: {exc}"
            OutboundMessage.objects.filter(pk=message.pk).update(last_error=report.error)
            _note_contact(peer, report.error)
            break
        reason = str(payload.get("message", ""))
        code = payload.get("code", "")
        now = timezone.now()
        if status in (200, 201, 202):
            OutboundMessage.objects.filter(pk=message.pk).update(delivered_at=now, last_error="")
            report.delivered += 1
            pending.pop(0)
        elif status == 422:
            # Authentic and in order, so consumed; the partner's domain refused it. Not retried.
            OutboundMessage.objects.filter(pk=message.pk).update(delivered_at=now, last_error=f"refused: {reason}")
            report.refused.append(f"#{message.seq}: {reason}")
            pending.pop(0)
        elif status == 409 and code == "already-received":
            last = int(payload.get("last_seq") or message.seq)
            OutboundMessage.objects.filter(peer=peer, seq__lte=last, delivered_at__isnull=True).update(
                delivered_at=now, last_error="")
            pending = [m for m in pending if m.seq > last]
        elif status == 409 and code == "out-of-order":
            expected = int(payload.get("expected") or 0)
            if not (1 <= expected < message.seq) or not peer.outbox.filter(seq=expected).exists():
                report.error = f"the peer expects message {expected}, which we do not have: {reason}"
                _note_contact(peer, report.error)
                break
            # The peer missed some: send again from the one it expects.
            OutboundMessage.objects.filter(peer=peer, seq__gte=expected).update(delivered_at=None)
            pending = list(peer.outbox.filter(seq__gte=expected, delivered_at__isnull=True).order_by("seq"))
        else:
            report.error = f"HTTP {status}: {reason}"
            OutboundMessage.objects.filter(pk=message.pk).update(last_error=report.error)
            _note_contact(peer, report.error)
            break
    if not report.error and (report.delivered or report.refused):
        _note_contact(peer)
    return report


@dataclass
class PullReport:
    applied: int = 0
    refused: list[str] = field(default_factory=list)
    error: str = ""


def pull(peer: Peer, *, timeout: float | None = None, max_pages: int = 1000) -> PullReport:
    """Fetch and apply, in order, what the peer has for us since the last message we hold."""
    report = PullReport()
    timeout = timeout or settings.FEDERATION_PULL_TIMEOUT
    for _page in range(max_pages):
        since = Peer.objects.values_list("last_seq_received", flat=True).get(pk=peer.pk)
        url, path = _peer_url(peer, f"/changes?since={since}&limit={PAGE_SIZE}")
        try:
            headers = signed_request_headers(method="GET", path=path, peer=peer)
            status, payload = _http("GET", url, headers=headers, timeout=timeout)
        except FederationNotConfigured as exc:
            report.error = str(exc)
            break
        except Unreachable as exc:
            report.error = f"unreachable: {exc}"
            break
        if status != 200:
            report.error = f"HTTP {status}: {payload.get('message', '')}"
            break
        messages = payload.get("messages")
        if payload.get("to") != instance_id() or not isinstance(messages, list):
            report.error = "the peer's answer is not a list of changes for us"
            break
        for envelope in messages:
            status, result = receive_envelope(envelope)
            if status == 200:
                report.applied += 1
            elif status == 422:
                report.refused.append(result.get("message", ""))
            elif result.get("code") == "already-received":
                continue  # a push got there while we were pulling
            else:
                report.error = result.get("message", f"HTTP {status}")
                break
        # Even after the last page, ask once more: asking "since N" is what tells the peer we hold N.
        if report.error or not messages:
            break
    _note_contact(peer, report.error)
    return report


def sync_peer(peer: Peer) -> tuple[DeliveryReport, PullReport]:
    """Push what we have for the peer, then pull what it has for us."""
    return deliver_pending(peer), pull(peer)


# Receiving -----------------------------------------------------------------------------------------------------

def _recordable(envelope) -> dict:
    try:
        size = len(json.dumps(envelope, ensure_ascii=False))
    except (TypeError, ValueError):
        return {"unreadable": True}
    if not isinstance(envelope, dict):
        return {"not_an_object": str(envelope)[:1000]}
    if size > MAX_RECORDED_BYTES:
        return {"truncated": True, "size": size}
    return envelope


def _record(*, peer, envelope, outcome, reason="") -> InboundMessage:
    body = envelope.get("body") if isinstance(envelope, dict) else None
    body = body if isinstance(body, dict) else {}
    seq = body.get("seq")
    return InboundMessage.objects.create(
        peer=peer, seq=seq if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 0 else None,
        method=str(body.get("method", ""))[:16], uid=str(body.get("uid", ""))[:255],
        envelope=_recordable(envelope), outcome=outcome, reason=reason)


def _check_header(body: dict) -> None:
    for name, kind in (("from", str), ("to", str), ("seq", int), ("sent_at", str), ("method", str)):
        value = body.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise Refusal(f"malformed: the message has no valid “{name}”", status=400, code="malformed")
    if body["seq"] < 1:
        raise Refusal("malformed: “seq” starts at 1", status=400, code="malformed")
    if body["method"] not in METHODS:
        raise Refusal(f"malformed: unknown method “{body['method']}” (expected one of {', '.join(sorted(METHODS))})",
                      status=400, code="malformed")


def receive_envelope(envelope) -> tuple[int, dict]:
    """Check and apply one envelope from a peer; return (HTTP status, JSON answer). Records the outcome."""
    try:
        federation_key()
    except FederationNotConfigured as exc:
        return 503, {"message": str(exc), "code": "not-configured"}
    body = envelope.get("body") if isinstance(envelope, dict) else None
    sender = body.get("from") if isinstance(body, dict) else None
    peer = Peer.objects.filter(instance_id=sender).first() if isinstance(sender, str) and sender else None
    try:
        if peer is None:
            raise Refusal(f"unknown sender “{sender}”: no instance of that name is paired with this one",
                          status=403, code="unknown-peer")
        try:
            body = signing.verify_envelope(envelope, peer.public_key)
        except signing.SignatureError as exc:
            raise Refusal(f"forged or altered: {exc}", status=403, code="bad-signature") from exc
        _check_header(body)
        if body["to"] != instance_id():
            raise Refusal(f"wrong recipient: the message is for “{body['to']}”, this instance is “{instance_id()}”",
                          status=403, code="wrong-recipient")
        check_clock(body["sent_at"])
        return _apply_in_order(peer, envelope, body)
    except Refusal as refusal:
        _record(peer=peer, envelope=envelope, outcome=InboundMessage.Outcome.REFUSED, reason=refusal.reason)
        return refusal.status, refusal.payload()


def _apply_in_order(peer: Peer, envelope: dict, body: dict) -> tuple[int, dict]:
    from hemicycle.cooperation.sync import apply_message  # the domain side; imported here to keep apps layered

    seq = body["seq"]
    with transaction.atomic():
        locked = Peer.objects.select_for_update().get(pk=peer.pk)
        expected = locked.last_seq_received + 1
        if seq < expected:
            raise Refusal(f"already received: message {seq} from {peer.instance_id} was received before "
                          f"(last received: {locked.last_seq_received})", status=409, code="already-received",
                          last_seq=locked.last_seq_received)
        if seq > expected:
            raise Refusal(f"out of order: expected {expected}, got {seq}", status=409, code="out-of-order",
                          expected=expected)
        try:
            with transaction.atomic():  # a savepoint: a refusal undoes whatever the domain had begun
                note = apply_message(peer=locked, body=body) or ""
            outcome, status, answer = InboundMessage.Outcome.APPLIED, 200, {"status": "applied", "note": note}
        except Refusal as refusal:
            note = refusal.reason
            outcome, status, answer = InboundMessage.Outcome.REFUSED, refusal.status, refusal.payload()
        locked.last_seq_received = seq
        locked.last_contact_at = timezone.now()
        locked.save(update_fields=["last_seq_received", "last_contact_at"])
        _record(peer=locked, envelope=envelope, outcome=outcome, reason=note)
    return status, {**answer, "seq": seq}


def authenticate_request(request) -> Peer:
    """The peer that signed this HTTP request (e.g. a pull); ``Refusal`` if it is unsigned, unknown or forged."""
    sender = request.headers.get(HEADER_FROM, "")
    date = request.headers.get(HEADER_DATE, "")
    signature = request.headers.get(HEADER_SIGNATURE, "")
    if not (sender and date and signature):
        raise Refusal(f"unsigned request: send {HEADER_FROM}, {HEADER_DATE} and {HEADER_SIGNATURE} (Ed25519 "
                      "over method, path, date, sender and recipient)", status=401, code="unsigned")
    peer = Peer.objects.filter(instance_id=sender).first()
    if peer is None:
        raise Refusal(f"unknown sender “{sender}”: no instance of that name is paired with this one",
                      status=403, code="unknown-peer")
    check_clock(date, what="request")
    statement = signing.request_statement(method=request.method, path=request.get_full_path(), date=date,
                                          sender=sender, recipient=instance_id())
    try:
        signing.verify_value(statement, signature, peer.public_key)
    except signing.SignatureError as exc:
        raise Refusal(f"forged or altered request: {exc}", status=403, code="bad-signature") from exc
    return peer


def changes_for(peer: Peer, *, since: int, limit: int = PAGE_SIZE) -> dict:
    """Our outbox for ``peer`` after ``since``, freshly signed; the caller holding ``since`` acknowledges it."""
    OutboundMessage.objects.filter(peer=peer, seq__lte=since, delivered_at__isnull=True).update(
        delivered_at=timezone.now(), last_error="")
    rows = list(peer.outbox.filter(seq__gt=since).order_by("seq")[:limit + 1])
    last_seq = peer.outbox.order_by("-seq").values_list("seq", flat=True).first() or 0
    _note_contact(peer)
    return {"protocol": PROTOCOL, "from": instance_id(), "to": peer.instance_id, "since": since,
            "last_seq": last_seq, "more": len(rows) > limit, "messages": [fresh_envelope(m) for m in rows[:limit]]}
