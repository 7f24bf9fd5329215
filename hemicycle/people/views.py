"""Public pages of the registry: lists and pages of people and bodies."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from hemicycle.people import selectors
from hemicycle.people.models import Organization, Person


@require_safe
def person_list(request):
    people = Person.objects.order_by("sort_name", "name")
    page = Paginator(people, 60).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", {"page": page, "nav": "people"})


@require_safe
def person_detail(request, uuid):
    person = get_object_or_404(Person, public_id=f"ocd-person/{uuid}")
    page_data = selectors.person_page(person, votes_page=request.GET.get("votes_page"))
    return render(request, "people/person_detail.html", {**page_data, "nav": "people"})


@require_safe
def organization_list(request):
    classification = request.GET.get("classification", "")
    orgs = Organization.objects.select_related("parent").order_by("classification", "name")
    if classification in Organization.Classification.values:
        orgs = orgs.filter(classification=classification)
    return render(request, "people/organization_list.html", {
        "organizations": orgs, "classification": classification,
        "classifications": Organization.Classification.choices, "nav": "bodies",
    })


@require_safe
def organization_detail(request, uuid):
    org = get_object_or_404(Organization.objects.select_related("parent"),
                            public_id=f"ocd-organization/{uuid}")
    return render(request, "people/organization_detail.html", {**selectors.organization_page(org), "nav": "bodies"})
