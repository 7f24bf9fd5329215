"""Translated content of cooperation records (six languages), and their change history."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    AgreementSignatory,
    Commitment,
    Document,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Programme,
)


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "place", "topics", "summary", "outcomes")


@register(MeetingParticipant)
class MeetingParticipantTranslation(TranslationOptions):
    fields = ("role",)


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "lead", "body")


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "text")


@register(AgreementSignatory)
class AgreementSignatoryTranslation(TranslationOptions):
    fields = ("role",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "description", "evidence")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description", "venue", "city", "outcome_report")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


for model in (Partnership, Meeting, PressRelease, Agreement, Commitment, Programme, Activity):
    keep_history(model)
