from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, using, **kwargs):
    from hemicycle.accounts.roles import ensure_roles

    ensure_roles(using=using)


class AccountsConfig(AppConfig):
    name = "hemicycle.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        # `migrate` (and `flush`) leave the four role groups in place with the permissions roles.py gives them.
        post_migrate.connect(_roles_after_migrate, sender=self, dispatch_uid="hemicycle.accounts.roles")
