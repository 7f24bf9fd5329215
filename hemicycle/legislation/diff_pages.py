"""Reads for the difference page and the phrase-history page: versions, changes tied to amendments and votes."""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hemicycle.legislation import texts
from hemicycle.legislation.models import Amendment, Bill, BillVersion

FIRST_READING = "first_reading"
MAX_PHRASE = 200
TYPE_LABELS = {"part": _("Part"), "chapter": _("Chapter"), "section": _("Section"), "article": _("Article"),
               "paragraph": _("Paragraph"), "point": _("Point")}


def provision_label(kind: str, num: str) -> str:
    """The name of a provision in the reader's language, e.g. Article 2."""
    return f"{TYPE_LABELS.get(kind, _('Provision'))} {num}".strip()


def text_language(versions: list[BillVersion]) -> tuple[str, bool]:
    """The reader's language if the texts have it, else Kazakh, Russian, English, or the first found; and whether
    that is a fallback."""
    wanted = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    available: list[str] = []
    for version in versions:
        for lang in (version.languages or texts.languages_of(version.body or [])):
            if lang not in available:
                available.append(lang)
    if wanted in available or not available:
        return wanted, False
    for lang in ("kk", "ru", "en", *available):
        if lang in available:
            return lang, True
    return wanted, False  # pragma: no cover


def published_versions(bill: Bill) -> list[BillVersion]:
    return list(bill.versions.filter(is_published=True).select_related("stage").order_by("number"))


def default_pair(versions: list[BillVersion]) -> tuple[BillVersion | None, BillVersion | None]:
    """First reading against the final text: the version made at first reading (or the first version), and the
    latest version."""
    if len(versions) < 2:
        return (versions[0] if versions else None), (versions[-1] if versions else None)
    first = next((v for v in versions if v.stage and v.stage.code == FIRST_READING), versions[0])
    final = versions[-1]
    if first == final:
        first = versions[0]
    return first, final


def _version(versions: list[BillVersion], raw: str | None) -> BillVersion | None:
    if not raw:
        return None
    try:
        number = int(raw)
    except ValueError:
        return None
    return next((v for v in versions if v.number == number), None)


def amendments_by_id(public_ids) -> dict[str, Amendment]:
    ids = sorted({i for i in public_ids if i})
    if not ids:
        return {}
    found = (Amendment.objects.filter(public_id__in=ids)
             .select_related("vote_event", "committee").prefetch_related("movers"))
    return {a.public_id: a for a in found}


@dataclass
class ChangeRow:
    change: texts.ProvisionChange
    amendments: list[Amendment] = field(default_factory=list)

    @property
    def label(self) -> str:
        return provision_label(self.change.type, self.change.num)


def diff_page(bill: Bill, params) -> dict:
    versions = published_versions(bill)
    if not versions:
        raise Http404
    default_old, default_new = default_pair(versions)
    old = _version(versions, params.get("from")) or default_old
    new = _version(versions, params.get("to")) or default_new
    invalid = any(params.get(key) and _version(versions, params.get(key)) is None for key in ("from", "to"))
    lang, is_fallback = text_language([old, new])
    rows: list[ChangeRow] = []
    if old is not None and new is not None and old != new:
        changes = texts.diff_versions(old.body or [], new.body or [], new_provenance=new.provenance or {},
                                      lang=lang)
        # Only amendments to this bill: a provenance id from elsewhere is not linked.
        known = amendments_by_id(i for c in changes for i in c.amendment_ids)
        for change in changes:
            rows.append(ChangeRow(change, [known[i] for i in change.amendment_ids
                                           if i in known and known[i].bill_id == bill.pk]))
    return {"bill": bill, "versions": versions, "old": old, "new": new, "rows": rows, "text_lang": lang,
            "text_is_fallback": is_fallback, "invalid_choice": invalid, "same": old == new}


@dataclass
class PhraseAnswer:
    event: texts.PhraseEvent
    version: BillVersion | None
    amendment: Amendment | None

    @property
    def label(self) -> str:
        return provision_label(self.event.type, self.event.num)


def phrase_page(bill: Bill, params) -> dict:
    versions = published_versions(bill)
    phrase = " ".join((params.get("q") or "").split())[:MAX_PHRASE]
    lang, is_fallback = text_language(versions)
    context = {"bill": bill, "phrase": phrase, "text_lang": lang, "text_is_fallback": is_fallback,
               "versions": versions, "history": None}
    if not phrase or not versions:
        return context
    history = texts.phrase_history([(v.number, v.label, v.body or [], v.provenance or {}) for v in versions],
                                   phrase, lang)
    amendments = amendments_by_id(e.amendment_id for e in history.events)
    by_number = {v.number: v for v in versions}

    def answer(event):
        if event is None:
            return None
        amendment = amendments.get(event.amendment_id)
        if amendment is not None and amendment.bill_id != bill.pk:
            amendment = None
        return PhraseAnswer(event, by_number.get(event.version), amendment)

    context.update(history=history, entered=answer(history.first), removed=answer(history.removed),
                   events=[answer(e) for e in history.events],
                   first_version=versions[0])
    return context
