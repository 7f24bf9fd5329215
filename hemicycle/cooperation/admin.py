"""Cooperation in the back office: partnerships, meetings, press releases, agreements, commitments, programmes and
their activities.

Only international relations officers and administrators see or change these records (``accounts.roles``); every
change is kept with who made it (simple-history) and content has one input per language (modeltranslation, the
plain TranslationAdmin as in the registry: the tabbed variant loads jQuery UI from a CDN, which the site's CSP
refuses).

Where a domain rule lives in a service, the back office goes through it: an activity's status and significant
fields through ``activity_create``/``activity_update`` (SEQUENCE and status history follow), an agreement's status
through its lifecycle step, a commitment's status through ``commitment_set_status`` (done needs evidence). So that
a refusal comes back as a form error rather than a server error, the form first asks whether the write would be
refused: for agreements and commitments by running the very same write inside a savepoint that is always rolled
back; for activities, whose writes may notify the partner's instance, by the workflow's pure transition rule.
``save_model`` then does the write for real.
"""

import copy

from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from hemicycle.accounts.backoffice import RecordRulesAdminMixin, RecordRulesInlineMixin
from hemicycle.cooperation import services
from hemicycle.cooperation.models import (
    Activity,
    ActivityProposal,
    ActivityStatusChange,
    Agreement,
    AgreementSignatory,
    AssemblyDelegation,
    Commitment,
    Document,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Programme,
    ProgrammeVersion,
)
from hemicycle.cooperation.workflow import TransitionError, check_transition
from hemicycle.people.admin import RECORD_FIELDSET, URL_FIELDS, PublicRecordAdmin, localized

# Service-checked forms: a trial run of the write, rolled back, whose refusal becomes a form error.


class _TrialRollback(Exception):
    """Raised inside a savepoint to undo a trial run of a write."""


def trial_run(write) -> ValidationError | PermissionDenied | None:
    """Run ``write()`` in a savepoint that is always rolled back; return the service's refusal, if any."""
    try:
        with transaction.atomic():
            write()
            raise _TrialRollback
    except _TrialRollback:
        return None
    except (ValidationError, PermissionDenied) as refusal:
        return refusal


def add_refusal_to_form(form, refusal) -> None:
    """Show a service's refusal on the form: on the field it names (or that field in the reader's language)."""
    if isinstance(refusal, PermissionDenied):
        form.add_error(None, _("You may not make this change."))
        return
    errors = refusal.message_dict if hasattr(refusal, "error_dict") else {NON_FIELD_ERRORS: refusal.messages}
    for name, texts in errors.items():
        if name in form.fields:
            form.add_error(name, texts)
        elif f"{name}_{get_language()}" in form.fields:
            form.add_error(f"{name}_{get_language()}", texts)
        else:
            form.add_error(None, texts)


class ServiceWrittenAdmin:
    """Mixed into a ModelAdmin whose ``write(request, obj, form, change)`` saves through the domain services."""

    def write(self, request, obj, form, change) -> None:
        raise NotImplementedError

    def check_write(self, request, instance, form, change) -> ValidationError | PermissionDenied | None:
        """Why the write this form asks for would be refused, or None. By default: a trial run of it."""
        # A copy: the trial must not leave a primary key or generated values on the form's instance.
        return trial_run(lambda: self.write(request, copy.copy(instance), form, change))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ServiceCheckedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                refusal = model_admin.check_write(request, self.instance, self, change)
                if refusal is not None:
                    add_refusal_to_form(self, refusal)

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        self.write(request, obj, form, change)


class CooperationAdmin(PublicRecordAdmin):
    """Base for cooperation records with history and translations (role rules, history, one input per language)."""


def _stored_value(obj, name: str):
    """A field's value as it is in the database now (before this form is saved)."""
    return type(obj).objects.filter(pk=obj.pk).values_list(name, flat=True).get()


def _concrete_changes(form, model) -> list[str]:
    """The names of the model fields (not many-to-many) the form changed."""
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in form.changed_data if name in names]


# Inlines.


class ReadOnlyInline(admin.TabularInline):
    """History and incoming proposals: written by services and federation, shown here for reference."""

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


class MeetingParticipantInline(RecordRulesInlineMixin, TranslationTabularInline):
    model = MeetingParticipant
    fields = ("person", "side", "organization", "post", "role", "order")
    autocomplete_fields = ("person", "organization", "post")
    extra = 0


class MeetingDocumentInline(RecordRulesInlineMixin, TranslationTabularInline):
    model = Document
    fk_name = "meeting"
    fields = ("title", "url", "language", "is_published")
    formfield_overrides = URL_FIELDS
    extra = 0


