"""Django settings for ecogov, configured from the environment.

Every setting read from the environment is documented in docs/settings.md
(a test checks that). Defaults work out of the box for the embedded mode:
SQLite under ``var/``, background work in-process, no broker.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ECOGOV_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


# The production profile (docs/settings.md): HTTPS only (HSTS, secure cookies, redirect), the
# secret key from the environment. `ecogov check --deploy` reports nothing under it.
PRODUCTION = env_bool("ECOGOV_PRODUCTION", False)


def _secret_key() -> str:
    """Use ECOGOV_SECRET_KEY, else (not in production) a random key kept in var/ (never in the repo)."""
    key = os.environ.get("ECOGOV_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("ECOGOV_PRODUCTION is set: give the secret key in ECOGOV_SECRET_KEY "
                                   "(50 random characters or more, e.g. python -c 'import secrets; "
                                   "print(secrets.token_urlsafe(50))')")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("ECOGOV_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ECOGOV_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("ECOGOV_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# The domain apps, in dependency order. The demo loader and the API follow it.
DOMAIN_APPS = [
    "core",
    "registry",
    "monitoring",
    "supervision",
    "enforcement",
    "complaints",
    "outreach",
    "rectification",
    "inventory",
    "portal",
    "dashboard",
    "reports",
    "assessment",
    "emergency",
    "thirdparty",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "ecogov.core.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, fewer npm files
    "django.contrib.humanize",
    "django_filters",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    *[f"ecogov.{app}" for app in DOMAIN_APPS],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ecogov.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecogov.core.dbrouter.PublicReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ecogov.core.middleware.SessionIdleMiddleware",
    "ecogov.core.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ecogov.core.middleware.DomainErrorMiddleware",
    "ecogov.core.middleware.EnterpriseScopeMiddleware",
]

ROOT_URLCONF = "ecogov.urls"
WSGI_APPLICATION = "ecogov.wsgi.application"
ASGI_APPLICATION = "ecogov.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ecogov" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecogov.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'ecogov.sqlite3'}",
        conn_max_age=int(os.environ.get("ECOGOV_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an ingest writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    # IMMEDIATE: a transaction takes the write lock when it begins and waits for it (busy timeout)
    # instead of failing with "database is locked" when two workers' reads turn into writes.
    DATABASES["default"]["OPTIONS"].update({"timeout": 30, "init_command": "PRAGMA journal_mode=WAL;",
                                            "transaction_mode": "IMMEDIATE"})
# A read replica of the primary for the public's reads (ecogov/core/dbrouter.py); staff stay on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0),
        conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["ecogov.core.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# The supervised-object model an enterprise account belongs to (core names no domain app itself).
ENTERPRISE_MODEL = "registry.SupervisedObject"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "ecogov.core.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]
# Sign-out after this many seconds without a request (0: only when the session cookie expires).
SESSION_IDLE_SECONDS = int(os.environ.get("ECOGOV_SESSION_IDLE_SECONDS", "1800"))
# The TOTP second factor (ecogov/core/otp.py): who may enrol, who must.
OTP_ROLES = [r for r in os.environ.get("ECOGOV_OTP_ROLES", "leader,admin").split(",") if r]
OTP_REQUIRED_ROLES = [r for r in os.environ.get("ECOGOV_OTP_REQUIRED_ROLES", "").split(",") if r]
OTP_TOTP_ISSUER = os.environ.get("ECOGOV_OTP_ISSUER", "ecogov")
OTP_TOTP_THROTTLE_FACTOR = 0  # wrong codes count in core/throttle.py like wrong passwords
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list = []  # translations live in each app's locale/ folder
TIME_ZONE = os.environ.get("ECOGOV_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "ecogov" / "static",
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [d for d in STATICFILES_DIRS if (d[1] if isinstance(d, tuple) else d).exists()]
# Hashed names and long cache headers through whitenoise (ecogov/core/staticfiles.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "ecogov.core.staticfiles.Storage"},
}
WHITENOISE_USE_FINDERS = True  # a file not collected yet is still served
WHITENOISE_MAX_AGE = 3600  # unhashed names; hashed ones get a year
MEDIA_ROOT = Path(os.environ.get("ECOGOV_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Django's cache: Redis when REDIS_URL is set (shared by every worker), local memory otherwise.
# Public hot reads (core/cache.py) and login throttling (core/throttle.py) use it.
_REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL, "KEY_PREFIX": "ecogov"}
        if _REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ecogov"}
    )
}
# Login and token throttling counters: shared by every worker (Redis, else a database table).
CACHES["throttle"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL, "KEY_PREFIX": "ecogov-throttle"}
    if _REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "core_throttle_cache"}
)
LOGIN_FAILURE_LIMIT = int(os.environ.get("ECOGOV_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("ECOGOV_LOGIN_IP_FAILURE_LIMIT", "20"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("ECOGOV_LOGIN_FAILURE_WINDOW", "900"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("ECOGOV_LOGIN_LOCKOUT_SECONDS", "900"))
TRUST_X_FORWARDED_FOR = env_bool("ECOGOV_TRUST_X_FORWARDED_FOR", False)
AUTHENTICATION_BACKENDS = ["ecogov.core.throttle.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]

# HTTPS (on by default in the production profile). Behind a proxy that terminates TLS, set
# ECOGOV_PROXY_SSL_HEADER=1 so that its X-Forwarded-Proto: https marks the request secure.
SECURE_SSL_REDIRECT = env_bool("ECOGOV_SSL_REDIRECT", PRODUCTION)
if env_bool("ECOGOV_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("ECOGOV_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ECOGOV_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("ECOGOV_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("ECOGOV_SECURE_COOKIES", PRODUCTION)
# Content-Security-Policy (django-csp): everything from the platform's own origin, no inline script.
# Style attributes stay allowed (colours computed per value); <style> elements do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        # data: for tiny inline images (the empty favicon, Leaflet's); a tile server's origin if one is set
        "img-src": ["'self'", "data:", *[o for o in os.environ.get("ECOGOV_CSP_IMG_SRC", "").split(",") if o]],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Seconds a public page or API answer is kept at most (it is also dropped as soon as new data arrives).
PUBLIC_CACHE_SECONDS = int(os.environ.get("ECOGOV_PUBLIC_CACHE_SECONDS", "300"))

# Background work: Celery with Redis when a broker is configured, in-process otherwise.
CELERY_BROKER_URL = os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL") or ""
CELERY_RESULT_BACKEND = CELERY_BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

# Monitoring: the MQTT broker for micro stations (empty disables the subscriber).
MQTT_URL = os.environ.get("ECOGOV_MQTT_URL", "")

# Fernet key for personal data encrypted at rest; derived from SECRET_KEY if unset.
FIELD_ENCRYPTION_KEY = os.environ.get("ECOGOV_FIELD_ENCRYPTION_KEY", "")

# Outgoing notifications: "log" (default) writes to the notification log; "email" also sends e-mail.
NOTIFIERS = [n for n in os.environ.get("ECOGOV_NOTIFIERS", "log").split(",") if n]
EMAIL_BACKEND = os.environ.get("ECOGOV_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ECOGOV_FROM_EMAIL", "ecogov@localhost")

# API: the largest page a client may ask for, and the default page size.
API_MAX_PAGE_SIZE = int(os.environ.get("ECOGOV_API_MAX_PAGE_SIZE", "500"))
NINJA_PAGINATION_PER_PAGE = int(os.environ.get("ECOGOV_API_PAGE_SIZE", "50"))
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = API_MAX_PAGE_SIZE

# Demo city generator seed.
DEMO_SEED = int(os.environ.get("ECOGOV_DEMO_SEED", "20261123"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ECOGOV_LOG_LEVEL", "WARNING")},
}
