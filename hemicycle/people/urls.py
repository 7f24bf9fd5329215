from django.urls import path

from hemicycle.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<uuid:uuid>/", views.person_detail, name="person"),
    path("bodies/", views.organization_list, name="organization_list"),
    path("bodies/<uuid:uuid>/", views.organization_detail, name="organization"),
]
