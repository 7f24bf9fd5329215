"""Press releases as RSS 2.0 and Atom feeds, one per interface language (/<lang>/cooperation/press/feed.rss).

Only published releases are in the feeds: an embargoed one (published_at in the future) appears when its time
comes. Each item is in the feed's language, falling back along the usual chain when it has no translation.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hemicycle.cooperation.selectors import public_press_releases
from hemicycle.portal.templatetags.hemicycle import translated_value

ITEMS = 50


class PressReleaseRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = None  # so the framework announces the active language (the URL's), not a fixed one
    title = _("Hemicycle: press releases on interparliamentary cooperation")
    description = _("Press releases on meetings and cooperation with partner parliaments.")

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = get_language()
        return response

    def link(self):
        return reverse("cooperation:press_releases")

    def feed_url(self):
        return reverse("cooperation:press_rss")

    def items(self):
        return public_press_releases()[:ITEMS]

    def item_title(self, item):
        return translated_value(item, "title").value

    def item_description(self, item):
        return translated_value(item, "lead").value or translated_value(item, "body").value

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The release's own identifier, not its address: the same release in every language's feed.
        return f"urn:uuid:{item.public_uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)


class PressReleaseAtomFeed(PressReleaseRssFeed):
    feed_type = Atom1Feed
    subtitle = PressReleaseRssFeed.description

    def feed_url(self):
        return reverse("cooperation:press_atom")
