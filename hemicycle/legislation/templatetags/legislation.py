"""Template helpers of the legislative process for pages outside it (the home page)."""

from django import template

register = template.Library()


@register.simple_tag
def latest_bills(limit: int = 5):
    """``{% latest_bills 5 as bills %}``: the most recently registered published bills with their stage."""
    from hemicycle.legislation.selectors import latest_bills as select_latest

    return select_latest(limit)
