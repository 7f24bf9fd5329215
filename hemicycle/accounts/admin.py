"""Accounts in the back office.

An administrator manages every account and its roles. A moderator sees only citizens' accounts (never staff)
and may change one thing about them: whether they are active.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hemicycle.accounts import services, views
from hemicycle.accounts.models import User
from hemicycle.accounts.roles import ADMINISTRATOR, can_edit, has_role


class NormalizedEmailMixin:
    """Addresses are stored lower-case, as sign-up stores them and login looks them up."""

    def clean_email(self):
        email = services.email_normalize(self.cleaned_data["email"])
        if User.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another account already has this email address."), code="unique")
        return email


class UserCreationForm(NormalizedEmailMixin, auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes = {}


class UserChangeForm(NormalizedEmailMixin, auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes = {}


class ModeratorUserForm(forms.ModelForm):
    """What a moderator may change about a citizen's account."""

    class Meta:
        model = User
        fields = ("is_active",)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "display_name", "is_active", "email_confirmed", "is_staff", "date_joined", "last_login")
    list_filter = ("is_active", "email_confirmed", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "display_name", "first_name", "last_name")
    readonly_fields = ("last_login", "date_joined")
    actions = ["deactivate_accounts", "activate_accounts"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "first_name", "last_name", "preferred_language",
                                   "email_confirmed")}),
        (_("Roles and permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups",
                                                 "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),
    )
    moderator_fieldsets = (
        (None, {"fields": ("email", "display_name", "email_confirmed", "is_active", "last_login", "date_joined")}),
    )

    @staticmethod
    def _is_administrator(request) -> bool:
        return has_role(request.user, ADMINISTRATOR)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self._is_administrator(request):
            return queryset
        # Staff accounts are the administrators' business: a moderator does not even see them.
        return queryset.filter(is_staff=False, is_superuser=False)

    def get_list_filter(self, request):
        if self._is_administrator(request):
            return self.list_filter
        return ("is_active", "email_confirmed")

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self._is_administrator(request):
            return self.moderator_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self._is_administrator(request):
            return ("email", "display_name", "email_confirmed", "last_login", "date_joined")
        return super().get_readonly_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not self._is_administrator(request):
            kwargs["form"] = ModeratorUserForm
        return super().get_form(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit(request.user, obj))

    def user_change_password(self, request, id, form_url=""):
        # Setting someone else's password is an administrator's act, never a moderator's.
        if not self._is_administrator(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def _set_active(self, request, queryset, active: bool) -> None:
        changed = 0
        for user in queryset:
            if user.pk == request.user.pk or not can_edit(request.user, user) or user.is_active == active:
                continue
            services.user_set_active(user=user, active=active, by=request.user)
            self.log_change(request, user, [{"changed": {"fields": ["is_active"]}}])
            changed += 1
        message = (ngettext("%(count)d account activated.", "%(count)d accounts activated.", changed) if active
                   else ngettext("%(count)d account deactivated.", "%(count)d accounts deactivated.", changed))
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate_accounts(self, request, queryset):
        self._set_active(request, queryset, active=False)

    @admin.action(description=_("Activate the selected accounts"), permissions=["change"])
    def activate_accounts(self, request, queryset):
        self._set_active(request, queryset, active=True)


# The back office's own login page would otherwise be a way round the login rate limit: it shares its counts.
admin.site.login = views.login_rate_limits(views.rate_limit_guard(admin.site.login))
