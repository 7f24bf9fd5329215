from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "hemicycle.calendars"
    label = "calendars"
    verbose_name = _("Calendars and federation")

    def ready(self):
        from hemicycle.calendars import checks  # noqa: F401 — registers the federation checks
        from hemicycle.calendars.admin import register_proposal_admin

        # The admin app (earlier in INSTALLED_APPS) has imported every app's admin module by now.
        register_proposal_admin()
