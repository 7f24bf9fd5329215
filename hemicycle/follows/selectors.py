"""What changed: dated change items for a bill, a committee, a member or a search, for the digest and the feeds.

Every function reads the legislative record as the public sees it (published bills, versions and sittings only)
and answers a list of ``Change``, newest first, written in the active language: render inside
``translation.override`` to get another one. ``since`` and ``until`` bound the time of each change; a change that
carries only a date (a stage change, a new version) counts for the whole of that day. ``limit`` keeps the newest.
"""

import dataclasses
import datetime
import hashlib
import html
import logging
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.functions import Least
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from hemicycle.follows.models import Follow
from hemicycle.legislation.models import (
    AgendaItem,
    Amendment,
    Bill,
    BillStageChange,
    BillVersion,
    Sitting,
    Vote,
    VoteEvent,
)
from hemicycle.legislation.selectors_votes import member_votes, public_vote_events
from hemicycle.people.models import Membership, Organization, Person
from hemicycle.portal.templatetags.hemicycle import role_label, translated_value
from hemicycle.search import selectors as search_selectors

log = logging.getLogger(__name__)

#: How far before its watermark a digest looks for changes recorded late (a step dated a few days back).
LOOKBACK = datetime.timedelta(days=31)
#: Items in a feed.
FEED_ITEMS = 50
#: At most this many changes are gathered for one follow in one digest; the rest wait for the next one.
DIGEST_MAX_CHANGES = 200

#: The parameters of the search page a search follow keeps, in this order; the repeatable ones; other spellings.
SEARCH_PARAMS = ("q", "kind", "stage", "committee", "date_from", "date_to")
SEARCH_LISTS = frozenset({"kind"})
SEARCH_ALIASES = {"date_from": "from", "date_to": "to"}
#: Organizations one can follow: committees (their sittings, votes and the bills before them).
FOLLOWABLE_ORGANIZATIONS = (Organization.Classification.COMMITTEE,)


@dataclasses.dataclass(frozen=True)
class Change:
    """One thing that changed, ready for a mail, a feed entry or a list."""

    key: str  #: stable identity: the digest remembers what it mailed by this, a feed uses it as the entry's id
    at: datetime.datetime  #: aware; for an ``all_day`` change, the start of its day
    title: str
    sentence: str  #: what happened, in plain words
    url: str  #: absolute path of the page that shows it
    all_day: bool = False
    snippet: str = ""  #: safe HTML, for search hits

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.at)

    @property
    def when(self) -> str:
        """The date (and time) for a reader, in the active language."""
        if self.all_day:
            return formats.date_format(self.day, "DATE_FORMAT")
        return formats.date_format(timezone.localtime(self.at), "DATETIME_FORMAT")


# --- the window -------------------------------------------------------------------------------------------------

def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_window(change: Change, since, until) -> bool:
    if change.all_day:
        return ((since is None or change.day >= timezone.localdate(since))
                and (until is None or change.day <= timezone.localdate(until)))
    return (since is None or change.at >= since) and (until is None or change.at <= until)


def _between(field: str, since, until, *, dates: bool = False) -> Q:
    """A filter on ``field`` for the window; ``dates`` for a DateField (compared by local day)."""
    q = Q()
    if since is not None:
        q &= Q(**{f"{field}__gte": timezone.localdate(since) if dates else since})
    if until is not None:
        q &= Q(**{f"{field}__lte": timezone.localdate(until) if dates else until})
    return q


def _newest(changes: list[Change], since, until, limit) -> list[Change]:
    seen, kept = set(), []
    for change in sorted(changes, key=lambda c: (c.at, c.key), reverse=True):
        if change.key not in seen and _in_window(change, since, until):
            seen.add(change.key)
            kept.append(change)
    return kept[:limit] if limit else kept


def _cut(queryset, limit):
    return queryset[:limit] if limit else queryset


# --- words shared by several kinds ---------------------------------------------------------------------------------

