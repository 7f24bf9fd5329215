"""Reads of the registry for pages: what a person’s or a body’s page shows, the home overview."""


from django.conf import settings
from django.db.models import Count, Prefetch, Q

from hemicycle.people.models import Membership, Organization, Person, Succession

MEMBERSHIP_RELATED = ("organization", "organization__parent", "post", "on_behalf_of", "area",
                      "legislative_period")


def name_match(query: str, field_name: str = "name") -> Q:
    """Records whose name, in any language or among their other names, contains ``query``."""
    match = Q(**{f"{field_name}__icontains": query}) | Q(other_names__name__icontains=query)
    for code in settings.MODELTRANSLATION_LANGUAGES:
        match |= Q(**{f"{field_name}_{code}__icontains": query})
    return match


def home_overview() -> dict:
    """Parliaments with their chambers, and counts, for the home page."""
    parliaments = (
        Organization.objects.filter(classification=Organization.Classification.PARLIAMENT)
        .prefetch_related(Prefetch("children", queryset=Organization.objects.order_by("founding_date", "name")))
        .order_by("name")
    )
    return {
        "parliaments": parliaments,
        "person_count": Person.objects.count(),
        "organization_count": Organization.objects.count(),
        "successions": Succession.objects.select_related("predecessor", "successor").order_by("-date")[:5],
    }


def person_page(person: Person, *, votes_page: int | str | None = None) -> dict:
    """Everything a person's page shows (with their votes and attendance, when they have voted)."""
    from hemicycle.legislation.selectors_votes import member_voting_summary

    voting = member_voting_summary(person, votes_page or 1)
    if voting is not None:
        # Links to further pages of votes only when the view passes the page asked for.
        voting["pageable"] = votes_page is not None
    # One query; Membership.is_current applies the same rule as MembershipQuerySet.current().
    memberships = list(person.memberships.select_related(*MEMBERSHIP_RELATED)
                       .order_by("-start_date", "organization__name"))
    return {
        "person": person,
        "current_memberships": [m for m in memberships if m.is_current],
        "past_memberships": [m for m in memberships if not m.is_current],
        "other_names": person.other_names.all(),
        "identifiers": person.identifiers.all(),
        "contact_details": person.contact_details.all(),
        "links": person.links.filter(is_source=False).exclude(note="image"),
        "sources": person.links.filter(is_source=True),
        "voting": voting,
    }


def organization_page(org: Organization) -> dict:
    """Everything a body's page shows: members now and before, posts, sub-bodies, succession."""
    memberships = list(org.memberships.select_related("person", "post", "on_behalf_of", "area")
                       .order_by("person__sort_name", "person__name"))
    current = [m for m in memberships if m.is_current]
    groups = (
        Organization.objects.filter(memberships_on_behalf__in=current).annotate(
            member_count=Count("memberships_on_behalf", filter=Q(memberships_on_behalf__in=current)))
        .order_by("-member_count", "name")
    )
    return {
        "organization": org,
        "ancestors": org.ancestors(),
        "current_memberships": current,
        "past_memberships": [m for m in memberships if not m.is_current],
        "group_seats": groups,
        "children": org.children.order_by("classification", "name"),
        "posts": org.posts.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("person")
                     .order_by("-start_date"))).order_by("label"),
        "predecessors": org.successions_as_successor.select_related("predecessor").order_by("date"),
        "successors": org.successions_as_predecessor.select_related("successor").order_by("date"),
        "other_names": org.other_names.all(),
        "identifiers": org.identifiers.all(),
        "contact_details": org.contact_details.all(),
        "links": org.links.filter(is_source=False),
        "legislation": _organization_legislation(org),
    }


def _organization_legislation(org: Organization) -> dict | None:
    """Bills and next sittings of a committee or chamber (None for other bodies, or without the legislation app)."""
    if org.classification not in (Organization.Classification.COMMITTEE, Organization.Classification.CHAMBER):
        return None
    try:
        from hemicycle.legislation.selectors import organization_legislation
    except ImportError:  # the registry stands alone when the legislative process is not installed
        return None
    return organization_legislation(org)
