"""Signed, expiring tokens for the links we send by email to confirm an address.

The token carries the account's id and a keyed digest of the address it was sent to (not the address itself,
which would otherwise sit in every access log), signed with SECRET_KEY. A link for an address the account no
longer has is refused; a link used twice finds the address already confirmed.
"""

import datetime

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

EMAIL_CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)
_SALT = "hemicycle.accounts.email-confirmation"


class TokenExpired(Exception):
    """The link is genuine but older than EMAIL_CONFIRMATION_MAX_AGE."""


class TokenInvalid(Exception):
    """The link was damaged, forged or signed with another key."""


def _address_digest(email: str) -> str:
    return salted_hmac(_SALT, email.lower(), algorithm="sha256").hexdigest()[:32]


def email_confirmation_token(*, user_id: int, email: str) -> str:
    """A URL-safe token that confirms ``email`` for the account ``user_id``."""
    return signing.TimestampSigner(salt=_SALT).sign_object({"u": user_id, "a": _address_digest(email)})


def email_confirmation_token_read(token: str) -> tuple[int, str]:
    """The account id a token was made for, and the address digest; raises TokenExpired or TokenInvalid."""
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("a"), str):
        raise TokenInvalid
    return data["u"], data["a"]


def email_confirmation_token_matches(digest: str, email: str) -> bool:
    """Whether a token's address digest is that of ``email``."""
    return constant_time_compare(digest, _address_digest(email))
