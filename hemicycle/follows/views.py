"""Pages and forms of follows: follow and unfollow (from a bill, committee, member or search page), "My follows",
and the unsubscribe link of the digest mail. Every form works without JavaScript.

Follow writes are rate-limited per account like the other public writes (``RATELIMIT_FOLLOW``, 60 an hour by
default); over the limit, the portal's 429 page answers.
"""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from hemicycle.accounts.views import rate_limit_guard
from hemicycle.follows import selectors, services
from hemicycle.follows.models import Follow
from hemicycle.follows.tokens import TokenInvalid
from hemicycle.legislation.models import Bill
from hemicycle.people.models import Organization, Person

FOLLOW_RATE_GROUP = "hemicycle.follows.write"


def _follow_rate(group, request) -> str:
    return settings.RATELIMIT_FOLLOW


def follow_rate_limit(view):
    """At most RATELIMIT_FOLLOW follow, unfollow and frequency posts per account (per address for visitors)."""
    return ratelimit(group=FOLLOW_RATE_GROUP, key="user_or_ip", rate=_follow_rate, method="POST",
                     block=False)(rate_limit_guard(view))


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _bad_request(request, error: ValidationError, title: str):
    """400 with every message, each after the name of the field it is about."""
    details = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    lines = [f"{field}: {' '.join(msgs)}" if field else " ".join(msgs) for field, msgs in details.items()]
    return render(request, "portal/error.html", {"status": 400, "title": title, "message": " ".join(lines)},
                  status=400)


def _login_redirect(request):
    back = _next(request, reverse("follows:my_follows"))
    messages.info(request, _("Log in to follow: you will come back to the page you were on."))
    return redirect(reverse("accounts:login") + "?" + urlencode({"next": back}))


TARGETS = {
    Follow.Kind.BILL: ("bill", lambda key: Bill.objects.filter(public_id=f"ocd-bill/{key}", is_published=True)),
    Follow.Kind.COMMITTEE: ("organization",
                            lambda key: Organization.objects.filter(public_id=f"ocd-organization/{key}")),
    Follow.Kind.MEMBER: ("person", lambda key: Person.objects.filter(public_id=f"ocd-person/{key}")),
}


def _target_arguments(request) -> dict:
    """The follow_create arguments a form names (``what`` and ``target``, or a search's parameters)."""
    what = request.POST.get("what", "")
    if what == Follow.Kind.SEARCH:
        return {"query": request.POST}
    if what not in TARGETS:
        raise ValidationError({"what": _("Choose what to follow: a bill, a committee, a member or a search.")})
    field, finder = TARGETS[what]
    raw = request.POST.get("target", "").strip()
    found = finder(raw).first() if _is_uuid(raw) else None
    if found is None:
        raise ValidationError({"target": _("There is no such %(kind)s to follow.")
                               % {"kind": Follow.Kind(what).label}})
    return {field: found}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@never_cache
@require_POST
@follow_rate_limit
def follow_add(request):
    if not request.user.is_authenticated:
        return _login_redirect(request)
    try:
        follow = services.follow_create(user=request.user, frequency=request.POST.get("frequency") or "daily",
                                        **_target_arguments(request))
    except ValidationError as error:
        return _bad_request(request, error, _("This cannot be followed"))
    label = selectors.follow_label(follow)
    if follow.frequency == Follow.Frequency.NEVER:
        messages.success(request, _("You follow %(label)s. No email: read its feed or “My follows”.")
                         % {"label": label})
    else:
        messages.success(request, _("You follow %(label)s. You will get an email (%(frequency)s) when it changes.")
                         % {"label": label, "frequency": follow.get_frequency_display()})
    return redirect(_next(request, selectors.follow_url(follow)))


def _own_follow(request, pk: int) -> Follow:
    """The signed-in person's follow ``pk``; someone else's answers 404, as if it did not exist."""
    return get_object_or_404(Follow.objects.select_related("bill", "organization", "person"), pk=pk,
                             user=request.user)


@never_cache
@require_POST
@follow_rate_limit
def follow_remove(request, pk):
    if not request.user.is_authenticated:
        return _login_redirect(request)
    follow = _own_follow(request, pk)
    label = selectors.follow_label(follow)
    services.follow_delete(follow=follow, by=request.user)
    messages.success(request, _("You no longer follow %(label)s.") % {"label": label})
    return redirect(_next(request, reverse("follows:my_follows")))


@never_cache
@require_POST
@follow_rate_limit
def follow_frequency(request, pk):
    if not request.user.is_authenticated:
        return _login_redirect(request)
    follow = _own_follow(request, pk)
    try:
        services.follow_set_frequency(follow=follow, frequency=request.POST.get("frequency", ""), by=request.user)
    except ValidationError as error:
        return _bad_request(request, error, _("The email frequency was not changed"))
    messages.success(request, _("Email for %(label)s: %(frequency)s.")
                     % {"label": selectors.follow_label(follow), "frequency": follow.get_frequency_display()})
    return redirect(_next(request, reverse("follows:my_follows")))


@never_cache
@require_safe
@login_required
def my_follows(request):
    rows = []
    for follow in selectors.user_follows(request.user):
        target = selectors.follow_target(follow)
        rows.append({"follow": follow, "label": selectors.follow_label(follow), "url": selectors.follow_url(follow),
                     "feeds": selectors.feed_urls(follow.kind, target),
                     "ics_url": (reverse("calendars:body_sittings_ics", args=[follow.organization.public_uuid])
                                 if follow.kind == Follow.Kind.COMMITTEE else "")})
    groups = [(kind, label, [row for row in rows if row["follow"].kind == kind]) for kind, label in
              ((Follow.Kind.BILL, _("Bills")), (Follow.Kind.COMMITTEE, _("Committees")),
               (Follow.Kind.MEMBER, _("Members")), (Follow.Kind.SEARCH, _("Searches")))]
    return render(request, "follows/my_follows.html", {
        "groups": [group for group in groups if group[2]], "count": len(rows),
        "frequencies": Follow.Frequency.choices, "nav": "account"})


@never_cache
@csrf_exempt  # the signed token is the credential: mail clients post RFC 8058 one-click unsubscribes without a session
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        user, follow = services.unsubscribe_check(token=token)
    except TokenInvalid:
        return render(request, "follows/unsubscribe.html", {"invalid": True}, status=400)
    label = selectors.follow_label(follow) if follow is not None else ""
    if request.method == "POST":
        stopped = services.follows_unsubscribe(token=token)
        return render(request, "follows/unsubscribe.html", {"done": True, "label": label, "stopped": stopped,
                                                             "email": user.email})
    return render(request, "follows/unsubscribe.html", {"label": label, "email": user.email, "token": token})

