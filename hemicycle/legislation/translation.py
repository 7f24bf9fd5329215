"""Translated content of the legislative process (six languages), and the change history of public records."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

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


@register(Workflow)
class WorkflowTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("name", "explanation", "next_steps", "typical_duration", "participation")


@register(Transition)
class TransitionTranslation(TranslationOptions):
    fields = ("label",)


@register(BillType)
class BillTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(Bill)
class BillTranslation(TranslationOptions):
    fields = ("title", "short_title", "summary", "initiator")


@register(BillStageChange)
class BillStageChangeTranslation(TranslationOptions):
    fields = ("note",)


@register(BillDocument)
class BillDocumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(BillVersion)
class BillVersionTranslation(TranslationOptions):
    fields = ("label",)


@register(Amendment)
class AmendmentTranslation(TranslationOptions):
    fields = ("justification",)


@register(Sitting)
class SittingTranslation(TranslationOptions):
    fields = ("title", "place")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(VoteEvent)
class VoteEventTranslation(TranslationOptions):
    fields = ("motion",)


for model in (Workflow, Stage, Transition, BillType, Bill, BillDocument, Amendment, Sitting, VoteEvent):
    keep_history(model)
