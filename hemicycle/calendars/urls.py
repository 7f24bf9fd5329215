"""Federation endpoints, outside the language prefix: /federation/v1/ (requests are authenticated by signature)."""

from django.urls import path

from hemicycle.calendars import views

app_name = "federation"
urlpatterns = [
    path("", views.about, name="about"),
    path("inbox", views.inbox, name="inbox"),
    path("changes", views.changes, name="changes"),
]
