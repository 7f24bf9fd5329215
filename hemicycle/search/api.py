"""Search in the open API: the same search as the page, as JSON, for re-users.

Input the schema refuses (a missing ``q``, an unknown kind, a malformed date) answers 422 with each field and its
message, as everywhere in the API. Input the schema allows but that can match nothing — a stage or committee
that does not exist, an end date before the start date — answers 200 with no results and a ``warnings`` entry
per field saying why, as the API's list filters answer an unknown value with an empty list.
"""

import datetime
import re

from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema

from hemicycle.core.api import FieldError
from hemicycle.search.models import SearchDocument
from hemicycle.search.selectors import RESULTS_PER_PAGE, search_page

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200, description='Words (all must appear), "a phrase", -excluded')
    kind: list[SearchDocument.Kind] = Field(default_factory=list, description="Only these kinds (repeatable)")
    stage: str = Field("", max_length=60, description="Bills at this stage (its code, e.g. first-reading)")
    committee: str = Field("", max_length=80, description="Bills of this lead committee (public id or uuid)")
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    order: str = Field("relevance", pattern="^(relevance|newest)$")
    page: int = Field(1, ge=1, le=50)


class SearchHitOut(Schema):
    kind: str
    title: str
    title_html: str = Field(description="The title with the matching words in <mark>, HTML-escaped otherwise")
    snippet_html: str = Field(description="About thirty words around the matches, same escaping")
    url: str
    date: datetime.date | None
    language: str = Field(description="The language the title and snippet are in")
    stage: str
    committee: str


class SearchOut(Schema):
    query: str
    count: int
    page: int
    per_page: int
    by_kind: dict[str, int]
    results: list[SearchHitOut]
    warnings: list[FieldError] = Field(description="Filters that can match nothing, and why")


@router.get("/search", response=SearchOut,
            summary="Search bills, bill texts, people, bodies, activities and press releases")
def search(request, params: Query[SearchParams]):
    committee = re.sub(r"^.*/", "", params.committee)
    form_params = {
        "q": params.q, "kind": [str(kind.value) for kind in params.kind], "stage": params.stage,
        "committee": committee, "date_from": params.date_from.isoformat() if params.date_from else "",
        "date_to": params.date_to.isoformat() if params.date_to else "", "order": params.order,
    }
    result = search_page(form_params, page_number=params.page)
    warnings = [{"field": field, "message": " ".join(messages)} for field, messages in result.form.errors.items()]
    return {
        "query": params.q, "count": result.total, "page": params.page, "per_page": RESULTS_PER_PAGE,
        "by_kind": result.by_kind,
        "results": [{
            "kind": hit.kind, "title": strip_tags(hit.title), "title_html": str(hit.title),
            "snippet_html": str(hit.snippet), "url": request.build_absolute_uri(hit.url), "date": hit.date,
            "language": hit.language, "stage": hit.stage, "committee": hit.committee,
        } for hit in result.hits],
        "warnings": warnings,
    }
