from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from hemicycle.api import api
from hemicycle.cooperation.urls import feed_urlpatterns
from hemicycle.legislation.urls import akn_urlpatterns
from hemicycle.portal import views as portal_views

admin.site.site_header = _("Hemicycle back office")
admin.site.site_title = _("Hemicycle back office")
admin.site.index_title = _("Registry and records")

# Language-neutral addresses: machines read these.
urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("calendars/", include((feed_urlpatterns, "calendars"))),
    path("akn/", include((akn_urlpatterns, "akn"))),
    path("federation/v1/", include("hemicycle.calendars.urls")),
]

# Every page a person reads lives under its language: /kk/ /ru/ /en/ /fr/ /nl/ /de/.
urlpatterns += i18n_patterns(
    path("", include("hemicycle.portal.urls")),
    path("", include("hemicycle.people.urls")),
    path("cooperation/", include("hemicycle.cooperation.urls")),
    path("legislation/", include("hemicycle.legislation.urls")),
    path("follow/", include("hemicycle.follows.urls")),
    path("accounts/", include("hemicycle.accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler404 = "hemicycle.portal.views.not_found"
handler500 = "hemicycle.portal.views.server_error"
