"""The portal: home page, health check, error pages."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hemicycle.people import selectors


@require_safe
def home(request):
    return render(request, "portal/home.html", selectors.home_overview())


@never_cache
@require_safe
def healthz(request):
    """200 once the app can reach its database; 503 otherwise. For load balancers and `make demo`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 — any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": str(exc)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Not found."}, status=404)
    return render(request, "portal/error.html", {"status": 404, "title": _("Page not found")}, status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Internal error; it has been logged."}, status=500)
    return render(request, "portal/error.html", {"status": 500, "title": _("Something went wrong")}, status=500)


def rate_limited(request, exception=None):
    """Answer for a request over a rate limit (sign-up, login and other public writes)."""
    response = render(request, "portal/error.html",
                      {"status": 429, "title": _("Too many attempts"),
                       "message": _("You have tried this too often. Please wait a while and try again.")},
                      status=429)
    response["Retry-After"] = "60"
    return response

