"""What every back-office page applies on top of Django's model permissions: ``roles.can_edit`` record by record.

Model permissions (given to each role's group by ``roles.ensure_roles``) decide which lists a member of staff
sees; these mixins decide which of the records in them they may change or delete, and refuse the rest with 403.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied

from hemicycle.accounts.roles import can_edit


class RecordRulesAdminMixin:
    """For a ModelAdmin: change and delete only the records ``can_edit`` allows to this user.

    Mixed in before SimpleHistoryAdmin, it also guards the history's "revert" form, which simple-history lets
    anyone who may view a record post to.
    """

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            historic = history.filter(history_id=version_id, **{self.model._meta.pk.attname: current.pk}).first()
            if historic is not None and not can_edit(request.user, historic.instance):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordRulesInlineMixin:
    """For an inline: its rows may change only where the record they belong to may change."""

    def _owner_editable(self, request, obj) -> bool:
        return obj is None or can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._owner_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owner_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owner_editable(request, obj)
