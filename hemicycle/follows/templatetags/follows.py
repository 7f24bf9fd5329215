"""``{% load follows %}{% follow_box bill %}``: the follow button, feeds and calendar of a bill, committee, member or
search (pass the search's parameters, e.g. ``request.GET``), for the pages of other apps in one line."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from hemicycle.follows import selectors
from hemicycle.follows.models import Follow

register = template.Library()


@register.inclusion_tag("follows/includes/follow_box.html", takes_context=True)
def follow_box(context, target):
    kind = selectors.kind_of(target)
    if kind is None:
        return {"kind": None}
    if kind == Follow.Kind.SEARCH:
        target = selectors.search_query_normalise(target)
    request = context.get("request")
    user = getattr(request, "user", None)
    here = request.get_full_path() if request is not None else ""
    return {
        "kind": kind,
        "target_id": "" if kind == Follow.Kind.SEARCH else target.public_uuid,
        "query_fields": selectors.search_fields(target) if kind == Follow.Kind.SEARCH else [],
        "label": selectors.target_label(kind, target),
        "follow": selectors.follow_of(user, kind, target),
        "authenticated": bool(user and user.is_authenticated),
        "feeds": selectors.feed_urls(kind, target),
        "ics_url": (reverse("calendars:body_sittings_ics", args=[target.public_uuid])
                    if kind == Follow.Kind.COMMITTEE else ""),
        "login_url": reverse("accounts:login") + "?" + urlencode({"next": here}),
        "signup_url": reverse("accounts:signup"),
        "here": here,
        "frequencies": Follow.Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }
