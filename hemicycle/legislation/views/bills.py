"""Bill pages: where a bill is, what happens next, its timeline, texts, differences, amendments and votes."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from hemicycle.legislation import diff_pages, selectors


@require_safe
def bill_list(request):
    context = selectors.bill_list_page(request.GET, request.GET.get("page"))
    return render(request, "legislation/bill_list.html", {**context, "nav": "bills"})


@require_safe
def bill_detail(request, uuid):
    bill = selectors.get_bill(uuid)
    return render(request, "legislation/bill_detail.html", {**selectors.bill_page(bill), "nav": "bills"})


@require_safe
def version_detail(request, uuid, number):
    bill = selectors.get_bill(uuid)
    return render(request, "legislation/version_detail.html", {**selectors.version_page(bill, number), "nav": "bills"})


@require_safe
def bill_diff(request, uuid):
    """Two versions side by side, article by article; each change tied to its amendment and vote."""
    bill = selectors.get_bill(uuid)
    return render(request, "legislation/diff.html", {**diff_pages.diff_page(bill, request.GET), "nav": "bills"})


@require_safe
def phrase_history(request, uuid):
    """When did this wording enter the bill, through which amendment; was it removed later."""
    bill = selectors.get_bill(uuid)
    return render(request, "legislation/phrase.html", {**diff_pages.phrase_page(bill, request.GET), "nav": "bills"})


@require_safe
def amendment_detail(request, uuid):
    return render(request, "legislation/amendment_detail.html", {**selectors.amendment_page(uuid), "nav": "bills"})
