"""A registry for tests that need pages with content: the demo world, as `make demo` loads it."""

from django.db.models import Count

from hemicycle.people.models import Organization, Person


def load_world() -> dict:
    """Load the demo world into the test database; returns a person and a body whose pages have the most on them."""
    from hemicycle.demo.world import load_demo_world

    load_demo_world()
    person = (Person.objects.filter(name__icontains="Vassilenko").first()
              or Person.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first())
    organization = (Organization.objects.filter(classification=Organization.Classification.CHAMBER)
                    .annotate(n=Count("memberships") + Count("successions_as_predecessor"))
                    .order_by("-n", "pk").first())
    assert person is not None and organization is not None, "the demo world has no person or no chamber"
    return {"person": person, "organization": organization}
