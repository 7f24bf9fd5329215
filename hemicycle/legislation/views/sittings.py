"""Sittings with their agendas, and roll-call votes: every member's vote, sortable on the server (no script needed)."""

from django.core.paginator import Paginator
from django.db.models import Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from hemicycle.calendars import ics
from hemicycle.calendars.feeds import calendar_response
from hemicycle.cooperation.calendar_selectors import feed_language
from hemicycle.legislation import selectors_votes as sel
from hemicycle.legislation.models import AgendaItem, Sitting
from hemicycle.people.models import Organization
from hemicycle.portal.templatetags.hemicycle import translated_value


def _body(value: str) -> Organization | None:
    value = (value or "").strip()
    if not value:
        return None
    public_id = value if value.startswith("ocd-") else f"ocd-organization/{value}"
    return Organization.objects.filter(public_id=public_id).first()


@require_safe
def sitting_list(request):
    body = _body(request.GET.get("body", ""))
    month = request.GET.get("month", "").strip()
    month = month if sel.month_bounds(month) else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in Sitting.Kind.values else ""
    sittings = sel.sittings_filtered(body=body, month=month, kind=kind)
    page = Paginator(sittings, sel.SITTINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "legislation/sitting_list.html", {
        "page_obj": page, "sittings": page.object_list, "body": body, "month": month, "kind": kind,
        "bodies": sel.sitting_bodies(), "kinds": Sitting.Kind.choices, "query": query.urlencode(),
        "ics_url": reverse("calendars:body_sittings_ics", args=[body.public_uuid]) if body else "",
        "nav": "legislation",
    })


@require_safe
def sitting_detail(request, uuid):
    sitting = get_object_or_404(sel.public_sittings().select_related("organization"),
                                public_id=f"ocd-sitting/{uuid}")
    context = sel.sitting_page(sitting)
    context["ics_url"] = reverse("calendars:body_sittings_ics", args=[sitting.organization.public_uuid])
    context["nav"] = "legislation"
    return render(request, "legislation/sitting_detail.html", context)


@require_safe
def vote_detail(request, uuid):
    event = (sel.public_vote_events().select_related("organization", "sitting", "bill", "amendment", "stage")
             .filter(public_id=f"ocd-vote-event/{uuid}").first())
    if event is None:
        raise Http404
    context = sel.vote_page(event, sort=request.GET.get("sort", "group"))
    context["nav"] = "legislation"
    return render(request, "legislation/vote_detail.html", context)


# --- Calendar feed ----------------------------------------------------------------------------------------------

SITTING_STATUS_TO_ICAL = {
    Sitting.Status.SCHEDULED: ics.CONFIRMED,
    Sitting.Status.HELD: ics.CONFIRMED,
    Sitting.Status.CANCELLED: ics.CANCELLED,
}


def sitting_events(sittings, lang: str, base_url: str) -> list[ics.CalendarEvent]:
    """Sittings as calendar events in ``lang``; a cancelled sitting stays, with STATUS:CANCELLED, so clients drop it."""
    events = []
    with translation.override(lang):
        placeholder = "00000000-0000-4000-8000-000000000000"
        path = reverse("legislation:sitting", args=[placeholder])
        organization_path = reverse("people:organization", args=[placeholder])
        kinds = {value: str(label) for value, label in Sitting.Kind.choices}
        agenda_label = str(_("Agenda"))
        more_label = _("More: %(value)s")
        for sitting in sittings:
            url = base_url + path.replace(placeholder, sitting.public_uuid)
            organizer = sitting.organization
            items = [str(translated_value(item, "title", lang)) for item in sitting.agenda_items.all()]
            lines = ([agenda_label + ":"] + [f"{n}. {title}" for n, title in enumerate(items, 1)] + [""]
                     if items else [])
            lines.append(more_label % {"value": url})
            events.append(ics.CalendarEvent(
                uid=sitting.uid, summary=str(translated_value(sitting, "title", lang)), start=sitting.start,
                end=max(sitting.end, sitting.start), tzid=sitting.timezone, dtstamp=sitting.updated_at,
                created=sitting.created_at, last_modified=sitting.updated_at,
                location=str(translated_value(sitting, "place", lang)), description="\n".join(lines),
                status=SITTING_STATUS_TO_ICAL.get(sitting.status, ics.CONFIRMED), sequence=sitting.sequence,
                url=url, categories=(kinds.get(sitting.kind, sitting.kind),),
                organizer_name=str(translated_value(organizer, "name", lang)),
                organizer_uri=base_url + organization_path.replace(placeholder, organizer.public_uuid),
                language=lang))
    return events


@require_safe
@gzip_page
def body_sittings_ics(request, uuid):
    """The calendar (RFC 5545, or jCal on request) of a body's sittings: a committee's, or the plenary's."""
    organization = get_object_or_404(Organization, public_id=f"ocd-organization/{uuid}")
    lang = feed_language(request.GET.get("lang"))
    base_url = request.build_absolute_uri("/").rstrip("/")
    scope = Sitting.objects.filter(organization=organization)
    sittings = (scope.filter(is_published=True).select_related("organization")
                .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")))
                .order_by("start", "uid"))
    with translation.override(lang):
        name = str(translated_value(organization, "name", lang))
        meta = ics.CalendarMeta(
            name=str(_("%(name)s: sittings") % {"name": name}),
            description=str(_("Sittings of %(name)s, with their agendas.") % {"name": name}),
            url=base_url + reverse("legislation:sitting_list") + f"?body={organization.public_uuid}",
            source=request.build_absolute_uri(reverse("calendars:body_sittings_ics", args=[uuid])), language=lang)
    stamps = [organization.updated_at, scope.aggregate(last=Max("updated_at"))["last"],
              Sitting.history.filter(history_type="-", organization_id=organization.pk)
              .aggregate(last=Max("history_date"))["last"]]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return calendar_response(request, meta=meta, events=sitting_events(sittings, lang, base_url),
                             last_modified=max(stamps) if stamps else None,
                             filename=f"sittings-{organization.public_uuid}.ics")
