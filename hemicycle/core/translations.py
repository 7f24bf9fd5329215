"""Content in six languages: the model fields of a translated value given as ``{lang: text}``."""

from django.conf import settings


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
