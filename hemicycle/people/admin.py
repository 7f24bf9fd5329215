"""The registry in the back office.

Content fields show one input per language (modeltranslation); every change is kept with who made it and when,
and each record's "History" page lists the changed values (simple-history). What a member of staff may change
follows their role: model permissions from ``accounts.roles`` and, record by record, ``roles.can_edit`` — a clerk
keeps the parliament's own bodies, an international relations officer the bodies of cooperation.
"""

import dataclasses

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered as AdminNotRegistered
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from hemicycle.accounts.backoffice import RecordRulesAdminMixin, RecordRulesInlineMixin
from hemicycle.accounts.roles import editable_classifications
from hemicycle.people.models import (
    Area,
    ContactDetail,
    Event,
    Identifier,
    Link,
    Membership,
    Organization,
    OtherName,
    Person,
    Post,
    Succession,
)


def localized(*fields: str, prefix: str = "") -> tuple[str, ...]:
    """Every language's column of translated ``fields``, for searching across languages: name_kk, name_ru, …"""
    return tuple(f"{prefix}{field}_{code}" for field in fields for code in settings.MODELTRANSLATION_LANGUAGES)


# Addresses typed without a scheme are taken to be https (Django 6's default, asked for now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


# Other names, identifiers, contact details and links, edited on the record they belong to.


class OtherNameInline(RecordRulesInlineMixin, GenericTabularInline):
    model = OtherName
    fields = ("name", "lang", "note", "start_date", "end_date")
    extra = 0


class IdentifierInline(RecordRulesInlineMixin, GenericTabularInline):
    model = Identifier
    fields = ("scheme", "identifier")
    extra = 0


class ContactDetailInline(RecordRulesInlineMixin, GenericTabularInline):
    model = ContactDetail
    fields = ("type", "label", "value", "note")
    extra = 0


class LinkInline(RecordRulesInlineMixin, GenericTabularInline):
    model = Link
    formfield_overrides = URL_FIELDS
    fields = ("url", "note", "is_source")
    extra = 0


DESCRIBED_INLINES = [OtherNameInline, IdentifierInline, ContactDetailInline, LinkInline]


class RegistryHistoryHelper(HistoricalRecordContextHelper):
    """Lists, on a history page, only the changes a reader cares about.

    Left out: an empty value turning into another kind of empty (a translation column first saved from a form
    goes from NULL to ""), and the untranslated column that mirrors the default language's (name → name_en).
    """

    def context_for_delta_changes(self, delta):
        try:
            mirrored = set(translator.get_options_for_model(self.model).all_fields)
        except NotRegistered:
            mirrored = set()
        changes = [change for change in delta.changes
                   if change.field not in mirrored and not (change.old in (None, "") and change.new in (None, ""))]
        delta = dataclasses.replace(delta, changes=changes, changed_fields=[change.field for change in changes])
        return super().context_for_delta_changes(delta)


