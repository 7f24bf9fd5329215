"""Template helpers every page uses: translated content with a fallback hint, language links."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from hemicycle.core.translations import fallback_languages

register = template.Library()


@dataclass(frozen=True)
class Translated:
    value: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.value

    @property
    def language_name(self) -> str:
        return get_language_info(self.lang)["name_translated"] if self.lang else ""


def translated_value(obj, field: str, language: str | None = None) -> Translated:
    """The value of a translatable ``field`` in ``language``, or the first one found along the fallback chain."""
    languages = fallback_languages(language)
    for code in languages:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return Translated(value, code, code != languages[0])
    value = getattr(obj, field, "") or ""
    return Translated(value, settings.LANGUAGE_CODE, bool(value))


@register.simple_tag(takes_context=False)
def translated(obj, field):
    """``{% translated person "name" as name %}``: the value, its language, whether it is a fallback."""
    return translated_value(obj, field)


@register.inclusion_tag("portal/includes/translated.html")
def show_translated(obj, field, hint=True):
    """Print a translatable field, marked with its language, and a visible hint when it is a fallback."""
    return {"t": translated_value(obj, field), "hint": hint, "page_lang": get_language()}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page's address in every interface language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, native in settings.LANGUAGES:
        links.append({"code": code, "native": native, "url": translate_url(path, code),
                      "current": code == current})
    return links


ROLE_LABELS = {
    "member": _("member"),
    "chair": _("chair"),
    "vice-chair": _("vice-chair"),
    "head": _("head of delegation"),
    "president": _("president"),
    "ambassador": _("ambassador"),
    "head of state": _("head of state"),
    "secretary": _("secretary"),
}


@register.filter
def role_label(role: str) -> str:
    """A membership's role in the reader's language when it is one of the common ones; as recorded otherwise."""
    return ROLE_LABELS.get((role or "").strip().lower(), role)