class AgreementSignatoryInline(RecordRulesInlineMixin, TranslationTabularInline):
    model = AgreementSignatory
    fields = ("person", "side", "role")
    autocomplete_fields = ("person",)
    extra = 0


class AgreementDocumentInline(MeetingDocumentInline):
    fk_name = "agreement"


class FollowUpInline(RecordRulesInlineMixin, TranslationStackedInline):
    """Follow-ups agreed at a meeting: its commitments (closing one is done on the commitment's own page)."""

    model = Commitment
    fk_name = "meeting"
    fields = ("title", "owner_person", "owner_organization", "side", "due_on", "is_published")
    autocomplete_fields = ("owner_person", "owner_organization")
    extra = 0
    verbose_name = _("follow-up")
    verbose_name_plural = _("follow-ups (commitments)")


class ProgrammeVersionInline(ReadOnlyInline):
    model = ProgrammeVersion
    fields = ("number", "status", "note", "created_at", "created_by", "digest", "is_countersigned")

    @admin.display(boolean=True, description=_("countersigned"))
    def is_countersigned(self, version):
        return version.is_countersigned


class ActivityStatusChangeInline(ReadOnlyInline):
    model = ActivityStatusChange
    fields = ("from_status", "to_status", "at", "by", "by_peer", "note")


class ActivityProposalInline(ReadOnlyInline):
    model = ActivityProposal
    fields = ("proposed_by", "changes", "note", "status", "created_at", "decided_at", "decided_by")


# Partnerships and their records.


@admin.register(Partnership)
class PartnershipAdmin(CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("title", "summary", "parliament", "counterpart", "our_friendship_group",
                           "partner_friendship_group", "established", "is_published")}),
        RECORD_FIELDSET,
    )
    list_display = ("title", "parliament", "counterpart", "established", "is_published")
    list_filter = ("is_published", "is_demo")
    list_select_related = ("parliament", "counterpart")
    search_fields = (*localized("title"), "=public_id")
    autocomplete_fields = ("parliament", "counterpart", "our_friendship_group", "partner_friendship_group")


@admin.register(AssemblyDelegation)
class AssemblyDelegationAdmin(RecordRulesAdminMixin, admin.ModelAdmin):
    list_display = ("delegation", "assembly", "parliament")
    list_select_related = ("delegation", "assembly", "parliament")
    search_fields = (*localized("name", prefix="delegation__"), *localized("name", prefix="assembly__"))
    autocomplete_fields = ("parliament", "delegation", "assembly")


@admin.register(Meeting)
class MeetingAdmin(CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("partnership", "title", ("start", "end", "timezone"), "place", "is_published")}),
        (_("Content"), {"fields": ("topics", "summary", "outcomes")}),
        RECORD_FIELDSET,
    )
    list_display = ("title", "partnership", "start", "timezone", "is_published")
    list_filter = ("partnership", "is_published", "is_demo")
    list_select_related = ("partnership",)
    search_fields = (*localized("title"), *localized("place"), "=public_id")
    autocomplete_fields = ("partnership",)
    date_hierarchy = "start"
    inlines = [MeetingParticipantInline, FollowUpInline, MeetingDocumentInline]

    def save_formset(self, request, form, formset, change):
        meeting = form.instance
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, (Document, Commitment)):
                obj.partnership = meeting.partnership
            if isinstance(obj, MeetingParticipant) and not any(
                    getattr(obj, f"role_{code}", None) for code in services.LANGS):
                # No role typed in: the post the person held on the meeting's day, as meeting_record does.
                held = services.registry_post_on(person=obj.person, on=meeting.local_start.date(),
                                                  organization=obj.organization)
                if held is not None:
                    for name, value in services.role_fields_from_post(held.post).items():
                        setattr(obj, name, value)
                    obj.post = obj.post or held.post
                    obj.organization = obj.organization or held.organization
            obj.save()
        formset.save_m2m()


