"""Highlighted snippets: the stretch of a text where the query's words are densest, each found word marked.

A pure engine (no Django): it decides which words match with the same stems as the index (see
:mod:`hemicycle.search.stemming`), so a highlighted word is a word that made the document match.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from hemicycle.search.stemming import SNOWBALL, stem, word_spans

SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Highlighted:
    html: str
    matches: int


def _is_match(word: str, language: str, wanted: dict[str, set[str]]) -> bool:
    lowered = word.lower()
    if language in SNOWBALL and stem(lowered, language) in wanted.get(language, ()):
        return True
    return any(lowered.startswith(prefix) for prefix in wanted.get("prefix", ()))


def _render(text: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> str:
    out, position = [], start
    for span_start, span_end, matched in spans:
        if span_start < start or span_end > end or not matched:
            continue
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text: str, language: str, wanted: dict[str, set[str]]) -> Highlighted:
    """The whole (short) text, escaped, with the matching words in ``<mark>``."""
    spans = [(start, end, _is_match(word, language, wanted)) for start, end, word in word_spans(text)]
    return Highlighted(_render(text, spans, 0, len(text)), sum(matched for *_, matched in spans))


def snippet(text: str, language: str, wanted: dict[str, set[str]], *, size: int = SNIPPET_WORDS) -> Highlighted:
    """About ``size`` words of a long text around its densest run of matches, escaped, matches in ``<mark>``,
    with an ellipsis where the text goes on."""
    spans = [(start, end, _is_match(word, language, wanted)) for start, end, word in word_spans(text)]
    if not spans:
        return Highlighted(escape(text.strip()), 0)
    totals = [0]
    for *_, matched in spans:
        totals.append(totals[-1] + matched)
    # The window of ``size`` words holding the most matches; the earliest such window wins.
    best_start = max(range(max(1, len(spans) - size + 1)), key=lambda first: (totals[min(first + size, len(spans))]
                                                                            - totals[first], -first))
    best_count = totals[min(best_start + size, len(spans))] - totals[best_start]
    window = spans[best_start: best_start + size]
    start = 0 if best_start == 0 else window[0][0]
    end = len(text) if best_start + size >= len(spans) else window[-1][1]
    html = _render(text, window, start, end).strip()
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return Highlighted(html, best_count)
