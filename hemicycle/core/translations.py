"""Content in six languages: the model fields of a translated value given as ``{lang: text}``, and the order in
which a reader's language falls back to the others."""

from django.conf import settings
from django.utils.translation import get_language


def fallback_languages(language: str | None = None) -> list[str]:
    """The reader's language (the active one by default), then its fallbacks from the settings, then the default
    fallbacks, then every other content language — each once."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    chain = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *chain.get(language, ()), *chain["default"], *settings.MODELTRANSLATION_LANGUAGES]
    return list(dict.fromkeys(order))


def translated_fields(field: str, texts: dict | str | None) -> dict:
    """Every language's column of a translated ``field`` (``name_kk`` … ``name_de``), and the untranslated column
    holding the default language's text, or the first text given when that one is missing.

    A plain string counts as the default language's text.
    """
    languages = settings.MODELTRANSLATION_LANGUAGES
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if not isinstance(texts, dict):
        texts = {default: texts or ""}
    fields = {f"{field}_{code}": texts.get(code, "") for code in languages}
    fields[field] = texts.get(default) or next((texts[code] for code in languages if texts.get(code)), "")
    return fields