@admin.register(PressRelease)
class PressReleaseAdmin(CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("partnership", "meeting", "title", "lead", "body", "published_at")}),
        RECORD_FIELDSET,
    )
    list_display = ("title", "partnership", "published_at", "state")
    list_filter = ("partnership", "is_demo")
    list_select_related = ("partnership",)
    search_fields = (*localized("title"), "=public_id")
    autocomplete_fields = ("partnership", "meeting")
    date_hierarchy = "published_at"
    actions = ["publish_now"]

    @admin.display(description=_("state"))
    def state(self, release):
        if release.published_at is None:
            return _("draft")
        return _("published") if release.is_public else _("embargoed")

    @admin.action(description=_("Publish the selected press releases now"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = 0
        for release in queryset:
            services.press_release_publish(press_release=release, by=request.user)
            count += 1
        self.message_user(request, ngettext("%(count)d press release published.",
                                            "%(count)d press releases published.", count) % {"count": count},
                          messages.SUCCESS)


@admin.register(Agreement)
class AgreementAdmin(ServiceWrittenAdmin, CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("partnership", "kind", "title", "text", "status", "is_published")}),
        (_("Dates"), {"fields": (("signed_on", "signed_at_place"), ("in_force_from", "expires_on"), "ended_on",
                                 ("remind_days_before", "reminder_sent_on"))}),
        RECORD_FIELDSET,
    )
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "reminder_sent_on")
    list_display = ("title", "partnership", "kind", "status", "signed_on", "expires_on", "reminder_sent_on")
    list_filter = ("status", "kind", "partnership", "is_demo")
    list_select_related = ("partnership",)
    search_fields = (*localized("title"), "signed_at_place", "=public_id")
    autocomplete_fields = ("partnership",)
    inlines = [AgreementSignatoryInline, AgreementDocumentInline]

    def write(self, request, obj, form, change):
        target = obj.status
        before = _stored_value(obj, "status") if change else target
        if target == before:
            obj.save()
            return
        # The other fields as typed, then the lifecycle step with its dates (refused with a reason if illegal).
        obj.status = before
        obj.save()
        dates = {
            Agreement.Status.SIGNED: {"signed_on": obj.signed_on, "signed_at_place": obj.signed_at_place},
            Agreement.Status.IN_FORCE: {"in_force_from": obj.in_force_from, "expires_on": obj.expires_on},
            Agreement.Status.EXPIRED: {"on": obj.ended_on},
            Agreement.Status.TERMINATED: {"on": obj.ended_on},
        }
        if target not in services.AGREEMENT_STEPS:
            raise ValidationError({"status": _("An agreement cannot go back to draft.")})
        done = services.AGREEMENT_STEPS[target](agreement=obj, by=request.user, **dates[target])
        for name in ("status", "signed_on", "in_force_from", "expires_on", "ended_on", "updated_at"):
            setattr(obj, name, getattr(done, name))

    def save_formset(self, request, form, formset, change):
        if formset.model is Document:
            for document in formset.save(commit=False):
                document.partnership = form.instance.partnership
                document.save()
            for document in formset.deleted_objects:
                document.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)


@admin.register(Commitment)
class CommitmentAdmin(ServiceWrittenAdmin, CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("partnership", "meeting", "agreement", "title", "description")}),
        (_("Who and when"), {"fields": (("owner_person", "owner_organization"), "side", "due_on")}),
        (_("Progress"), {"fields": ("status", "evidence", "evidence_url", "closed_on", "is_published")}),
        RECORD_FIELDSET,
    )
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "closed_on")
    list_display = ("title", "partnership", "owner", "side", "due_on", "status", "overdue")
    list_filter = ("status", "side", "partnership", "is_demo")
    list_select_related = ("partnership", "owner_person", "owner_organization")
    search_fields = (*localized("title"), "=public_id")
    autocomplete_fields = ("partnership", "meeting", "agreement", "owner_person", "owner_organization")
    date_hierarchy = "due_on"
    actions = ["mark_in_progress", "mark_done"]

    @admin.display(description=_("owner"))
    def owner(self, commitment):
        return commitment.owner_person or commitment.owner_organization or "—"

    @admin.display(boolean=True, description=_("overdue"))
    def overdue(self, commitment):
        return commitment.is_overdue()

    def write(self, request, obj, form, change):
        target = obj.status
        before = _stored_value(obj, "status") if change else Commitment.Status.OPEN
        obj.status = before
        obj.save()
        if target != before:
            done = services.commitment_set_status(commitment=obj, status=target, by=request.user)
            obj.status, obj.closed_on, obj.updated_at = done.status, done.closed_on, done.updated_at

    def _set_status(self, request, queryset, status) -> None:
        changed, refused = 0, []
        for commitment in queryset:
            try:
                services.commitment_set_status(commitment=commitment, status=status, by=request.user)
                changed += 1
            except ValidationError:
                refused.append(str(commitment))
        if changed:
            self.message_user(request, ngettext("%(count)d commitment changed.", "%(count)d commitments changed.",
                                                changed) % {"count": changed}, messages.SUCCESS)
        if refused:
            self.message_user(request, _("Not changed, evidence is missing (add it on the commitment's page): "
                                         "%(titles)s") % {"titles": "; ".join(refused)}, messages.WARNING)

    @admin.action(description=_("Mark the selected commitments as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, Commitment.Status.IN_PROGRESS)

    @admin.action(description=_("Mark the selected commitments as done (those with evidence)"),
                  permissions=["change"])
    def mark_done(self, request, queryset):
        self._set_status(request, queryset, Commitment.Status.DONE)


# Programmes and activities.


@admin.register(Programme)
class ProgrammeAdmin(CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("partnership", "title", "description", ("period_start", "period_end"), "is_published")}),
        RECORD_FIELDSET,
    )
    list_display = ("title", "partnership", "period_start", "period_end", "is_published")
    list_filter = ("partnership", "is_published", "is_demo")
    list_select_related = ("partnership",)
    search_fields = (*localized("title"), "=public_id")
    autocomplete_fields = ("partnership",)
    inlines = [ProgrammeVersionInline]
    actions = ["agree_version"]

    @admin.action(description=_("Freeze as an agreed version (amended after the first)"), permissions=["change"])
    def agree_version(self, request, queryset):
        for programme in queryset:
            version = services.programme_agree(programme=programme, by=request.user)
            self.message_user(request, _("%(programme)s: version %(number)d frozen.") % {
                "programme": programme, "number": version.number}, messages.SUCCESS)


