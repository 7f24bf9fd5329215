"""Request clean-up every view relies on."""

from django.http import QueryDict

#: What a NUL character in a request becomes. PostgreSQL text cannot hold NUL, so such a value would fail deep in
#: a query (a 500); the replacement character keeps the value distinct ("a\x00b" still matches nothing) and safe.
NUL = "\x00"
REPLACEMENT = "\ufffd"


def _clean(querydict: QueryDict) -> QueryDict:
    if not any(NUL in key or any(NUL in v for v in values) for key, values in querydict.lists()):
        return querydict
    cleaned = QueryDict(mutable=True, encoding=querydict.encoding)
    for key, values in querydict.lists():
        cleaned.setlist(key.replace(NUL, REPLACEMENT), [v.replace(NUL, REPLACEMENT) for v in values])
    cleaned._mutable = False
    return cleaned


class ReplaceNulBytesMiddleware:
    """Replace NUL characters in the address, the query and form fields with U+FFFD before any view sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            request.path_info = request.path_info.replace(NUL, REPLACEMENT)
            request.path = request.path.replace(NUL, REPLACEMENT)
        request.GET = _clean(request.GET)
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                                  "multipart/form-data"):
            request.POST = _clean(request.POST)
        return self.get_response(request)
