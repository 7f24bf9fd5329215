"""Writes on follows: follow, unfollow, choose how often to get mail, unsubscribe by link, and send the digests.

A digest is one email per person, in their language, with what changed in each thing they follow since their
last digest. The watermarks move only once the SMTP server has accepted the mail, in the same transaction that
locked the follows, so that a failed send is retried next time and two runs at once do not mail twice.
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from hemicycle.follows import selectors
from hemicycle.follows.models import Follow
from hemicycle.follows.tokens import TokenInvalid, unsubscribe_token, unsubscribe_token_read
from hemicycle.legislation.models import Bill
from hemicycle.people.models import Organization, Person
from hemicycle.search.forms import SearchForm

log = logging.getLogger(__name__)

#: A person follows at most this many things (a scripted account would otherwise fill the table).
MAX_FOLLOWS_PER_USER = 500
#: Changes listed per follow in one mail; the rest are behind the link to the page.
DIGEST_ITEMS_SHOWN = 20
#: A follow is due for its digest this long after the last one. Less than a day (a week) so that a cron job
#: that runs a little early still sends; running the command more often than daily sends nothing twice.
DUE_AFTER = {Follow.Frequency.DAILY: datetime.timedelta(hours=20),
             Follow.Frequency.WEEKLY: datetime.timedelta(days=6, hours=20)}

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


class DigestNotAccepted(Exception):
    """The SMTP server did not take the message."""


def _require_user(user) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Log in to follow.")


def _check_search(query: dict) -> None:
    """Refuse a search the search page would refuse, with its own messages (the search form decides)."""
    form = SearchForm(query)
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})


@transaction.atomic
def follow_create(*, user, bill: Bill | None = None, organization: Organization | None = None,
                  person: Person | None = None, query=None, frequency: str = Follow.Frequency.DAILY) -> Follow:
    """Follow exactly one of a bill, a committee, a member or a search (``query``: its parameters).

    Following something already followed returns the existing follow unchanged.
    """
    _require_user(user)
    given = [name for name, value in (("bill", bill), ("organization", organization), ("person", person),
                                      ("query", query)) if value is not None]
    if len(given) != 1:
        raise ValidationError({"kind": gettext("Follow one thing at a time: a bill, a committee, a member or a "
                                               "search.")})
    if frequency not in Follow.Frequency.values:
        raise ValidationError({"frequency": gettext("Choose daily, weekly or no email.")})
    fields = {}
    if bill is not None:
        if not bill.is_published:
            raise ValidationError({"bill": gettext("This bill is not published.")})
        fields = {"kind": Follow.Kind.BILL, "bill": bill}
    elif organization is not None:
        if organization.classification not in selectors.FOLLOWABLE_ORGANIZATIONS:
            raise ValidationError({"organization": gettext("Only a committee can be followed.")})
        fields = {"kind": Follow.Kind.COMMITTEE, "organization": organization}
    elif person is not None:
        fields = {"kind": Follow.Kind.MEMBER, "person": person}
    else:
        normalised = selectors.search_query_normalise(query)
        if not normalised.get("q"):
            raise ValidationError({"q": gettext("Give the words to search for.")})
        _check_search(normalised)
        fields = {"kind": Follow.Kind.SEARCH, "query": normalised,
                  "query_key": selectors.search_query_key(normalised)}
    target = fields.get("query") if fields["kind"] == Follow.Kind.SEARCH else next(
        value for name, value in fields.items() if name != "kind")
    existing = selectors.follow_of(user, fields["kind"], target)
    if existing is not None:
        return existing
    if Follow.objects.filter(user=user).count() >= MAX_FOLLOWS_PER_USER:
        raise ValidationError({"kind": gettext("You follow %(count)s things already, the most one can follow. "
                                               "Unfollow some first.") % {"count": MAX_FOLLOWS_PER_USER}})
    now = timezone.now()
    seen = selectors.changes_seen(fields["kind"], target, now=now)
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, frequency=frequency, digested_until=now, digested_keys=seen,
                                         **fields)
    except IntegrityError:  # the same follow, a moment ago, from another request
        return selectors.follow_of(user, fields["kind"], target)


def _own(follow: Follow, by) -> None:
    _require_user(by)
    if follow.user_id != by.pk:
        raise PermissionDenied("This is someone else's follow.")


@transaction.atomic
def follow_delete(*, follow: Follow, by) -> None:
    """Stop following (only the follower may)."""
    _own(follow, by)
    follow.delete()


@transaction.atomic
def follow_set_frequency(*, follow: Follow, frequency: str, by) -> Follow:
    """Choose how often the follower gets mail about this follow: daily, weekly or never."""
    _own(follow, by)
    if frequency not in Follow.Frequency.values:
        raise ValidationError({"frequency": gettext("Choose daily, weekly or no email.")})
    follow.frequency = frequency
    follow.save(update_fields=["frequency"])
    return follow


def unsubscribe_check(*, token: str) -> tuple[object, Follow | None]:
    """The account and the follow (None: all of them) a digest's unsubscribe link is for; raises TokenInvalid."""
    user, follow_id = unsubscribe_token_read(token, users=get_user_model().objects.all())
    if follow_id is None:
        return user, None
    follow = Follow.objects.filter(pk=follow_id, user=user).first()
    if follow is None:  # unfollowed since: nothing left to stop
        raise TokenInvalid
    return user, follow


@transaction.atomic
def follows_unsubscribe(*, token: str) -> int:
    """Stop the digest mail a link is for (one follow, or all of the account's); the follows themselves stay.

    Returns how many follows stopped mailing. Raises TokenInvalid for a bad link.
    """
    user, follow = unsubscribe_check(token=token)
    scope = Follow.objects.filter(user=user).exclude(frequency=Follow.Frequency.NEVER)
    if follow is not None:
        scope = scope.filter(pk=follow.pk)
    return scope.update(frequency=Follow.Frequency.NEVER)