def _t(obj, field: str) -> str:
    return str(translated_value(obj, field).value)


def bill_label(bill: Bill) -> str:
    return f"{bill.number} {_t(bill, 'short_title') or _t(bill, 'title')}"


def vote_outcome(event: VoteEvent) -> str:
    """"adopted (80 yes, 10 no, 5 abstained)"."""
    return _("%(result)s (%(yes)s yes, %(no)s no, %(abstain)s abstained)") % {
        "result": event.get_result_display(), "yes": event.yes_count, "no": event.no_count,
        "abstain": event.abstain_count}


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def _sitting_when(sitting: Sitting) -> str:
    return formats.date_format(sitting.local_start, "DATETIME_FORMAT")


# --- bills -------------------------------------------------------------------------------------------------------

def _stage_changes(scope, since, until, limit, *, with_bill: bool) -> list[Change]:
    rows = (scope.filter(_between("entered_on", since, until, dates=True))
            .select_related("stage", "bill", "vote_event").order_by("-entered_on", "-pk"))
    changes = []
    for row in _cut(rows, limit):
        stage = _t(row.stage, "name")
        who = _("Bill %(bill)s") % {"bill": bill_label(row.bill)} if with_bill else _("The bill")
        if row.stage.outcome == row.stage.Outcome.LAW:
            sentence = _("%(who)s became law: “%(stage)s”.") % {"who": who, "stage": stage}
        elif row.stage.outcome == row.stage.Outcome.FAILED:
            sentence = _("%(who)s will not become law: “%(stage)s”.") % {"who": who, "stage": stage}
        elif row.stage.is_initial:
            sentence = _("%(who)s was registered.") % {"who": who}
        else:
            sentence = _("%(who)s moved to the stage “%(stage)s”.") % {"who": who, "stage": stage}
        vote = _("The vote: %(outcome)s.") % {"outcome": vote_outcome(row.vote_event)} if row.vote_event else ""
        explanation = "" if with_bill else _t(row.stage, "explanation")
        changes.append(Change(
            key=f"stage-change:{row.pk}", at=day_start(row.entered_on), all_day=True,
            title=f"{row.bill.number}: {stage}" if with_bill else stage,
            sentence=_join(sentence, _t(row, "note"), vote, explanation),
            url=row.bill.get_absolute_url() + "#timeline-h"))
    return changes


def _versions(bill: Bill, since, until, limit) -> list[Change]:
    published = list(BillVersion.objects.filter(bill=bill, is_published=True).order_by("number")
                     .values_list("number", flat=True))
    previous = dict(zip(published[1:], published, strict=False))
    rows = (BillVersion.objects.filter(bill=bill, is_published=True).defer("body", "provenance")
            .filter(_between("created_on", since, until, dates=True)).order_by("-created_on", "-number"))
    changes = []
    for version in _cut(rows, limit):
        label = _t(version, "label")
        if version.number in previous:
            url = (reverse("legislation:diff", args=[bill.public_uuid])
                   + "?" + urlencode({"from": previous[version.number], "to": version.number}))
            sentence = _("A new version of the text was published: “%(label)s”. The link shows what changed.")
        else:
            url = version.get_absolute_url()
            sentence = _("The text was published: “%(label)s”.")
        changes.append(Change(key=f"version:{version.pk}", at=day_start(version.created_on), all_day=True,
                              title=_("New text: %(label)s") % {"label": label},
                              sentence=sentence % {"label": label}, url=url))
    return changes


def _movers(amendment: Amendment) -> str:
    names = [_t(person, "name") for person in amendment.movers.all()]
    if names:
        return ", ".join(names)
    return _t(amendment.committee, "name") if amendment.committee_id else ""


