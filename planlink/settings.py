"""Django settings for PlanLink.

Zero configuration gives an embedded SQLite database under ``PLANLINK_DATA_DIR``
(default ``./var/``). Production (``PLANLINK_ENV=production``) requires the
variables documented in ``docs/deployment.md`` and passes ``planlink check --deploy``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from planlink.envtools import (
    ConfigurationError,
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
ENVIRONMENT = env_choice("PLANLINK_ENV", ("development", "production", "test"), "development")
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("PLANLINK_DATA_DIR", "var")).resolve()
if not PRODUCTION:
    # The embedded default keeps everything (database, collected static, exports) here.
    (DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

# Off unless asked for (PLANLINK_DEBUG=true): a debug page lists every URL and setting.
DEBUG = env_bool("PLANLINK_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("PLANLINK_DEBUG cannot be true when PLANLINK_ENV=production")

if PRODUCTION:
    SECRET_KEY = env_str("PLANLINK_SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ConfigurationError("PLANLINK_SECRET_KEY must be at least 50 characters in production")
    ALLOWED_HOSTS = env_list("PLANLINK_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ConfigurationError("PLANLINK_ALLOWED_HOSTS must list the host names in production")
else:
    SECRET_KEY = env_str(
        "PLANLINK_SECRET_KEY", "development-only-key-not-for-production-use-planlink-0123456789"
    )
    ALLOWED_HOSTS = env_list("PLANLINK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("PLANLINK_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "planlink.core",
    "planlink.areas",
    "planlink.accounts",
    "planlink.audit",
    "planlink.cycles",
    "planlink.plans",
    "planlink.referrals",
    "planlink.committees",
    # Before the engine: its ``consolidate`` command adds --auto-accept (simulation only).
    "planlink.simulation",
    "planlink.consolidation",
    "planlink.jobs",
    "planlink.documents",
    "planlink.evidence",
    "planlink.supply",
    "planlink.web",
    "planlink.rollups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost of ours: refuses over-large bodies (413) and control characters (400), and
    # turns any non-JSON error under /api/ into the API's JSON error body.
    "planlink.core.requestlimits.RequestLimitsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sessions live in the database as Django keeps them, read with one plain statement per
# request, with the signed-in user in the same statement (planlink/accounts/sessions.py,
# planlink/core/sessions.py; issue 16's load target).
SESSION_ENGINE = "planlink.accounts.sessions"

# Sign-in lockout (django-axes): after PLANLINK_LOGIN_FAILURE_LIMIT wrong passwords for one
# account from one address, that account+address pair is refused for
# PLANLINK_LOGIN_LOCKOUT_MINUTES, even with the right password. `planlink unlock USER` lifts it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with one compiled statement
    # (planlink/accounts/backends.py). Sessions made under another backend sign in again.
    "planlink.accounts.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("PLANLINK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PLANLINK_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# The client address is REMOTE_ADDR only: waitress rewrites it from X-Forwarded-For when (and
# only when) the request came through a trusted proxy (PLANLINK_TRUSTED_PROXIES); a header
# sent by the client itself is never believed.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False

ROOT_URLCONF = "planlink.urls"
WSGI_APPLICATION = "planlink.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
else:
    # A fresh data directory works in production too (`planlink migrate` creates the file).
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "planlink.sqlite3"),
            "OPTIONS": {
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

# Production keeps each server thread's SQLite connection between requests: opening one (its
# functions and pragmas) costs ~4 ms of CPU, twice a public page served from the server's
# copy; a connection found broken is replaced. (A PostgreSQL URL sets its own, 60 s.)
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env_int("PLANLINK_DB_CONN_MAX_AGE", 600 if PRODUCTION else 0)
)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# PostgreSQL: the few statements every request runs (the session, the signed-in user and
# their grants, the roll-ups' version) are prepared once per connection
# (planlink/core/compiled.py). Off for a pooler that cannot keep prepared statements
# (PgBouncer before 1.21 in transaction mode).
PLANLINK_DB_PREPARED = env_bool("PLANLINK_DB_PREPARED", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Background jobs: run inline (synchronously) when true — tests and the demo.
PLANLINK_JOBS_INLINE = env_bool("PLANLINK_JOBS_INLINE", default=False)
# Visibility timeout: a running job whose worker sent no heartbeat for this long (killed,
# machine lost) goes back to the queue, or is marked failed after its last attempt.


def _env_seconds(name: str, default: float) -> float:
    raw = env_str(name, str(default)).strip()
    try:
        seconds = float(raw)
    except ValueError as error:
        raise ConfigurationError(f"{name}={raw!r} is not a number of seconds") from error
    if seconds <= 0:
        raise ConfigurationError(f"{name} must be more than 0 seconds")
    return seconds


PLANLINK_JOBS_STALE_AFTER_SECONDS = _env_seconds("PLANLINK_JOBS_STALE_AFTER_SECONDS", 300)
PLANLINK_JOBS_HEARTBEAT_SECONDS = _env_seconds("PLANLINK_JOBS_HEARTBEAT_SECONDS", 10)
if PLANLINK_JOBS_HEARTBEAT_SECONDS * 3 > PLANLINK_JOBS_STALE_AFTER_SECONDS:
    raise ConfigurationError(
        "PLANLINK_JOBS_STALE_AFTER_SECONDS must be at least three heartbeats "
        "(PLANLINK_JOBS_HEARTBEAT_SECONDS × 3)"
    )

# Request bodies: JSON and form posts up to PLANLINK_MAX_BODY_BYTES, file uploads (multipart)
# up to PLANLINK_MAX_UPLOAD_BYTES; a larger request answers 413 before it is read.
PLANLINK_MAX_BODY_BYTES = env_int("PLANLINK_MAX_BODY_BYTES", 1024 * 1024)
PLANLINK_MAX_UPLOAD_BYTES = env_int("PLANLINK_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = PLANLINK_MAX_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Bounded work: longer project lists and bigger plans' PDFs are made by a background job
# (the API answers 202 with the job to poll; the web page shows its progress).
PLANLINK_EXPORT_SYNC_ROWS = env_int("PLANLINK_EXPORT_SYNC_ROWS", 2000)
PLANLINK_PDF_SYNC_PROJECTS = env_int("PLANLINK_PDF_SYNC_PROJECTS", 150)

# API throttles (django-ninja), per caller: anonymous per address, signed in per user; the
# expensive documents endpoints and failed tokens have their own, stricter budgets.
NINJA_NUM_PROXIES = 0  # the address is REMOTE_ADDR (see AXES_IPWARE_META_PRECEDENCE_ORDER)
PLANLINK_API_RATE_ANON = env_str("PLANLINK_API_RATE_ANON", "300/min")
PLANLINK_API_RATE_USER = env_str("PLANLINK_API_RATE_USER", "1200/min")
PLANLINK_API_RATE_DOCUMENTS = env_str("PLANLINK_API_RATE_DOCUMENTS", "30/min")
PLANLINK_API_RATE_BAD_TOKENS = env_str("PLANLINK_API_RATE_BAD_TOKENS", "10/min")

# Production servers (`planlink serve`): waitress believes X-Forwarded-For/-Proto only from
# these addresses (a TLS proxy on the same machine is 127.0.0.1).
PLANLINK_TRUSTED_PROXIES = env_list("PLANLINK_TRUSTED_PROXIES")
PLANLINK_SERVER_PROCESSES = env_int(
    "PLANLINK_SERVER_PROCESSES", (os.cpu_count() or 1) if PRODUCTION else 1
)
PLANLINK_SERVER_THREADS = env_int("PLANLINK_SERVER_THREADS", 8)

# One cache all server processes share (throttles, lockout counters, dashboards): files under
# the data directory in production; memory in development and tests.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
        if PRODUCTION
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered public tracker pages and JSON (planlink.web.caching), keyed by the roll-ups'
    # version: each server process keeps its own copies in memory (a hit is a dictionary
    # look-up, not a file or a query; a process that never rendered a page renders it once).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "planlink-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},  # at most ~50 MB of pages per process
    },
}
# How long a process keeps a rendered public page (seconds; 0 renders every request). On in
# production; off by default elsewhere, so tests see each page rendered unless they ask.
PLANLINK_PAGE_CACHE_SECONDS = env_int("PLANLINK_PAGE_CACHE_SECONDS", 600 if PRODUCTION else 0)
# How long a process keeps the public pages' cycle and roll-up version (seconds; 0 asks the
# database on every request). A refresh shows on other processes' pages within that time.
PLANLINK_VERSION_SECONDS = env_int("PLANLINK_VERSION_SECONDS", 1 if PRODUCTION else 0)

# Content-Security-Policy (django-csp): scripts only from this site (no inline script, no
# eval); the few page-specific values go in data- attributes or JSON <script> blocks.
# Styles allow inline style attributes (progress bars set their width that way).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PLANLINK_PAGE_SIZE = env_int("PLANLINK_PAGE_SIZE", 50)

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("PLANLINK_SSL_REDIRECT", default=True)
    if PLANLINK_TRUSTED_PROXIES:
        # `planlink serve` strips X-Forwarded-Proto from every peer but these proxies, so a
        # client cannot claim HTTPS by itself.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("PLANLINK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PLANLINK_LOG_LEVEL", "WARNING")},
}

WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}
