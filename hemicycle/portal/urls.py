from django.urls import path

from hemicycle.portal import views
from hemicycle.search import views as search_views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # The search app owns the page; the portal gives it its short address.
    path("search/", search_views.search, name="search"),
]