class RegistryAdmin(RecordRulesAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    """Base for the registry's pages: history, one input per language, role rules."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELDS
    object_history_list_template = "accounts/admin/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RegistryHistoryHelper(self.model, historical_record)

    def organization_choices(self, request):
        """The organizations this user may attach records to (posts, memberships, successions)."""
        return Organization.objects.filter(classification__in=editable_classifications(request.user))

    def limit_to_editable_organizations(self, request) -> bool:
        """Whether searches for an organization from this model's form list only the editable ones."""
        return False


class PublicRecordAdmin(RegistryAdmin):
    readonly_fields = ("public_id", "created_at", "updated_at")


RECORD_FIELDSET = (_("Record"), {"fields": ("is_demo", "public_id", "created_at", "updated_at")})


@admin.register(Person)
class PersonAdmin(PublicRecordAdmin):
    fieldsets = (
        (None, {"fields": ("name", "sort_name", "honorific_prefix", "given_name", "family_name", "patronymic_name",
                           "gender", "birth_date", "death_date", "national_identity")}),
        (_("Summary and biography"), {"classes": ("collapse",), "fields": ("summary", "biography")}),
        (_("Contact and photo"), {"fields": ("email", "image")}),
        RECORD_FIELDSET,
    )
    list_display = ("name", "sort_name", "gender", "birth_date", "is_demo", "updated_at")
    list_filter = ("gender", "is_demo")
    search_fields = (*localized("name"), "sort_name", "given_name", "family_name", "email", "=public_id")
    inlines = DESCRIBED_INLINES


@admin.register(Organization)
class OrganizationAdmin(PublicRecordAdmin):
    fieldsets = (
        (None, {"fields": ("name", "classification", "parent", "area", "founding_date", "dissolution_date",
                           "seats", "image")}),
        (_("Summary and description"), {"classes": ("collapse",), "fields": ("abstract", "description")}),
        RECORD_FIELDSET,
    )
    list_display = ("name", "classification", "parent", "founding_date", "dissolution_date", "is_demo")
    list_filter = ("classification", "is_demo")
    list_select_related = ("parent",)
    search_fields = (*localized("name"), "=public_id")
    autocomplete_fields = ("parent", "area")
    inlines = DESCRIBED_INLINES

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "classification":
            # An international relations officer cannot make a committee, nor turn an embassy into one.
            allowed = editable_classifications(request.user)
            kwargs["choices"] = [(value, label) for value, label in db_field.choices if value in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Autocomplete from another form: offer only the bodies that form may point its record at.
        if request.path.endswith("/autocomplete/") and request.GET.get("app_label") == "people":
            try:
                source = self.admin_site.get_model_admin(apps.get_model("people", request.GET.get("model_name", "")))
            except (LookupError, AdminNotRegistered, ValueError):
                source = None
            if isinstance(source, RegistryAdmin) and source.limit_to_editable_organizations(request):
                queryset = queryset.filter(classification__in=editable_classifications(request.user))
        return queryset, may_have_duplicates


class OrganizationBoundAdmin(PublicRecordAdmin):
    """Records that belong to one organization (posts, memberships): its kind decides who may keep them."""

    def limit_to_editable_organizations(self, request) -> bool:
        return request.GET.get("field_name") == "organization"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = self.organization_choices(request)
        elif db_field.name == "post":
            kwargs["queryset"] = Post.objects.filter(
                organization__classification__in=editable_classifications(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Post)
class PostAdmin(OrganizationBoundAdmin):
    list_display = ("label", "organization", "role", "area", "start_date", "end_date")
    list_filter = ("organization__classification", "is_demo")
    list_select_related = ("organization", "area")
    search_fields = (*localized("label"), "role", *localized("name", prefix="organization__"), "=public_id")
    autocomplete_fields = ("organization", "area")
    inlines = [ContactDetailInline, LinkInline]


@admin.register(Membership)
class MembershipAdmin(OrganizationBoundAdmin):
    list_display = ("person", "organization", "role", "post", "start_date", "end_date", "is_demo")
    list_filter = ("organization__classification", "is_demo")
    list_select_related = ("person", "organization", "post")
    search_fields = (*localized("name", prefix="person__"), *localized("name", prefix="organization__"), "role",
                     "=public_id")
    autocomplete_fields = ("person", "organization", "post", "on_behalf_of", "area", "legislative_period")
    inlines = [ContactDetailInline, LinkInline]


@admin.register(Area)
class AreaAdmin(PublicRecordAdmin):
    list_display = ("name", "classification", "division_id", "parent")
    list_filter = ("classification",)
    list_select_related = ("parent",)
    search_fields = (*localized("name"), "division_id", "=public_id")
    autocomplete_fields = ("parent",)
    inlines = DESCRIBED_INLINES


@admin.register(Event)
class EventAdmin(PublicRecordAdmin):
    list_display = ("name", "classification", "organization", "start_date", "end_date")
    list_filter = ("classification",)
    list_select_related = ("organization",)
    search_fields = (*localized("name"), "=public_id")
    autocomplete_fields = ("organization",)
    inlines = DESCRIBED_INLINES


@admin.register(Succession)
class SuccessionAdmin(RegistryAdmin):
    list_display = ("predecessor", "successor", "date")
    list_select_related = ("predecessor", "successor")
    search_fields = (*localized("name", prefix="predecessor__"), *localized("name", prefix="successor__"))
    autocomplete_fields = ("predecessor", "successor")
    date_hierarchy = "date"

    def limit_to_editable_organizations(self, request) -> bool:
        return True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in {"predecessor", "successor"}:
            kwargs["queryset"] = self.organization_choices(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

