"""Signed links that stop digest mail without logging in: the one-click unsubscribe of every digest.

A token names the account, optionally one follow, and carries a keyed digest of the address the mail went to, so
a link stops working when the account changes its address. It does not expire: an old digest's link must still
stop the mail (RFC 8058 asks that one-click links keep working).
"""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "hemicycle.follows.unsubscribe"


class TokenInvalid(Exception):
    """The link was damaged, forged, signed with another key, or is for an address the account no longer has."""


def _address_digest(email: str) -> str:
    return salted_hmac(_SALT, email.lower(), algorithm="sha256").hexdigest()[:24]


def unsubscribe_token(*, user, follow_id: int | None = None) -> str:
    """A URL-safe token that stops the digest mail of ``user`` (of one follow when ``follow_id`` is given)."""
    data = {"u": user.pk, "a": _address_digest(user.email)}
    if follow_id is not None:
        data["f"] = follow_id
    return signing.Signer(salt=_SALT).sign_object(data, compress=False)


def unsubscribe_token_read(token: str, *, users) -> tuple[object, int | None]:
    """The account (from the ``users`` queryset) and follow id a token was made for; raises TokenInvalid."""
    try:
        data = signing.Signer(salt=_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("a"), str):
        raise TokenInvalid
    follow_id = data.get("f")
    if follow_id is not None and not isinstance(follow_id, int):
        raise TokenInvalid
    user = users.filter(pk=data["u"]).first()
    if user is None or not constant_time_compare(data["a"], _address_digest(user.email)):
        raise TokenInvalid
    return user, follow_id
