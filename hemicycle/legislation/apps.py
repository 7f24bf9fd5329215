from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _workflows_after_migrate(sender, using, **kwargs):
    from hemicycle.legislation.workflows import ensure_default_workflows

    ensure_default_workflows(using=using)


class LegislationConfig(AppConfig):
    name = "hemicycle.legislation"
    label = "legislation"
    verbose_name = _("Legislative process")

    def ready(self):
        # A fresh database gets the default single-chamber procedure and the four bill types.
        post_migrate.connect(_workflows_after_migrate, sender=self, dispatch_uid="hemicycle.legislation.workflows")
