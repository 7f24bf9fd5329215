"""Reads of the search index: a page of ranked, highlighted results, and what is new for a followed search."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from hemicycle.core.translations import fallback_languages
from hemicycle.people.models import Organization
from hemicycle.portal.templatetags.hemicycle import Translated
from hemicycle.search import backends
from hemicycle.search.forms import SearchForm
from hemicycle.search.highlight import highlight, snippet
from hemicycle.search.models import SearchDocument
from hemicycle.search.query import ParsedQuery, parse

RESULTS_PER_PAGE = 20
MAX_PAGES = 50


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    date: datetime.date | None
    language: str
    is_fallback: bool
    changed_at: datetime.datetime
    stage: str = ""
    committee: str = ""

    @property
    def shown_in(self) -> Translated:
        return Translated("", self.language, self.is_fallback)


@dataclass
class SearchPage:
    form: SearchForm
    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    page: Page | None = None
    searched: bool = False
    needs_words: bool = False

    def kind_links(self, params: dict) -> list[dict]:
        """One link per kind with its count, for narrowing the results; the current kinds marked."""
        chosen = set(self.form.cleaned_data.get("kind") or []) if self.form.is_valid() else set()
        links = []
        for value, label in SearchDocument.Kind.choices:
            count = self.by_kind.get(value, 0)
            query = {**{k: v for k, v in params.items() if k not in ("kind", "page")}, "kind": value}
            links.append({"value": value, "label": label, "count": count, "current": chosen == {value},
                          "query": urlencode(query, doseq=True)})
        return links


def _filters(form: SearchForm, *, changed_since=None) -> backends.Filters:
    data = form.cleaned_data
    committee = data.get("committee")
    return backends.Filters(kinds=tuple(data.get("kind") or ()), stage=data.get("stage") or "",
                            committee_id=committee.pk if committee else None, date_from=data.get("date_from"),
                            date_to=data.get("date_to"), changed_since=changed_since, visible_at=timezone.now())


def hits_for(ids: list[int], query: ParsedQuery, *, stage_names: dict[str, str],
             language: str | None = None) -> list[Hit]:
    """The documents, in the given order, each shown in the reader's language when its text there matched (else
    the first language along the fallback chain whose text matched), title and snippet highlighted."""
    documents = SearchDocument.objects.in_bulk(ids)
    wanted = query.matchers()
    languages = fallback_languages(language)
    committees = dict(Organization.objects.filter(pk__in={d.committee_id for d in documents.values()
                                                           if d.committee_id}).values_list("pk", "name"))
    labels = SearchDocument.KIND_SINGULAR
    hits = []
    for pk in ids:
        document = documents.get(pk)
        if document is None:
            continue
        available = [lang for lang in languages if lang in document.texts]
        chosen, title, body = None, None, None
        for lang in available:
            text = document.texts[lang]
            title_hl = highlight(text.get("title", ""), lang, wanted)
            body_hl = snippet(text.get("body", ""), lang, wanted)
            if title_hl.matches or body_hl.matches:
                chosen, title, body = lang, title_hl, body_hl
                break
        if chosen is None and available:
            chosen = available[0]
            text = document.texts[chosen]
            title, body = highlight(text.get("title", ""), chosen, wanted), snippet(text.get("body", ""),
                                                                                   chosen, wanted)
        if chosen is None:
            continue
        hits.append(Hit(
            kind=document.kind, kind_label=str(labels.get(document.kind, document.kind)),
            title=mark_safe(title.html), snippet=mark_safe(body.html),  # noqa: S308 — escaped by the highlighter
            url=document.get_absolute_url(), date=document.date, language=chosen,
            is_fallback=chosen != languages[0], changed_at=document.changed_at,
            stage=stage_names.get(document.stage, ""), committee=committees.get(document.committee_id, "")))
    return hits


def search_page(params, *, page_number=None, language: str | None = None) -> SearchPage:
    """The search page for these GET parameters: a bound form, and (when it is valid and has words) the results."""
    form = SearchForm(params or None)
    result = SearchPage(form=form)
    if not form.is_bound or not form.is_valid():
        return result
    result.query = form.cleaned_data["q"]
    if not result.query:
        return result
    query = parse(result.query)
    result.searched = True
    if not query:
        result.needs_words = True
        return result
    filters = _filters(form)
    order = form.cleaned_data.get("order") or "relevance"
    try:
        number = max(1, min(int(page_number or 1), MAX_PAGES))
    except (TypeError, ValueError):
        number = 1
    matches = backends.search(query, filters, limit=RESULTS_PER_PAGE, offset=(number - 1) * RESULTS_PER_PAGE,
                              order=order)
    result.total, result.by_kind = matches.total, matches.by_kind
    result.hits = hits_for(matches.ids, query, stage_names=form.stage_names, language=language)
    paginator = Paginator(range(min(matches.total, RESULTS_PER_PAGE * MAX_PAGES)), RESULTS_PER_PAGE)
    result.page = paginator.get_page(number) if matches.total else None
    return result


def search_changes(params: dict, *, since: datetime.datetime | None, limit: int = 50,
                   language: str | None = None) -> list[Hit]:
    """What a followed search finds that is new or changed since ``since`` (everything when None), newest first.

    Invalid parameters find nothing (a followed search was valid when it was saved; the filters may have gone).
    """
    form = SearchForm(params)
    if not form.is_valid():
        return []
    query = parse(form.cleaned_data["q"])
    if not query:
        return []
    matches = backends.search(query, _filters(form, changed_since=since), limit=limit, order="changed")
    return hits_for(matches.ids, query, stage_names=form.stage_names, language=language)

