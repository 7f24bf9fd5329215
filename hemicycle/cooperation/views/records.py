"""Partnership pages and their records: meetings, press releases, agreements, commitments, briefings.

The public reads what is published; international relations officers and administrators also see unpublished and
embargoed records, marked as such (``selectors.sees_unpublished``).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from hemicycle.cooperation import selectors
from hemicycle.cooperation.models import Agreement, Meeting, Partnership, PressRelease

NAV = {"nav": "cooperation"}


def _partnership(request, uuid) -> tuple[Partnership, bool]:
    staff = selectors.sees_unpublished(request.user)
    partnership = get_object_or_404(selectors.partnerships(staff=staff), public_id=f"ocd-partnership/{uuid}")
    return partnership, staff


@require_safe
def partnership_list(request):
    staff = selectors.sees_unpublished(request.user)
    return render(request, "cooperation/partnership_list.html", {
        "partnerships": selectors.partnerships(staff=staff), "staff": staff, **NAV})


@require_safe
def partnership_detail(request, uuid):
    partnership, staff = _partnership(request, uuid)
    return render(request, "cooperation/partnership_detail.html", {
        **selectors.partnership_page(partnership, staff=staff), "staff": staff, **NAV})


@require_safe
def meeting_detail(request, uuid):
    staff = selectors.sees_unpublished(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("partnership", "partnership__parliament",
                                                               "partnership__counterpart"),
                                public_id=f"ocd-meeting/{uuid}")
    if not staff and not (meeting.is_published and meeting.partnership.is_published):
        raise Http404
    return render(request, "cooperation/meeting_detail.html", {
        **selectors.meeting_page(meeting, staff=staff), "staff": staff, **NAV})


@require_safe
def press_release_list(request):
    staff = selectors.sees_unpublished(request.user)
    releases = selectors.press_releases(staff=staff)
    partnership = None
    if request.GET.get("partnership"):
        partnership = selectors.partnerships(staff=staff).filter(
            public_id=f"ocd-partnership/{request.GET['partnership'][:40]}").first()
        if partnership is None:
            raise Http404
        releases = releases.filter(partnership=partnership)
    page = Paginator(releases, 20).get_page(request.GET.get("page"))
    return render(request, "cooperation/press_list.html", {
        "page": page, "partnership": partnership, "staff": staff, **NAV})


@require_safe
def press_release_detail(request, uuid):
    staff = selectors.sees_unpublished(request.user)
    queryset = PressRelease.objects.select_related("partnership", "meeting") if staff else \
        selectors.public_press_releases()
    release = get_object_or_404(queryset, public_id=f"ocd-press-release/{uuid}")
    return render(request, "cooperation/press_detail.html", {"release": release, "staff": staff, **NAV})


@require_safe
def agreement_detail(request, uuid):
    staff = selectors.sees_unpublished(request.user)
    agreement = get_object_or_404(Agreement.objects.select_related("partnership"),
                                  public_id=f"ocd-agreement/{uuid}")
    if not staff and not (agreement.is_published and agreement.partnership.is_published):
        raise Http404
    return render(request, "cooperation/agreement_detail.html", {
        **selectors.agreement_page(agreement, staff=staff), "staff": staff, **NAV})


@require_safe
def commitment_list(request, uuid):
    partnership, staff = _partnership(request, uuid)
    filters = selectors.LedgerFilter.from_query(request.GET)
    return render(request, "cooperation/commitment_list.html", {
        **selectors.commitment_ledger(partnership, staff=staff, filters=filters), "staff": staff, **NAV})


@require_safe
def overdue_commitments(request):
    staff = selectors.sees_unpublished(request.user)
    return render(request, "cooperation/commitment_overdue.html", {
        "groups": selectors.overdue_commitments(staff=staff), "staff": staff, **NAV})


@require_safe
def briefing(request, uuid):
    partnership, staff = _partnership(request, uuid)
    return render(request, "cooperation/briefing.html", {
        **selectors.briefing(partnership, staff=staff), "staff": staff, **NAV})