# --- digests -----------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class DigestReport:
    """What ``digests_send`` did."""

    sent: list[str] = dataclasses.field(default_factory=list)  # addresses mailed
    unchanged: int = 0  # people whose follows had nothing new
    skipped: int = 0  # people whose follows another run was digesting, or had just digested
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # address, reason


def _language_for(user) -> str:
    language = getattr(user, "preferred_language", "")
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def due_follows(*, now: datetime.datetime, frequency: str | None = None):
    """Follows whose digest is due at ``now`` (of one frequency, or daily and weekly alike)."""
    frequencies = [frequency] if frequency else list(DUE_AFTER)
    due = Q()
    for name in frequencies:
        due |= Q(frequency=name, digested_until__lte=now - DUE_AFTER[name])
    return Follow.objects.filter(due, user__is_active=True, user__email_confirmed=True)


def _sections(follows: list[Follow], now) -> list[dict]:
    sections = []
    for follow in follows:
        changes = selectors.digest_changes(follow, now=now)
        sections.append({
            "follow": follow, "changes": changes,
            "shown": [dataclasses.replace(c, url=_absolute(c.url)) for c in changes[:DIGEST_ITEMS_SHOWN]],
            "more": max(0, len(changes) - DIGEST_ITEMS_SHOWN), "label": selectors.follow_label(follow),
            "url": _absolute(selectors.follow_url(follow)), "kind": follow.get_kind_display(),
            "stop_url": _absolute(reverse("follows:unsubscribe",
                                          args=[unsubscribe_token(user=follow.user, follow_id=follow.pk)])),
        })
    return sections


def _digest_message(user, sections: list[dict], connection) -> EmailMultiAlternatives:
    count = sum(len(section["changes"]) for section in sections)
    unsubscribe_url = _absolute(reverse("follows:unsubscribe", args=[unsubscribe_token(user=user)]))
    context = {"user": user, "sections": sections, "count": count, "unsubscribe_url": unsubscribe_url,
               "follows_url": _absolute(reverse("follows:my_follows")), "site_url": settings.SITE_URL}
    subject = ngettext("Hemicycle: %(count)s change in what you follow",
                       "Hemicycle: %(count)s changes in what you follow", count) % {"count": count}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("follows/email/digest.txt", context), to=[user.email],
        connection=connection,
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated"})
    message.attach_alternative(render_to_string("follows/email/digest.html", context), "text/html")
    return message


def _ledger(follow: Follow, mailed: list[selectors.Change], now) -> dict:
    """The keys already mailed that a later digest window can still meet, with their times."""
    keep_from = now - selectors.LOOKBACK - datetime.timedelta(days=1)
    keys = dict(follow.digested_keys or {})
    keys.update({change.key: change.at.isoformat() for change in mailed})
    return {key: at for key, at in keys.items() if datetime.datetime.fromisoformat(at) >= keep_from}


SENT, UNCHANGED, SKIPPED = "sent", "unchanged", "skipped"


def digest_send(*, user, follow_ids, now: datetime.datetime | None = None, connection=None) -> str:
    """Mail ``user`` what changed in the follows ``follow_ids``: SENT, UNCHANGED (no mail) or SKIPPED.

    Only follows due at ``now`` count. Nothing is sent when nothing changed; the watermarks move either way. A
    follow that another run holds, or that another run already digested, is left alone. Raises what the SMTP
    connection raises (nothing is recorded then), or DigestNotAccepted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Due still, once locked: a run that got here first has moved the watermark.
        follows = list(due_follows(now=now).select_for_update(skip_locked=True, of=("self",))
                       .filter(pk__in=list(follow_ids), user=user)
                       .select_related("user", "bill", "organization", "person").order_by("kind", "pk"))
        if not follows:
            return SKIPPED
        with translation.override(_language_for(user)):
            sections = _sections(follows, now)
            changed = [section for section in sections if section["changes"]]
            if changed:
                sent = _digest_message(user, changed, connection).send()
                if sent != 1:
                    raise DigestNotAccepted(user.email)
        for section in sections:  # a skipped search follow keeps its watermark
            follow = section["follow"]
            follow.digested_keys = _ledger(follow, section["changes"], now)
            follow.digested_until = now
            follow.save(update_fields=["digested_until", "digested_keys"])
        return SENT if changed else UNCHANGED


def digests_send(*, frequency: str | None = None, now: datetime.datetime | None = None) -> DigestReport:
    """Send every due digest: one mail per person. A failure for one person is reported and the rest go on."""
    now = now or timezone.now()
    report = DigestReport()
    by_user: dict[int, list[int]] = {}
    for follow_id, user_id in due_follows(now=now, frequency=frequency).values_list("pk", "user_id"):
        by_user.setdefault(user_id, []).append(follow_id)
    if not by_user:
        return report
    users = get_user_model().objects.in_bulk(list(by_user))
    connection = get_connection()
    connection.open()  # one SMTP session for the run; a server that is down fails the run at once
    try:
        for user_id, follow_ids in by_user.items():
            user = users[user_id]
            try:
                outcome = digest_send(user=user, follow_ids=follow_ids, now=now, connection=connection)
            except Exception as exc:  # noqa: BLE001 — one refused address must not stop the others' digests
                log.warning("Digest to %s failed: %s", user.email, exc)
                report.failed.append((user.email, f"{type(exc).__name__}: {exc}"))
                connection.close()  # the next send opens a fresh session
                continue
            if outcome == SENT:
                report.sent.append(user.email)
            elif outcome == UNCHANGED:
                report.unchanged += 1
            else:
                report.skipped += 1
    finally:
        connection.close()
    return report
