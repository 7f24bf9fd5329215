"""Hemicycle settings: one module, everything from the environment.

The defaults make a fresh clone work for a demo (SQLite, local memory cache, mail printed on the console).
Production (HEMICYCLE_ENV=production) refuses to start on a default secret and turns on the secure cookie
and HSTS settings; PostgreSQL and Redis come in through DATABASE_URL and REDIS_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEMICYCLE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("HEMICYCLE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"

DEFAULT_SECRET_KEY = "hemicycle-demo-secret-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32):
    # A parliament's sessions and confirmation links are signed with this key: a known one is a master key.
    raise ImproperlyConfigured(
        "HEMICYCLE_ENV=production needs SECRET_KEY set in the environment to a secret of 32 characters or more."
    )

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that the admin sees the translated fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "hemicycle.core",
    "hemicycle.accounts",
    "hemicycle.people",
    "hemicycle.calendars",
    "hemicycle.cooperation",
    "hemicycle.legislation",
    "hemicycle.follows",
    "hemicycle.search",
    "hemicycle.portal",
    "hemicycle.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hemicycle.core.middleware.ReplaceNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "hemicycle.urls"
WSGI_APPLICATION = "hemicycle.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hemicycle" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "hemicycle.portal.context_processors.site",
            ],
        },
    }
]

# SQLite by default so that one can check out the code and it works; PostgreSQL through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hemicycle.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server's readers go on while a writer (an import, say) holds the lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Which parliament this instance belongs to ("kz" or "be" in the demo world, or an organization's public id):
# its partnerships are seen from this side. Two federated instances differ here.
HEMICYCLE_OWN_PARLIAMENT = os.environ.get("HEMICYCLE_OWN_PARLIAMENT", "kz")

# Interface languages, in the order the language switcher shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
]
LANGUAGE_NAMES_IN_ENGLISH = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English"),
                             "fr": _("French"), "nl": _("Dutch"), "de": _("German")}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats where Django's are missing or read oddly (Kazakh: day, month, year).
FORMAT_MODULE_PATH = ["hemicycle.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

# Content in six languages: a missing translation falls back along the reader's likely second languages.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en", "fr", "nl", "de")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en",),
    "kk": ("ru", "en"),
    "ru": ("kk", "en"),
    "fr": ("en", "nl"),
    "nl": ("en", "fr"),
    "de": ("en", "fr", "nl"),
    "en": ("ru", "fr", "nl", "kk", "de"),
}
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "hemicycle" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if PRODUCTION else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Mail: real SMTP when EMAIL_HOST is set (tests run an SMTP server); otherwise printed on the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hemicycle <no-reply@hemicycle.localhost>")

# Security. A strict CSP: our own scripts and styles only, no inline code.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Portraits and logos in imported registries live on the parliaments' own sites.
        "img-src": ["'self'", "data:", "https:", "http:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Rate limits on public writes (django-ratelimit reads the cache above).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "hemicycle.portal.views.rate_limited"
RATELIMIT_SIGNUP = os.environ.get("RATELIMIT_SIGNUP", "5/h")
RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10/m")
# Follow, unfollow and frequency changes, per account.
RATELIMIT_FOLLOW = os.environ.get("RATELIMIT_FOLLOW", "60/h")
if not REDIS_URL:
    # Local memory is per process: good enough for a one-process demo, not for a national audience.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Serving behind a proxy: trust X-Forwarded-For for rate limits only where told to.
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", default=False)

# Federation (issue 3): this instance's name for itself, its Ed25519 key — base64 of the 32-byte seed, from the
# environment only, never from a file in the repository (`hemicycle federation-keygen`). Which parliament it is:
# HEMICYCLE_OWN_PARLIAMENT above. Without a key the federation endpoints answer 503.
HEMICYCLE_INSTANCE_ID = os.environ.get("HEMICYCLE_INSTANCE_ID", "hemicycle.localhost")
FEDERATION_INSTANCE_HOST = os.environ.get("FEDERATION_INSTANCE_HOST", HEMICYCLE_INSTANCE_ID)  # in activity UIDs
HEMICYCLE_FEDERATION_KEY = os.environ.get("HEMICYCLE_FEDERATION_KEY", "")
FEDERATION_CLOCK_SKEW = int(os.environ.get("FEDERATION_CLOCK_SKEW", "300"))  # seconds either way
FEDERATION_PUSH_TIMEOUT = float(os.environ.get("FEDERATION_PUSH_TIMEOUT", "3"))
FEDERATION_PULL_TIMEOUT = float(os.environ.get("FEDERATION_PULL_TIMEOUT", "30"))
FEDERATION_PUSH_ON_COMMIT = env_bool("FEDERATION_PUSH_ON_COMMIT", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
