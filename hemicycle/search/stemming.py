"""Words and their stems, per language: the one place where search decides that "законопроектов" is "законопроект".

A pure engine (no Django). PostgreSQL stems Russian, English, French, Dutch and German itself with its Snowball
dictionaries; the same Snowball algorithms (the ``snowballstemmer`` package) stem here for SQLite and for the
highlighter, so both databases agree on what matches. PostgreSQL has no Kazakh dictionary and Snowball no Kazakh
stemmer: Kazakh is agglutinative (заң → заңдар → заңдарының), so :func:`kazakh_stem` strips the case, possessive
and plural endings and search matches the remaining stem as a prefix — a light stemmer, sound for nouns, the bulk
of what people search for in a parliament.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

#: Interface languages whose text is stemmed with Snowball, and the name of the algorithm (and of PostgreSQL's
#: text search configuration) for each.
SNOWBALL = {"ru": "russian", "en": "english", "fr": "french", "nl": "dutch", "de": "german"}

#: Languages stemmed by prefix: the query word's stem must begin a word of the text.
PREFIX_LANGUAGES = ("kk",)

_WORD = re.compile(r"\w+", re.UNICODE)

# Kazakh endings, longest first within each group. A word loses at most one ending per group, from the outside in:
# case, then possessive, then plural (заң-дар-ы-ның → заң).
_KK_CASE = (
    "менен", "бенен", "пенен",
    "ның", "нің", "дың", "дің", "тың", "тің",
    "нан", "нен", "дан", "ден", "тан", "тен",
    "нда", "нде", "нға", "нге",
    "мен", "бен", "пен",
    "ға", "ге", "қа", "ке", "на", "не",
    "ны", "ні", "ды", "ді", "ты", "ті",
    "да", "де", "та", "те",
    "н",  # accusative after a possessive: бюджеті-н
)
_KK_POSSESSIVE = (
    "ымыз", "іміз", "ыңыз", "іңіз",
    "лары", "лері", "дары", "дері", "тары", "тері",
    "мыз", "міз", "ңыз", "ңіз",
    "сы", "сі", "ым", "ім", "ың", "ің",
    "ы", "і",
)
_KK_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
_KK_MIN_STEM = 3


def words(text: str) -> list[str]:
    """The words of a text, in order, lower-cased."""
    return [match.group(0).lower() for match in _WORD.finditer(text or "")]


def word_spans(text: str):
    """``(start, end, word)`` for every word of a text, the word as written."""
    for match in _WORD.finditer(text or ""):
        yield match.start(), match.end(), match.group(0)


def _strip_one(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _KK_MIN_STEM:
            return word[: -len(ending)]
    return word


def kazakh_stem(word: str) -> str:
    """A Kazakh noun without its case, possessive and plural endings: заңдарының → заң, парламентінің → парламент."""
    word = word.lower()
    for endings in (_KK_CASE, _KK_POSSESSIVE, _KK_PLURAL):
        word = _strip_one(word, endings)
    return word


@lru_cache(maxsize=8)
def _snowball(language: str):
    return snowballstemmer.stemmer(SNOWBALL[language])


@lru_cache(maxsize=262144)  # pure-Python Snowball is slow, and a parliament's vocabulary is small
def stem(word: str, language: str) -> str:
    """The stem of one lower-cased word in one language (Kazakh: the prefix that inflected forms share)."""
    if language in SNOWBALL:
        return _snowball(language).stemWord(word)
    if language in PREFIX_LANGUAGES:
        return kazakh_stem(word)
    return word


def stems(text: str, language: str) -> list[str]:
    """Every word of a text, stemmed in its language, in order (what SQLite's full-text index stores)."""
    return [stem(word, language) for word in words(text)]