def _amendments_tabled(scope, since, until, limit, *, with_bill: bool, mover: str = "") -> list[Change]:
    """Amendments tabled (dated when recorded); ``mover`` names the member whose amendments these are."""
    rows = (scope.filter(_between("created_at", since, until)).select_related("bill", "committee")
            .prefetch_related("movers").order_by("-created_at", "-pk"))
    changes = []
    for amendment in _cut(rows, limit):
        values = {"number": amendment.number, "bill": bill_label(amendment.bill), "movers": _movers(amendment),
                  "name": mover}
        if mover:
            sentence = _("%(name)s moved amendment %(number)s to bill %(bill)s.")
        elif values["movers"]:
            sentence = _("Amendment %(number)s to bill %(bill)s was tabled by %(movers)s.")
        else:
            sentence = _("Amendment %(number)s to bill %(bill)s was tabled.")
        prefix = f"{amendment.bill.number}: " if with_bill else ""
        changes.append(Change(
            key=f"amendment:{amendment.pk}:tabled", at=amendment.created_at,
            title=prefix + _("Amendment %(number)s tabled") % values,
            sentence=_join(sentence % values, _t(amendment, "justification")[:300]),
            url=amendment.get_absolute_url()))
    return changes


def _amendments_decided(scope, since, until, limit) -> list[Change]:
    """What became of amendments: dated by the deciding vote, or when recorded (a withdrawal)."""
    by_vote = Q(vote_event__isnull=False) & _between("vote_event__start", since, until)
    by_record = Q(vote_event__isnull=True) & _between("updated_at", since, until)
    rows = (scope.exclude(status=Amendment.Status.TABLED).filter(by_vote | by_record)
            .select_related("bill", "vote_event").order_by("-updated_at", "-pk"))
    outcomes = {
        Amendment.Status.ADOPTED: (_("Amendment %(number)s adopted"), _("Amendment %(number)s was adopted.")),
        Amendment.Status.REJECTED: (_("Amendment %(number)s rejected"), _("Amendment %(number)s was rejected.")),
        Amendment.Status.WITHDRAWN: (_("Amendment %(number)s withdrawn"),
                                     _("Amendment %(number)s was withdrawn by its movers.")),
    }
    changes = []
    for amendment in _cut(rows, limit):
        title, sentence = outcomes[amendment.status]
        vote = amendment.vote_event
        changes.append(Change(
            key=f"amendment:{amendment.pk}:{amendment.status}", at=vote.start if vote else amendment.updated_at,
            title=title % {"number": amendment.number},
            sentence=_join(sentence % {"number": amendment.number},
                           _("The vote: %(outcome)s.") % {"outcome": vote_outcome(vote)} if vote else ""),
            url=amendment.get_absolute_url()))
    return changes


def _votes(scope, since, until, limit, *, with_bill: bool) -> list[Change]:
    rows = (scope.filter(_between("start", since, until)).select_related("bill", "organization")
            .order_by("-start", "-pk"))
    changes = []
    for event in _cut(rows, limit):
        motion = _t(event, "motion")
        prefix = f"{event.bill.number}: " if with_bill and event.bill_id else ""
        changes.append(Change(
            key=f"vote:{event.pk}", at=event.start, title=prefix + motion,
            sentence=_("%(body)s voted on “%(motion)s”: %(outcome)s.") % {
                "body": _t(event.organization, "name"), "motion": motion, "outcome": vote_outcome(event)},
            url=event.get_absolute_url()))
    return changes


def _agenda(bill: Bill, since, until, limit) -> list[Change]:
    """The bill put on a sitting's agenda (dated when the sitting was announced)."""
    rows = (AgendaItem.objects.filter(bill=bill, sitting__is_published=True)
            .exclude(sitting__status=Sitting.Status.CANCELLED)
            .filter(_between("sitting__created_at", since, until)).select_related("sitting__organization")
            .order_by("-sitting__created_at", "-pk"))
    changes = []
    for item in _cut(rows, limit):
        sitting = item.sitting
        changes.append(Change(
            key=f"agenda:{item.pk}", at=sitting.created_at,
            title=_("On the agenda: %(sitting)s") % {"sitting": _t(sitting, "title")},
            sentence=_("The bill is on the agenda of “%(sitting)s” (%(body)s) on %(when)s.") % {
                "sitting": _t(sitting, "title"), "body": _t(sitting.organization, "name"),
                "when": _sitting_when(sitting)},
            url=sitting.get_absolute_url()))
    return changes


