"""Follows in the back office: read-only, to answer a person who asks what they follow and why mail comes."""

from django.contrib import admin

from hemicycle.follows.models import Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "bill", "organization", "person", "frequency", "created_at", "digested_until")
    list_filter = ("kind", "frequency")
    search_fields = ("user__email",)
    list_select_related = ("user", "bill", "organization", "person")
    readonly_fields = ("user", "kind", "bill", "organization", "person", "query", "query_key", "created_at",
                       "digested_until", "digested_keys")
    fields = readonly_fields[:6] + ("frequency",) + readonly_fields[6:]

    def has_add_permission(self, request):
        return False
