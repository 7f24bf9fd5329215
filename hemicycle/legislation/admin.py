"""The legislative process in the back office: workflows (stages and transitions), bill types, bills, versions,
amendments, sittings with their agendas, and vote events.

Only clerks and administrators see or change these records (``accounts.roles``, LEGISLATION block); changes are
kept with who made them (simple-history) and content has one input per language (the plain TranslationAdmin: the
tabbed variant loads jQuery UI from a CDN, which the site's CSP refuses).

A bill's stage moves only through ``services.bill_advance``: the bill form offers "move to stage", and a move the
workflow does not allow comes back as a form error with the reason. Versions are added through
``services.bill_version_create`` and are frozen afterwards; an amendment's outcome goes through
``services.amendment_decide`` (adopted or rejected needs the recorded vote). Votes are shown, not typed in: they
come from the roll-call import.
"""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from hemicycle.accounts.backoffice import RecordRulesInlineMixin
from hemicycle.legislation import services
from hemicycle.legislation.models import (
    AgendaItem,
    Amendment,
    Bill,
    BillDocument,
    BillStageChange,
    BillType,
    BillVersion,
    Sitting,
    Stage,
    Transition,
    VoteEvent,
    Workflow,
)
from hemicycle.people.admin import RECORD_FIELDSET, URL_FIELDS, PublicRecordAdmin, RegistryAdmin, localized

#: Votes shown on a vote event's page (the full roll-call is on the public page and in the API).
ROLL_CALL_SHOWN = 200


def _refusal_to_form(form, refusal) -> None:
    """Show a service's refusal on the field it names (or on the form)."""
    if isinstance(refusal, PermissionDenied):
        form.add_error(None, _("You may not make this change."))
        return
    if hasattr(refusal, "error_dict"):
        for name, texts in refusal.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, refusal.messages)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


# Workflows.


class StageInline(RecordRulesInlineMixin, TranslationStackedInline):
    model = Stage
    extra = 0
    classes = ("collapse",)
    fields = (("code", "order", "is_initial", "is_final", "outcome"), "name", "explanation", "next_steps",
              ("typical_duration", "typical_days"), "participation")


class TransitionInline(RecordRulesInlineMixin, TranslationTabularInline):
    model = Transition
    extra = 0
    fields = ("source", "target", "label")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the stages of the workflow on the page.
        if db_field.name in {"source", "target"}:
            workflow_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = Stage.objects.filter(workflow_id=workflow_id) if workflow_id else Stage.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Workflow)
class WorkflowAdmin(RegistryAdmin):
    list_display = ("name", "code", "stage_count")
    search_fields = ("code", *localized("name"))
    fields = ("code", "name", "description")
    inlines = [StageInline, TransitionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stage_total=Count("stages"))

    @admin.display(description=_("stages"), ordering="stage_total")
    def stage_count(self, obj):
        return obj.stage_total


@admin.register(Stage)
class StageAdmin(RegistryAdmin):
    """Each stage on its own page too, for editing its six languages of explanations comfortably."""

    list_display = ("name", "code", "workflow", "order", "typical_days", "is_final")
    list_filter = ("workflow",)
    list_select_related = ("workflow",)
    search_fields = ("code", *localized("name"))
    fields = ("workflow", ("code", "order", "is_initial", "is_final", "outcome"), "name", "explanation",
              "next_steps", ("typical_duration", "typical_days"), "participation")


@admin.register(BillType)
class BillTypeAdmin(RegistryAdmin):
    list_display = ("name", "code", "workflow")
    list_select_related = ("workflow",)
    search_fields = ("code", *localized("name"))
    fields = ("code", "name", "workflow")


# Bills.


class StageChangeInline(ReadOnlyInline):
    model = BillStageChange
    fields = ("entered_on", "stage", "chamber", "note", "vote_event", "by")
    verbose_name_plural = _("timeline")


class BillDocumentInline(RecordRulesInlineMixin, TranslationStackedInline):
    model = BillDocument
    extra = 0
    fields = (("kind", "date", "stage"), "title", "summary", ("url", "language", "is_published"))
    formfield_overrides = URL_FIELDS