@admin.register(Activity)
class ActivityAdmin(ServiceWrittenAdmin, CooperationAdmin):
    fieldsets = (
        (None, {"fields": ("programme", "kind", "title", "description", "status")}),
        (_("When and where"), {"fields": (("start", "end", "timezone"), "venue", "city")}),
        (_("Who"), {"fields": ("organizer", "bodies", "delegation", "assembly")}),
        (_("Publication"), {"fields": ("is_published", "embargo_until")}),
        (_("Outcome"), {"fields": ("outcome_report", "commitments")}),
        (_("Calendar"), {"fields": ("uid", "sequence")}),
        RECORD_FIELDSET,
    )
    readonly_fields = (*PublicRecordAdmin.readonly_fields, "uid", "sequence")
    list_display = ("title", "programme", "kind", "start", "timezone", "status", "sequence", "is_published")
    list_filter = ("status", "kind", "programme", "is_published", "is_demo")
    list_select_related = ("programme",)
    search_fields = (*localized("title"), *localized("city"), "uid", "=public_id")
    autocomplete_fields = ("programme", "organizer", "bodies", "delegation", "assembly", "commitments")
    date_hierarchy = "start"
    inlines = [ActivityStatusChangeInline, ActivityProposalInline]

    def check_write(self, request, instance, form, change):
        # Not a trial run: activity writes may notify the partner's instance. The workflow rule is pure.
        if change and "status" in form.changed_data:
            try:
                check_transition(_stored_value(instance, "status"), instance.status)
            except TransitionError as exc:
                return ValidationError({"status": str(exc)})
        return None

    def write(self, request, obj, form, change):
        if change:
            changes = {name: getattr(obj, name) for name in _concrete_changes(form, Activity)}
            if changes:
                done = services.activity_update(activity=obj, by=request.user, **changes)
                obj.sequence, obj.updated_at = done.sequence, done.updated_at
            return
        skip = {"id", "programme", "public_id", "created_at", "updated_at", "sequence"}
        fields = {f.attname: getattr(obj, f.attname) for f in Activity._meta.concrete_fields
                  if f.name not in skip and not _is_translated_base(f)}
        created = services.activity_create(programme=obj.programme, by=request.user, **fields)
        for name in ("pk", "uid", "public_id", "sequence", "created_at", "updated_at"):
            setattr(obj, name, getattr(created, name))
        obj._state.adding, obj._state.db = False, created._state.db


def _is_translated_base(field) -> bool:
    """Whether ``field`` is the untranslated column of a translated field (``title`` beside ``title_en``…)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(field.model)
    except NotRegistered:
        return False
    return field.name in options.fields


@admin.register(Document)
class DocumentAdmin(RecordRulesAdminMixin, TranslationAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ("title", "partnership", "meeting", "agreement", "activity", "language", "is_published")
    list_filter = ("partnership", "language", "is_published")
    list_select_related = ("partnership", "meeting", "agreement", "activity")
    search_fields = (*localized("title"), "url")
    autocomplete_fields = ("partnership", "meeting", "agreement", "activity")
