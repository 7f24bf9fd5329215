"""Writes on accounts: sign-up, address confirmation, profile, activation. Views and the back office call these.

Mail goes out with Django's ``send_mail`` (real SMTP when EMAIL_HOST is set), in the account's own language,
whatever the language of the page that triggered it.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from hemicycle.accounts.models import User
from hemicycle.accounts.roles import can_edit
from hemicycle.accounts.tokens import (
    TokenExpired,
    TokenInvalid,
    email_confirmation_token,
    email_confirmation_token_matches,
    email_confirmation_token_read,
)

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


class EmailConfirmationError(Exception):
    """A confirmation link that cannot be honoured. ``reason`` is "expired" or "invalid"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def email_normalize(email: str) -> str:
    """The form in which addresses are stored and looked up: trimmed and lower-case."""
    return User.objects.normalize_email(email.strip()).lower()


def _language_for(user: User) -> str:
    return user.preferred_language if user.preferred_language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _mail_user(*, user: User, template: str, context: dict) -> None:
    """Send ``accounts/email/<template>_subject.txt`` and ``_body.txt`` to ``user`` in their language."""
    with translation.override(_language_for(user)):
        context = {"user": user, **context}
        subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
        send_mail(subject, body, None, [user.email])


def _absolute(site_url: str | None, path: str) -> str:
    return (site_url or settings.SITE_URL).rstrip("/") + path


def email_confirmation_send(*, user: User, site_url: str | None = None) -> None:
    """Send ``user`` a link that confirms their address. ``site_url`` is the scheme and host links start with."""
    token = email_confirmation_token(user_id=user.pk, email=user.email)
    with translation.override(_language_for(user)):
        confirm_url = _absolute(site_url, reverse("accounts:email_confirm", kwargs={"token": token}))
        reset_url = _absolute(site_url, reverse("accounts:password_reset"))
    _mail_user(user=user, template="confirm", context={"confirm_url": confirm_url, "reset_url": reset_url})


def user_sign_up(
    *, email: str, password: str, display_name: str = "", language: str = "", site_url: str | None = None
) -> User | None:
    """Open an unconfirmed account for ``email`` and mail it the confirmation link; returns the new account.

    ``password`` must already have passed the password validators (the sign-up form runs them). When the
    address already has an account, nothing is created and None is returned: an unconfirmed account gets its
    link again, a confirmed one a note saying so. The person signing up sees the same answer either way, so the
    form does not tell strangers who has an account.
    """
    email = email_normalize(email)
    language = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
    existing = User.objects.filter(email=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(email=email, password=password, display_name=display_name.strip(),
                                                preferred_language=language, email_confirmed=False)
        except IntegrityError:  # the same address signed up a moment ago, in another request
            existing = User.objects.get(email=email)
        else:
            email_confirmation_send(user=user, site_url=site_url)
            return user
    # Hash anyway, so that an existing address does not answer measurably faster than a new one.
    make_password(password)
    if existing.email_confirmed:
        with translation.override(_language_for(existing)):
            context = {"login_url": _absolute(site_url, reverse("accounts:login")),
                       "reset_url": _absolute(site_url, reverse("accounts:password_reset"))}
        _mail_user(user=existing, template="already_registered", context=context)
    else:
        email_confirmation_send(user=existing, site_url=site_url)
    return None


def email_confirmation_resend(*, email: str, site_url: str | None = None) -> None:
    """Send the confirmation link again if ``email`` belongs to an active, unconfirmed account; else do nothing."""
    user = User.objects.filter(email=email_normalize(email), email_confirmed=False, is_active=True).first()
    if user is not None:
        email_confirmation_send(user=user, site_url=site_url)


def email_confirm(*, token: str) -> User:
    """Mark the address in ``token`` as confirmed and return its account. Using a link twice is harmless.

    Raises EmailConfirmationError("expired") for a link older than EMAIL_CONFIRMATION_MAX_AGE and
    EmailConfirmationError("invalid") for a damaged one, or one for an address the account no longer has.
    """
    try:
        user_id, address_digest = email_confirmation_token_read(token)
    except TokenExpired as exc:
        raise EmailConfirmationError("expired") from exc
    except TokenInvalid as exc:
        raise EmailConfirmationError("invalid") from exc
    user = User.objects.filter(pk=user_id).first()
    if user is None or not email_confirmation_token_matches(address_digest, user.email):
        raise EmailConfirmationError("invalid")
    email_mark_confirmed(user=user)
    return user


def email_mark_confirmed(*, user: User) -> None:
    """Record that ``user`` controls their address (they followed a link we mailed, e.g. a password reset)."""
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])


def user_profile_update(*, user: User, display_name: str, preferred_language: str) -> User:
    """Change what a person says about themselves: the name shown and the language of our mail."""
    if preferred_language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {preferred_language!r}")
    user.display_name = display_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "preferred_language"])
    return user


def user_set_active(*, user: User, active: bool, by: User) -> None:
    """Activate or deactivate an account, as a moderator or administrator. Nobody deactivates themselves."""
    if user.pk == by.pk or not can_edit(by, user):
        raise PermissionDenied
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
