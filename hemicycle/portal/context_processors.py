from django.conf import settings


def site(request):
    """What every page's layout needs: the site address and whether this is the demo."""
    return {"SITE_URL": settings.SITE_URL, "PRODUCTION": settings.PRODUCTION}
