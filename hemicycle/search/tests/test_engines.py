"""The pure engines of search: stemming (Kazakh included), understanding the query, highlighting."""

import pytest

from hemicycle.search.highlight import highlight, snippet
from hemicycle.search.query import MAX_TERMS, parse
from hemicycle.search.stemming import kazakh_stem, stem, stems


@pytest.mark.parametrize(("word", "expected"), [
    ("заңдарының", "заң"), ("заңға", "заң"), ("заңы", "заң"), ("парламентінің", "парламент"),
    ("Қазақстанның", "қазақстан"), ("бюджетке", "бюджет"), ("комитеттері", "комитет"),
    ("депутаттарымен", "депутат"), ("Мәжілістің", "мәжіліс"), ("бюджетін", "бюджет"),
    # Too short to lose anything, or no ending at all.
    ("заң", "заң"), ("кеңес", "кеңес"), ("ел", "ел"),
])
def test_kazakh_stem_strips_case_possessive_and_plural_endings(word, expected):
    assert kazakh_stem(word) == expected


def test_snowball_stems_agree_across_inflections():
    assert stem("законопроектов", "ru") == stem("законопроект", "ru")
    assert stem("budgets", "en") == stem("budget", "en")
    assert stem("parlementaires", "fr") == stem("parlementaire", "fr")
    assert stem("wetsvoorstellen", "nl") == stem("wetsvoorstel", "nl")
    assert stem("gesetzentwürfe", "de") == stem("gesetzentwurf", "de")
    assert stems("Законы, законов!", "ru") == ["закон", "закон"]


def test_query_words_phrases_and_exclusions():
    query = parse('budget "first reading" -tax Kazakhstan-Belgium')
    assert [(term.words, term.negated) for term in query.terms] == [
        (("budget",), False), (("first", "reading"), False), (("tax",), True),
        (("kazakhstan",), False), (("belgium",), False)]
    assert query.positive[1].is_phrase
    assert not parse("-tax")  # only an exclusion: nothing to look for
    assert not parse('  "" ,, ')
    assert len(parse(" ".join(f"w{i}" for i in range(40))).terms) == MAX_TERMS
    assert parse('"unclosed phrase').terms[0].words == ("unclosed", "phrase")


def test_highlight_marks_inflected_forms_and_escapes_html():
    wanted = parse("законопроекты бюджет").matchers()
    marked = highlight("Законопроект о бюджете <script>alert(1)</script>", "ru", wanted)
    assert marked.html == ("<mark>Законопроект</mark> о <mark>бюджете</mark> "
                           "&lt;script&gt;alert(1)&lt;/script&gt;")
    assert marked.matches == 2


def test_highlight_kazakh_by_prefix():
    marked = highlight("Заңдарының жобасы", "kk", parse("заң").matchers())
    assert marked.html == "<mark>Заңдарының</mark> жобасы"


def test_snippet_is_the_densest_window_with_ellipses():
    text = "filler " * 50 + "the budget and the budget committee " + "filler " * 50
    found = snippet(text, "en", parse("budget committee").matchers(), size=10)
    assert found.html.startswith("… ") and found.html.endswith(" …")
    assert found.html.count("<mark>") == 3
    assert found.matches == 3
    short = snippet("No match here.", "en", parse("budget").matchers())
    assert short.html == "No match here." and short.matches == 0
