"""Settings for the Vienna Migration Conference site.

Everything that differs between machines is read from the environment (or a `.env`
file next to manage.py) through one `environ.Env`; see `.env.example`.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "testserver"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    TIME_ZONE=(str, "Europe/Vienna"),
    SECURE_SSL_REDIRECT=(bool, False),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
# No key lives in the repository. `make run` writes a random one into `.env`. Without one the
# site refuses to start (every worker would invent its own key and sign sessions the others
# reject), unless DEBUG is on: then a throw-away key is generated and put in the environment, so
# that processes started from this one share it. (The tests set one in settings_test.py.)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env next to manage.py to a long "
            "random string, e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(`make run` writes one into .env for you)."
        )
    SECRET_KEY = os.environ["SECRET_KEY"] = get_random_secret_key()


def anchored(path):
    """A path from the environment, relative ones taken from the project directory (not from
    wherever the command runs)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else BASE_DIR / path


ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "csp",
    "axes",
    "speakers",
    "conferences",
    "conferences.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vmc_project.security.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vmc_project.media.MediaMiddleware",
    "vmc_project.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vmc_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "vmc_project.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse a connection for this many seconds instead of opening one per request (0: per request).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        DATABASES["default"]["NAME"] = str(anchored(DATABASES["default"]["NAME"]))
    # Loading an edition must not take the site down: WAL lets pages read while a load writes,
    # write transactions take the lock when they begin (no deadlock on upgrade), and a writer
    # waits up to 20 s for another instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# The cache: local memory by default (per process); in production Redis, shared by every app
# server, e.g. CACHE_URL=redis://127.0.0.1:6379/1 (Django's RedisCache, the `redis` package).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://vmc")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
# Full pages for anonymous visitors (vmc_project/pagecache.py): kept this many seconds at most
# (0 turns the page cache off); invalidated at once whenever content changes.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 3600)
# Search pages are not kept: each query would be an entry of its own, and a crawler typing
# queries would push the pages worth keeping (agendas) out of a bounded cache. A search is one
# indexed query anyway.
PAGE_CACHE_SKIP_PATHS = ("/admin/", "/search/")
# Query parameters a public page reads (none yet); the cache key ignores all others.
# Query-string parameters that public pages read (search, agenda filters, speakers index filter).
PAGE_CACHE_QUERY_PARAMS = ("q", "day", "format", "side", "edition")
# With a per-process cache (local memory), the content version lives in this file, so every
# process on this machine (gunicorn workers, manage.py commands) sees changes at once.
CONTENT_VERSION_FILE = anchored(env("CONTENT_VERSION_FILE", default=".page-cache-version"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE")
USE_I18N = True
USE_TZ = True
# 24-hour times everywhere (lists, forms, the admin): see vmc_project/formats/.
FORMAT_MODULE_PATH = ["vmc_project.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = anchored(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = anchored(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded photos answer under MEDIA_URL through vmc_project.media (WhiteNoise), also with
# DEBUG off. In production the reverse proxy or object storage serves them: set it False.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Uploads above 2.5 MB stream to a temporary file instead of memory; an image field keeps at
# most 10 MB of what is sent (vmc_project.images.LimitedUploadHandler) and is then refused.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "vmc_project.images.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Where `make backup`, `make reset` and loads write their archives (conferences/content/backup.py).
BACKUP_DIR = anchored(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security: the defaults suit `make run` on http://127.0.0.1; in production behind HTTPS set the
# variables of the same name (README, "Deploying"); `check --deploy` then reports nothing.
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
# Behind a proxy that terminates TLS: the header it sets and its value for HTTPS, e.g.
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https (without it SECURE_SSL_REDIRECT loops).
_proxy_ssl_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER must be a header and a value, e.g. HTTP_X_FORWARDED_PROTO,https"
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) or None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): no inline script or style anywhere, admin included.
# CSP_IMG_SRC adds origins for images, e.g. the object storage that serves MEDIA_URL.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Admin login: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is refused (429) for AXES_COOLOFF_TIME hours; every failure is logged (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_COOLOFF_MESSAGE = (
    f"Too many failed login attempts for this username from your address. "
    f"Try again in {round(AXES_COOLOFF_TIME * 60)} minutes."
)

# Request sizes: form fields at most DATA_UPLOAD_MAX_MEMORY_SIZE; a whole request at most
# REQUEST_MAX_BYTES (413 before it is read), which leaves room for an edition file of
# LOAD_EDITION_MAX_BYTES in the admin. Image uploads have their own 10 MB cap (images.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

LOG_LEVEL = env("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A 404 is logged at INFO, not as a warning (vmc_project.security).
    "filters": {"not_found_below_warning": {"()": "vmc_project.security.NotFoundBelowWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "loggers": {"django.request": {"filters": ["not_found_below_warning"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# load_edition (and the admin's "Load an edition file") refuse files larger than this.
LOAD_EDITION_MAX_BYTES = env.int("LOAD_EDITION_MAX_BYTES", default=20 * 1024 * 1024)
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=LOAD_EDITION_MAX_BYTES + 1024 * 1024)
