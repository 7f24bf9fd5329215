"""RSS 2.0 and Atom feeds of what changed in a bill, a committee, a member or a search, in each interface language
(/<lang>/follow/bills/<uuid>/feed.rss …). Public: no account needed. The items are those of the email digest
(``selectors``), the newest ``FEED_ITEMS``.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hemicycle.follows import selectors
from hemicycle.follows.models import Follow
from hemicycle.legislation.models import Bill
from hemicycle.people.models import Organization, Person


class ChangesRssFeed(Feed):
    """The feed of one followed thing; subclasses say which kind (``kind``) and how to find it (``find``)."""

    feed_type = Rss201rev2Feed
    language = None  # the framework then announces the active language (the URL's)
    author_name = "Hemicycle"
    item_guid_is_permalink = False
    kind = ""

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = get_language()
        return response

    def find(self, request, uuid):
        raise NotImplementedError

    def get_object(self, request, uuid=None):
        target = self.find(request, uuid)
        if target is None or selectors.kind_of(target) != self.kind:
            raise Http404
        return target

    def title(self, obj):
        return _("%(label)s: what changed") % {"label": selectors.target_label(self.kind, obj)}

    def description(self, obj):
        label = selectors.target_label(self.kind, obj)
        return {
            Follow.Kind.BILL: _("Stages, texts, amendments and votes of bill %(label)s, newest first."),
            Follow.Kind.COMMITTEE: _("Sittings and votes of %(label)s, and the steps of the bills before it, "
                                     "newest first."),
            Follow.Kind.MEMBER: _("Votes, offices, bills and amendments of %(label)s, newest first."),
            Follow.Kind.SEARCH: _("New and changed results of a search: %(label)s, newest first."),
        }[self.kind] % {"label": label}

    def link(self, obj):
        return selectors.search_url(obj) if self.kind == Follow.Kind.SEARCH else obj.get_absolute_url()

    def feed_url(self, obj):
        return selectors.feed_urls(self.kind, obj)["rss"]

    def items(self, obj):
        return selectors.target_changes(self.kind, obj, until=timezone.now(), limit=selectors.FEED_ITEMS)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers take the description as HTML: the plain sentence is escaped (titles come from the record).
        return escape(item.sentence)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        # The change's own identity, the same in every language's feed.
        return f"urn:hemicycle:change:{item.key}"

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return selectors.feed_urls(self.kind, obj)["atom"]


class BillRssFeed(ChangesRssFeed):
    kind = Follow.Kind.BILL

    def find(self, request, uuid):
        return Bill.objects.filter(public_id=f"ocd-bill/{uuid}", is_published=True).first()


class CommitteeRssFeed(ChangesRssFeed):
    kind = Follow.Kind.COMMITTEE

    def find(self, request, uuid):
        return Organization.objects.filter(public_id=f"ocd-organization/{uuid}").first()


class MemberRssFeed(ChangesRssFeed):
    kind = Follow.Kind.MEMBER

    def find(self, request, uuid):
        return Person.objects.filter(public_id=f"ocd-person/{uuid}").first()


class SearchRssFeed(ChangesRssFeed):
    """A saved search as a feed: the query is in the address (q, kind, stage, committee, date_from, date_to)."""

    kind = Follow.Kind.SEARCH

    def find(self, request, uuid):
        return selectors.search_query_normalise(request.GET) or None

    def item_description(self, item):
        return item.snippet or escape(item.sentence)  # the snippet is the search's safe, highlighted HTML


class BillAtomFeed(AtomMixin, BillRssFeed):
    pass


class CommitteeAtomFeed(AtomMixin, CommitteeRssFeed):
    pass


class MemberAtomFeed(AtomMixin, MemberRssFeed):
    pass


class SearchAtomFeed(AtomMixin, SearchRssFeed):
    pass
