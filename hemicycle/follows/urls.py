from django.urls import path

from hemicycle.follows import feeds, views

app_name = "follows"
urlpatterns = [
    path("", views.my_follows, name="my_follows"),
    path("add/", views.follow_add, name="add"),
    path("<int:pk>/delete/", views.follow_remove, name="delete"),
    path("<int:pk>/frequency/", views.follow_frequency, name="frequency"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Feeds are in the reader's language, like the press releases' (the calendar feeds are language-neutral).
    path("bills/<uuid:uuid>/feed.rss", feeds.BillRssFeed(), name="bill_rss"),
    path("bills/<uuid:uuid>/feed.atom", feeds.BillAtomFeed(), name="bill_atom"),
    path("committees/<uuid:uuid>/feed.rss", feeds.CommitteeRssFeed(), name="committee_rss"),
    path("committees/<uuid:uuid>/feed.atom", feeds.CommitteeAtomFeed(), name="committee_atom"),
    path("members/<uuid:uuid>/feed.rss", feeds.MemberRssFeed(), name="member_rss"),
    path("members/<uuid:uuid>/feed.atom", feeds.MemberAtomFeed(), name="member_atom"),
    path("search/feed.rss", feeds.SearchRssFeed(), name="search_rss"),
    path("search/feed.atom", feeds.SearchAtomFeed(), name="search_atom"),
]
