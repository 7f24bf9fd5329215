"""The search page: one box across bills, their texts, people, bodies, activities and press releases."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from hemicycle.search import selectors


@require_safe
def search(request):
    result = selectors.search_page(request.GET, page_number=request.GET.get("page"))
    without_page = request.GET.copy()
    without_page.pop("page", None)
    params = {key: without_page.getlist(key) for key in without_page}
    context = {
        "result": result, "query": result.query, "form": result.form, "nav": "search",
        "kind_links": result.kind_links(params) if result.searched else [],
        "qs": without_page.urlencode(),
    }
    status = 400 if result.form.is_bound and result.form.errors else 200
    return render(request, "search/search.html", context, status=status)
