"""Back office for federation: paired peers, the outbox and the inbox (read-only: messages are never edited),
and the partner's proposed changes with "accept" and "decline" actions.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hemicycle.calendars import federation, signing
from hemicycle.calendars.models import InboundMessage, OutboundMessage, Peer


class PeerForm(forms.ModelForm):
    base_url = forms.URLField(label=_("address"), assume_scheme="https",
                              help_text=_("e.g. https://hemicycle.parliament.kz"))

    class Meta:
        model = Peer
        fields = ("name", "organization", "instance_id", "base_url", "public_key")

    def clean_public_key(self):
        value = self.cleaned_data["public_key"].strip()
        try:
            signing.load_public_key(value)
        except signing.SignatureError as exc:
            raise ValidationError(_("Not an Ed25519 public key (32 bytes, base64): %(reason)s"),
                                  params={"reason": exc}) from exc
        return value


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin):
    form = PeerForm
    list_display = ("name", "instance_id", "organization", "base_url", "last_seq_received", "last_contact_at",
                    "last_error")
    readonly_fields = ("paired_at", "last_seq_received", "last_contact_at", "last_error")
    autocomplete_fields = ("organization",)
    actions = ["synchronise"]

    @admin.action(description=_("Push waiting messages and pull changes now"), permissions=["change"])
    def synchronise(self, request, queryset):
        for peer in queryset:
            pushed, pulled = federation.sync_peer(peer)
            error = pushed.error or pulled.error
            if error:
                self.message_user(request, f"{peer}: {error}", messages.ERROR)
            else:
                self.message_user(request, _("%(peer)s: %(pushed)d pushed, %(pulled)d pulled.") % {
                    "peer": peer, "pushed": pushed.delivered, "pulled": pulled.applied}, messages.SUCCESS)


class ReadOnlyMessageAdmin(admin.ModelAdmin):
    """Messages are evidence: nobody adds, changes or deletes them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyMessageAdmin):
    list_display = ("seq", "peer", "method", "uid", "created_at", "delivered_at", "attempts", "last_error")
    list_filter = ("peer", "method", ("delivered_at", admin.EmptyFieldListFilter))
    search_fields = ("uid",)


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyMessageAdmin):
    list_display = ("received_at", "peer", "seq", "method", "uid", "outcome", "reason")
    list_select_related = ("peer",)  # nullable: the admin would not join it by itself
    list_filter = ("outcome", "peer", "method")
    search_fields = ("uid", "reason")


class ActivityProposalAdmin(admin.ModelAdmin):
    """The partner's proposed changes to our activities (iTIP COUNTER), and ours to theirs."""

    list_display = ("activity", "proposed_by", "changes", "status", "created_at", "decided_at")
    list_filter = ("status", "proposed_by")
    readonly_fields = ("activity", "proposed_by", "changes", "note", "status", "created_at", "decided_at",
                       "decided_by")
    actions = ["accept", "decline"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, decide, done):
        decided = 0
        for proposal in queryset:
            try:
                decide(proposal=proposal, by=request.user)
                decided += 1
            except (ValidationError, PermissionDenied) as exc:
                reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"{proposal}: {reason}", messages.ERROR)
        if decided:
            self.message_user(request, done(decided), messages.SUCCESS)

    @admin.action(description=_("Accept: change the activity and tell the partner"), permissions=["view"])
    def accept(self, request, queryset):
        from hemicycle.cooperation.sync import proposal_accept

        self._decide(request, queryset, proposal_accept, lambda n: ngettext(
            "%(n)d proposal accepted.", "%(n)d proposals accepted.", n) % {"n": n})

    @admin.action(description=_("Decline: keep the activity as it is and tell the partner"), permissions=["view"])
    def decline(self, request, queryset):
        from hemicycle.cooperation.sync import proposal_decline

        self._decide(request, queryset, proposal_decline, lambda n: ngettext(
            "%(n)d proposal declined.", "%(n)d proposals declined.", n) % {"n": n})


def register_proposal_admin() -> None:
    """Called from ``CalendarsConfig.ready`` — after every app's admin module — unless one registered it."""
    from hemicycle.cooperation.models import ActivityProposal

    if not admin.site.is_registered(ActivityProposal):
        admin.site.register(ActivityProposal, ActivityProposalAdmin)