class BillForm(forms.ModelForm):
    move_to = forms.ChoiceField(label=_("move to stage"), required=False,
                                help_text=_("Only the moves the bill's procedure allows are accepted."))
    move_on = forms.DateField(label=_("on"), required=False, help_text=_("YYYY-MM-DD; today if empty."))
    move_note = forms.CharField(label=_("note for the timeline"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))

    class Meta:
        model = Bill
        fields = ("number", "title", "short_title", "summary", "bill_type", "parliament", "chamber", "committee",
                  "initiator", "sponsors", "introduced_on", "is_published", "is_demo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bill = self.instance
        if bill.pk:
            stages = Stage.objects.filter(workflow_id=bill.bill_type.workflow_id).order_by("order")
            self.fields["move_to"].choices = [("", "—"), *[(s.code, s.name) for s in stages if s.pk != bill.stage_id]]
        else:
            for name in ("move_to", "move_on", "move_note"):
                self.fields.pop(name, None)

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("move_to"):
            try:
                services.bill_check_advance(bill=self.instance, to_stage_code=data["move_to"])
            except ValidationError as refusal:
                self.add_error("move_to", refusal.message_dict.get("stage", refusal.messages))
            on = data.get("move_on") or datetime.date.today()
            if on < self.instance.stage_entered_on:
                self.add_error("move_on", _("A bill cannot enter a stage before it entered the current one."))
        return data


@admin.register(Bill)
class BillAdmin(PublicRecordAdmin):
    form = BillForm
    list_display = ("number", "title", "bill_type", "stage", "stage_entered_on", "chamber", "is_published")
    list_filter = ("bill_type", "stage__code", "chamber", "is_published", "is_demo")
    list_select_related = ("bill_type", "stage", "chamber")
    search_fields = ("number", *localized("title"), "=public_id")
    autocomplete_fields = ("parliament", "chamber", "committee", "sponsors")
    date_hierarchy = "introduced_on"
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "stage", "stage_entered_on")
    inlines = [BillDocumentInline, StageChangeInline]

    fieldsets = (
        (None, {"fields": ("number", "title", "short_title", "summary", "bill_type", "parliament", "chamber",
                           "committee", "initiator", "sponsors", "introduced_on", "is_published")}),
        (_("Stage"), {"fields": ("stage", "stage_entered_on", "move_to", "move_on", "move_note")}),
        RECORD_FIELDSET,
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            del fieldsets[1]  # a new bill starts at its workflow's first stage
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "bill_type") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if not change:
            # A new bill starts at its workflow's first stage; its text comes as a first version (Bill versions).
            obj.stage = Stage.objects.filter(workflow_id=obj.bill_type.workflow_id, is_initial=True).first()
            obj.stage_entered_on = obj.introduced_on
            super().save_model(request, obj, form, change)
            BillStageChange.objects.create(bill=obj, stage=obj.stage, entered_on=obj.introduced_on,
                                           chamber=obj.chamber, by=request.user)
            return
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("move_to"):
            services.bill_advance(bill=obj, to_stage_code=form.cleaned_data["move_to"],
                                  on=form.cleaned_data.get("move_on") or datetime.date.today(), by=request.user,
                                  note=form.cleaned_data.get("move_note") or "")
            obj.refresh_from_db()


class BillVersionForm(forms.ModelForm):
    class Meta:
        model = BillVersion
        fields = ("bill", "label", "created_on", "body", "provenance", "is_published")

    def clean(self):
        data = super().clean()
        if not self.instance.pk and data.get("bill") and data.get("label") is not None:
            try:
                services._check_body(data.get("body"))
            except ValidationError as refusal:
                _refusal_to_form(self, refusal)
        return data


