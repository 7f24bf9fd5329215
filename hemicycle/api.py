"""The open API, version 1: one NinjaAPI that gathers each pillar's router.

Errors are JSON with a ``message`` (and, for bad input, ``errors`` naming the fields); a list is paginated with
``limit`` and ``offset``; every GET answers with an ETag and honours If-None-Match (ConditionalGetMiddleware).
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hemicycle.cooperation.api import router as cooperation_router
from hemicycle.legislation.api import router as legislation_router
from hemicycle.people.api import router as people_router
from hemicycle.search.api import router as search_router

INVALID_INPUT = {
    "type": "object",
    "title": "InvalidInput",
    "required": ["message", "errors"],
    "properties": {
        "message": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "message"],
            "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
    },
}


BAD_REQUEST = {
    "type": "object",
    "title": "BadRequest",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}


class HemicycleAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also declares the 400 and 422 answers any operation with parameters can
    give (400: a malformed request; 422: invalid input)."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["InvalidInput"] = INVALID_INPUT
        components["BadRequest"] = BAD_REQUEST
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                if (operation.get("parameters") or operation.get("requestBody")) and 400 not in operation["responses"]:
                    operation["responses"].setdefault("400", {
                        "description": "Bad request: the message says what is wrong",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BadRequest"}}},
                    })
                # An operation may declare its own 422 (with the integer key ninja uses): keep that one.
                if (operation.get("parameters") or operation.get("requestBody")) and 422 not in operation["responses"]:
                    operation["responses"].setdefault("422", {
                        "description": "Invalid input: the message names the field and the reason",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvalidInput"}}},
                    })
        return schema


api = HemicycleAPI(
    title="Hemicycle API",
    version="1",
    description="The registry of people and bodies of a parliament, and (as the platform grows) its cooperation, "
    "legislation, participation and referendums. Open data: no key needed to read.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [
        {"field": ".".join(str(part) for part in error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    message = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid input."
    return api.create_response(request, {"message": message, "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": str(exc) or "Not found."}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(request, {"message": "Authentication required."}, status=401)


api.add_router("/", people_router)
api.add_router("/", cooperation_router)
api.add_router("/", legislation_router)
api.add_router("/", search_router)