def bill_changes(bill: Bill, *, since=None, until=None, limit: int | None = None) -> list[Change]:
    """What happened to a bill: stages, texts, amendments and their outcomes, votes, sittings that will debate it."""
    if not bill.is_published:
        return []
    stage_changes = BillStageChange.objects.filter(bill=bill)
    # A vote that moved the bill is told with the stage change; an amendment's vote, with the amendment.
    told = set(stage_changes.exclude(vote_event=None).values_list("vote_event_id", flat=True))
    votes = public_vote_events().filter(bill=bill, amendment__isnull=True).exclude(pk__in=told)
    return _newest([
        *_stage_changes(stage_changes, since, until, limit, with_bill=False),
        *_versions(bill, since, until, limit),
        *_amendments_tabled(Amendment.objects.filter(bill=bill), since, until, limit, with_bill=False),
        *_amendments_decided(Amendment.objects.filter(bill=bill), since, until, limit),
        *_votes(votes, since, until, limit, with_bill=False),
        *_agenda(bill, since, until, limit),
    ], since, until, limit)


# --- committees --------------------------------------------------------------------------------------------------

def _place(sitting: Sitting) -> str:
    place = _t(sitting, "place")
    return _("Place: %(place)s.") % {"place": place} if place else ""


def _sittings(org: Organization, since, until, limit) -> list[Change]:
    """Sittings announced (or, when recorded after the day, held), moved (a new SEQUENCE) or cancelled."""
    scope = Sitting.objects.filter(organization=org, is_published=True)
    changes = []
    now = timezone.now()
    # News when announced; a sitting recorded only after it took place is dated by its start.
    rows = (scope.annotate(news_at=Least("created_at", "start")).filter(_between("news_at", since, until))
            .order_by("-news_at", "-pk"))
    for sitting in _cut(rows, limit):
        title = _t(sitting, "title")
        values = {"when": _sitting_when(sitting), "title": title}
        sentence = (_("The committee sat on %(when)s: “%(title)s”.") if sitting.start < now
                    else _("A sitting is scheduled on %(when)s: “%(title)s”.")) % values
        changes.append(Change(
            key=f"sitting:{sitting.pk}", at=sitting.news_at,
            title=_("Sitting: %(title)s") % {"title": title}, sentence=_join(sentence, _place(sitting)),
            url=sitting.get_absolute_url()))
    updated = (scope.filter(_between("updated_at", since, until))
               .filter(Q(sequence__gt=0) | Q(status=Sitting.Status.CANCELLED)).order_by("-updated_at", "-pk"))
    for sitting in _cut(updated, limit):
        title = _t(sitting, "title")
        if sitting.status == Sitting.Status.CANCELLED:
            changes.append(Change(
                key=f"sitting:{sitting.pk}:cancelled", at=sitting.updated_at,
                title=_("Cancelled: %(title)s") % {"title": title},
                sentence=_("The sitting of %(when)s is cancelled: “%(title)s”.") % {
                    "when": _sitting_when(sitting), "title": title},
                url=sitting.get_absolute_url()))
        else:
            changes.append(Change(
                key=f"sitting:{sitting.pk}:{sitting.sequence}", at=sitting.updated_at,
                title=_("Changed: %(title)s") % {"title": title},
                sentence=_join(_("The sitting “%(title)s” was changed; it is now on %(when)s.") % {
                    "when": _sitting_when(sitting), "title": title}, _place(sitting)),
                url=sitting.get_absolute_url()))
    return changes