@admin.register(BillVersion)
class BillVersionAdmin(RegistryAdmin):
    """A version's text is frozen once saved: amend the bill with a new version rather than edit an old one."""

    form = BillVersionForm
    list_display = ("bill", "number", "label", "stage", "created_on", "is_published")
    list_select_related = ("bill", "stage")
    search_fields = ("bill__number", *localized("label"))
    autocomplete_fields = ("bill",)
    date_hierarchy = "created_on"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("bill", "label", "created_on", "body", "provenance", "is_published")
        return ("bill", "number", "stage", "label", "created_on", "languages", "body", "provenance", "is_published")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("bill", "number", "stage", "created_on", "languages", "body", "provenance")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        label = {code: data.get(f"label_{code}") or "" for code in services.LANGS}
        created = services.bill_version_create(bill=data["bill"], label=label, body=data["body"],
                                               provenance=data.get("provenance") or {}, on=data["created_on"],
                                               by=request.user, is_published=data.get("is_published", True))
        obj.pk = created.pk
        obj.number = created.number


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        fields = ("bill", "version", "number", "movers", "committee", "target_eid", "action", "new_eid", "new_num",
                  "wording", "justification", "recommendation", "status", "vote_event", "is_demo")

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if self.instance.pk and status and status != self.instance.status and status != Amendment.Status.TABLED:
            vote_event = data.get("vote_event")
            if status in (Amendment.Status.ADOPTED, Amendment.Status.REJECTED):
                expected = VoteEvent.Result.PASS if status == Amendment.Status.ADOPTED else VoteEvent.Result.FAIL
                if vote_event is None:
                    self.add_error("vote_event", _("An amendment is adopted or rejected by a recorded vote."))
                elif vote_event.result != expected:
                    self.add_error("vote_event", _("The vote's result does not match this outcome."))
        return data


@admin.register(Amendment)
class AmendmentAdmin(PublicRecordAdmin):
    form = AmendmentForm
    list_display = ("__str__", "target_eid", "action", "recommendation", "status")
    list_filter = ("status", "action", "recommendation", "is_demo")
    list_select_related = ("bill",)
    search_fields = ("bill__number", "number", "target_eid", "=public_id")
    autocomplete_fields = ("bill", "movers", "committee", "vote_event")
    fieldsets = (
        (None, {"fields": ("bill", "version", "number", "movers", "committee", "target_eid", "action", "new_eid",
                           "new_num", "wording", "justification")}),
        (_("Outcome"), {"fields": ("recommendation", "status", "vote_event")}),
        RECORD_FIELDSET,
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = BillVersion.objects.select_related("bill")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data and new_status != Amendment.Status.TABLED:
            obj.status = Amendment.objects.filter(pk=obj.pk).values_list("status", flat=True).get()
            super().save_model(request, obj, form, change)
            services.amendment_decide(amendment=obj, status=new_status, vote_event=obj.vote_event, by=request.user)
            return
        super().save_model(request, obj, form, change)


# Sittings and votes.


class AgendaItemInline(RecordRulesInlineMixin, TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "title", "bill")
    autocomplete_fields = ("bill",)


@admin.register(Sitting)
class SittingAdmin(PublicRecordAdmin):
    list_display = ("title", "organization", "kind", "start", "status")
    list_filter = ("kind", "status", "is_demo")
    list_select_related = ("organization",)
    search_fields = (*localized("title"), "=uid", "=public_id")
    autocomplete_fields = ("organization",)
    date_hierarchy = "start"
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "uid")
    inlines = [AgendaItemInline]


@admin.register(VoteEvent)
class VoteEventAdmin(PublicRecordAdmin):
    list_display = ("motion", "organization", "start", "result", "yes_count", "no_count", "abstain_count",
                    "absent_count")
    list_filter = ("result", "is_demo")
    list_select_related = ("organization",)
    search_fields = (*localized("motion"), "bill__number", "=public_id")
    autocomplete_fields = ("organization", "sitting", "bill", "amendment")
    date_hierarchy = "start"
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "yes_count", "no_count", "abstain_count",
                       "absent_count", "roll_call")
    fieldsets = (
        (None, {"fields": ("organization", "sitting", "bill", "amendment", "stage", "motion", "start", "result")}),
        (_("Roll-call"), {"fields": ("yes_count", "no_count", "abstain_count", "absent_count", "roll_call")}),
        RECORD_FIELDSET,
    )

    @admin.display(description=_("votes"))
    def roll_call(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        votes = obj.votes.select_related("person", "group").order_by("person__sort_name", "person__name")
        total = obj.votes.count()
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                                ((v.person, v.get_option_display(), v.group or "") for v in votes[:ROLL_CALL_SHOWN]))
        more = _("Showing %(shown)s of %(total)s votes.") % {"shown": min(total, ROLL_CALL_SHOWN), "total": total}
        return format_html('<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
                           "</tr></thead><tbody>{}</tbody></table><p>{}</p>", _("member"), _("vote"), _("group"),
                           rows, more)
