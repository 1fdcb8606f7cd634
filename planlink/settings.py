"""Django settings for PlanLink.

Zero configuration gives an embedded SQLite database under ``PLANLINK_DATA_DIR``
(default ``./var/``). Production (``PLANLINK_ENV=production``) requires the
variables documented in ``docs/deployment.md`` and passes ``planlink check --deploy``.
"""

from __future__ import annotations

from pathlib import Path

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

DEBUG = env_bool("PLANLINK_DEBUG", default=not PRODUCTION)
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
    "planlink.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

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
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
else:
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
PLANLINK_PAGE_SIZE = env_int("PLANLINK_PAGE_SIZE", 50)

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("PLANLINK_SSL_REDIRECT", default=True)
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