def committee_changes(org: Organization, *, since=None, until=None, limit: int | None = None) -> list[Change]:
    """What happened in a committee: its sittings, its votes, and the steps of the bills before it."""
    bills_here = BillStageChange.objects.filter(bill__committee=org, bill__is_published=True)
    return _newest([
        *_sittings(org, since, until, limit),
        *_votes(public_vote_events().filter(organization=org), since, until, limit, with_bill=True),
        *_stage_changes(bills_here, since, until, limit, with_bill=True),
    ], since, until, limit)


# --- members -----------------------------------------------------------------------------------------------------

def _member_votes(person: Person, name: str, since, until, limit) -> list[Change]:
    rows = member_votes(person).filter(_between("vote_event__start", since, until))  # the member page's rule
    changes = []
    for vote in _cut(rows, limit):
        event = vote.vote_event
        motion = _t(event, "motion")
        values = {"name": name, "motion": motion, "option": vote.get_option_display()}
        if vote.option == Vote.Option.ABSENT:
            sentence = _("%(name)s was absent for the vote on “%(motion)s”.") % values
        elif vote.option == Vote.Option.NOT_VOTING:
            sentence = _("%(name)s did not vote on “%(motion)s”.") % values
        else:
            sentence = _("%(name)s voted “%(option)s” on “%(motion)s”.") % values
        prefix = f"{event.bill.number}: " if event.bill_id else ""
        changes.append(Change(
            key=f"member-vote:{vote.pk}", at=event.start, title=prefix + motion,
            sentence=_join(sentence, _("Result: %(outcome)s.") % {"outcome": vote_outcome(event)}),
            url=event.get_absolute_url()))
    return changes


def _full_date(value: str) -> datetime.date | None:
    """A Popolo date that names a day (a year or a month alone cannot be placed in a digest)."""
    try:
        return datetime.date.fromisoformat(value) if len(value or "") == 10 else None
    except ValueError:
        return None


def _memberships(person: Person, name: str, since, until, limit) -> list[Change]:
    lo = timezone.localdate(since).isoformat() if since else None
    hi = timezone.localdate(until).isoformat() if until else None
    changes = []
    for edge in ("start_date", "end_date"):
        rows = Membership.objects.filter(person=person).exclude(**{edge: ""})
        if lo:
            rows = rows.filter(**{f"{edge}__gte": lo})
        if hi:
            rows = rows.filter(**{f"{edge}__lte": hi})
        rows = rows.select_related("organization", "post").order_by(f"-{edge}", "-pk")
        for membership in _cut(rows, limit):
            day = _full_date(getattr(membership, edge))
            if day is None:
                continue
            role = (_t(membership.post, "label") if membership.post_id
                    else _t(membership, "label") or role_label(membership.role or "member"))
            values = {"name": name, "role": role, "body": _t(membership.organization, "name")}
            started = edge == "start_date"
            sentence = (_("%(name)s became %(role)s of %(body)s.") if started
                        else _("%(name)s is no longer %(role)s of %(body)s.")) % values
            changes.append(Change(
                key=f"membership:{membership.pk}:{'start' if started else 'end'}", at=day_start(day), all_day=True,
                title=_("%(role)s, %(body)s") % values, sentence=sentence,
                url=membership.organization.get_absolute_url()))
    return changes


def _sponsored(person: Person, name: str, since, until, limit) -> list[Change]:
    rows = (Bill.objects.filter(sponsors=person, is_published=True)
            .filter(_between("introduced_on", since, until, dates=True)).order_by("-introduced_on", "-pk"))
    return [Change(key=f"sponsor:{bill.pk}:{person.pk}", at=day_start(bill.introduced_on), all_day=True,
                   title=bill_label(bill),
                   sentence=_("%(name)s is a sponsor of bill %(bill)s.") % {"name": name, "bill": bill_label(bill)},
                   url=bill.get_absolute_url())
            for bill in _cut(rows, limit)]


