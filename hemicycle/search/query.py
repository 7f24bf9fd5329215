"""What a person typed into the search box, understood: words that must all appear, "exact phrases", and -words
that must not. A pure engine (no Django): the database backends turn a :class:`ParsedQuery` into their own query
language and the highlighter marks the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hemicycle.search.stemming import PREFIX_LANGUAGES, SNOWBALL, stem, words

MAX_TERMS = 12
MAX_WORD_LENGTH = 60
#: A word shorter than this is only matched whole, never as the beginning of a longer word.
MIN_PREFIX = 3

_CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: a word, or a phrase of several words in order; ``negated``: must be absent."""

    words: tuple[str, ...]
    negated: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    def stems(self, language: str) -> tuple[str, ...]:
        return tuple(stem(word, language) for word in self.words)

    def prefixes(self) -> tuple[str, ...]:
        """The Kazakh stems of the words, matched as the beginning of a word of the text."""
        return tuple(stem(word, PREFIX_LANGUAGES[0]) for word in self.words)


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = field(default_factory=tuple)

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.negated)

    def __bool__(self) -> bool:
        return bool(self.positive)

    def matchers(self) -> dict[str, set[str]]:
        """For the highlighter: the stems each language looks for, and (key ``"prefix"``) the prefixes."""
        wanted: dict[str, set[str]] = {language: set() for language in SNOWBALL}
        wanted["prefix"] = set()
        for term in self.positive:
            for language in SNOWBALL:
                wanted[language].update(term.stems(language))
            wanted["prefix"].update(prefix for prefix in term.prefixes() if len(prefix) >= MIN_PREFIX)
            wanted["prefix"].update(word for word in term.words if len(word) >= MIN_PREFIX)
        return wanted


def parse(text: str) -> ParsedQuery:
    """Understand a search box's text. At most :data:`MAX_TERMS` terms; punctuation separates words."""
    terms: list[Term] = []
    for match in _CHUNK.finditer(text or ""):
        if match.group(2) is not None:
            negated, chunk, quoted = bool(match.group(1)), match.group(2), True
        else:
            negated, chunk, quoted = bool(match.group(3)), match.group(4), False
        found = tuple(word[:MAX_WORD_LENGTH] for word in words(chunk))
        if not found:
            continue
        if quoted or negated:
            terms.append(Term(found, negated=negated))
        else:
            # Unquoted "Kazakhstan-Belgium" is two words, each of which must appear.
            terms.extend(Term((word,)) for word in found)
        if len(terms) >= MAX_TERMS:
            break
    unique = tuple(dict.fromkeys(terms[:MAX_TERMS]))
    return ParsedQuery(unique)