def member_changes(person: Person, *, since=None, until=None, limit: int | None = None) -> list[Change]:
    """What a member did: votes cast, offices taken and left, bills sponsored, amendments moved."""
    name = _t(person, "name")
    moved = Amendment.objects.filter(movers=person, bill__is_published=True)
    return _newest([
        *_member_votes(person, name, since, until, limit),
        *_memberships(person, name, since, until, limit),
        *_sponsored(person, name, since, until, limit),
        *_amendments_tabled(moved, since, until, limit, with_bill=True, mover=name),
    ], since, until, limit)


def _plain(markup) -> str:
    """Highlighted HTML as plain text (for feed titles and the text part of the mail)."""
    return " ".join(html.unescape(strip_tags(str(markup))).split())


# --- searches ----------------------------------------------------------------------------------------------------

def _values(params, name: str) -> list[str]:
    if hasattr(params, "getlist"):  # a QueryDict: every value of a repeated parameter (kind=bill&kind=person)
        values = params.getlist(name)
    else:
        values = params.get(name, [])
        values = list(values) if isinstance(values, (list, tuple)) else [values]
    return [" ".join(str(value).split())[:200] for value in values]


def search_query_normalise(params) -> dict:
    """The search parameters a follow keeps: known names only (``from``/``to`` stand for ``date_from``/``date_to``),
    trimmed, without empty values; a parameter with several values (``kind``) becomes a sorted list.
    ``params`` is a QueryDict or a dict."""
    query = {}
    for name in SEARCH_PARAMS:
        values = _values(params, name) + _values(params, SEARCH_ALIASES.get(name, ""))
        values = sorted({value for value in values if value})
        if values:
            query[name] = values if name in SEARCH_LISTS else values[-1]
    return query


def search_query_key(query: dict) -> str:
    """The same search, however its address was spelled, has the same key."""
    return hashlib.sha256(urlencode(sorted(query.items()), doseq=True).encode()).hexdigest()


def search_url(query: dict) -> str:
    return reverse("portal:search") + "?" + urlencode(query, doseq=True)


def search_fields(query: dict) -> list[tuple[str, str]]:
    """The query as (name, value) pairs, one per value: hidden inputs of a form."""
    return [(name, value) for name, values in query.items()
            for value in (values if isinstance(values, list) else [values])]


def search_label(query: dict) -> str:
    words = query.get("q", "")
    filters = ", ".join(f"{name}: {value}" for name, value in search_fields(query) if name != "q")
    if words and filters:
        return _("Search “%(words)s” (%(filters)s)") % {"words": words, "filters": filters}
    if words:
        return _("Search “%(words)s”") % {"words": words}
    return _("Search (%(filters)s)") % {"filters": filters}


def search_changes(query: dict, *, since=None, until=None, limit: int | None = None) -> list[Change]:
    """New or changed results of a saved search (the search app's own reading of it)."""
    hits = search_selectors.search_changes(dict(query), since=since, limit=limit or FEED_ITEMS)
    changes = []
    for hit in hits:
        changes.append(Change(key=f"search:{hit.url}@{hit.changed_at.isoformat()}", at=hit.changed_at,
                              title=_plain(hit.title), sentence=_plain(hit.snippet), url=hit.url,
                              snippet=str(hit.snippet)))
    return _newest(changes, since, until, limit)


# --- follows -----------------------------------------------------------------------------------------------------

def target_changes(kind: str, target, *, since=None, until=None, limit: int | None = None) -> list[Change]:
    """The changes of a followed thing: ``target`` is a Bill, an Organization, a Person or a search's query."""
    reader = {Follow.Kind.BILL: bill_changes, Follow.Kind.COMMITTEE: committee_changes,
              Follow.Kind.MEMBER: member_changes, Follow.Kind.SEARCH: search_changes}[kind]
    return reader(target, since=since, until=until, limit=limit)


def follow_target(follow: Follow):
    return follow.query if follow.kind == Follow.Kind.SEARCH else follow.target


def target_label(kind: str, target) -> str:
    """What a reader calls the followed thing: "B-12 On open data", a committee's or member's name, a search."""
    if kind == Follow.Kind.BILL:
        return bill_label(target)
    if kind == Follow.Kind.SEARCH:
        return search_label(target)
    return _t(target, "name")


def follow_label(follow: Follow) -> str:
    return target_label(follow.kind, follow_target(follow))


def follow_url(follow: Follow) -> str:
    return search_url(follow.query) if follow.kind == Follow.Kind.SEARCH else follow.target.get_absolute_url()


def feed_urls(kind: str, target) -> dict[str, str]:
    """The RSS and Atom addresses of a followed thing, in the active language."""
    if kind == Follow.Kind.SEARCH:
        query = "?" + urlencode(target, doseq=True)
        return {"rss": reverse("follows:search_rss") + query, "atom": reverse("follows:search_atom") + query}
    args = [target.public_uuid]
    return {"rss": reverse(f"follows:{kind}_rss", args=args), "atom": reverse(f"follows:{kind}_atom", args=args)}


def digest_window(follow: Follow, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """From the watermark less LOOKBACK (never before the day the follow began) to ``now``."""
    floor = day_start(timezone.localdate(follow.created_at))
    return max(follow.digested_until - LOOKBACK, floor), now


def changes_seen(kind: str, target, *, now: datetime.datetime) -> dict[str, str]:
    """What the follower could already see when they began to follow (today's changes up to ``now``), as the
    digest remembers it: key → time. The first digest does not tell it again."""
    try:
        changes = target_changes(kind, target, since=day_start(timezone.localdate(now)), until=now,
                                 limit=DIGEST_MAX_CHANGES)
    except Exception:  # noqa: BLE001 — only spares a repeat in the first digest: never worth refusing the follow
        log.exception("Could not read what %s %r showed when it was followed.", kind, target)
        return {}
    return {change.key: change.at.isoformat() for change in changes}


def digest_changes(follow: Follow, *, now: datetime.datetime) -> list[Change]:
    """The changes a digest sent at ``now`` tells about this follow: in its window and not mailed before."""
    since, until = digest_window(follow, now)
    changes = target_changes(follow.kind, follow_target(follow), since=since, until=until, limit=DIGEST_MAX_CHANGES)
    mailed = follow.digested_keys or {}
    return [change for change in changes if change.key not in mailed]


def user_follows(user) -> list[Follow]:
    """A person's follows, with what each points at."""
    return list(Follow.objects.filter(user=user).select_related("bill", "organization", "person")
                .order_by("kind", "-created_at", "-pk"))


def follow_of(user, kind: str, target) -> Follow | None:
    """``user``'s follow of ``target`` (None for a visitor, or when they do not follow it)."""
    if user is None or not user.is_authenticated:
        return None
    if kind == Follow.Kind.SEARCH:
        return Follow.objects.filter(user=user, kind=kind, query_key=search_query_key(target)).first()
    field = {Follow.Kind.BILL: "bill", Follow.Kind.COMMITTEE: "organization", Follow.Kind.MEMBER: "person"}[kind]
    return Follow.objects.filter(user=user, kind=kind, **{field: target}).first()


def kind_of(target) -> str | None:
    """The kind of follow ``target`` can have, or None when it cannot be followed."""
    if isinstance(target, Bill):
        return Follow.Kind.BILL if target.is_published else None
    if isinstance(target, Organization):
        return Follow.Kind.COMMITTEE if target.classification in FOLLOWABLE_ORGANIZATIONS else None
    if isinstance(target, Person):
        return Follow.Kind.MEMBER
    if isinstance(target, dict):  # a search's parameters (a QueryDict too): words are needed to follow it
        return Follow.Kind.SEARCH if search_query_normalise(target).get("q") else None
    return None
