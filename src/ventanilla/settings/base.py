"""Settings shared by every profile. Values that vary per deployment come from the environment."""

from pathlib import Path

import dj_database_url

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent  # src/ventanilla
BASE_DIR = SRC_DIR.parent.parent  # the checkout
VAR_DIR = Path(env_str("VENTANILLA_VAR_DIR", str(BASE_DIR / "var")))

# Dev and test profiles set their own throw-away key; production requires SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Ventanilla's own apps first, so their templates and translations win.
    "ventanilla.core",
    "ventanilla.audit",
    "ventanilla.accounts",
    "ventanilla.government",
    "ventanilla.catalog",
    "ventanilla.search",
    "ventanilla.content",
    "ventanilla.portal",
    # Wagtail: the CMS and the one staff back office.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "ventanilla.government.apps.WagtailUsersConfig",  # wagtail.users, its group form audited
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts and security.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    # API, front end, background work.
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_tasks_db",
    # Django.
    "ventanilla.government.admin_site.SuperuserAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Wagtail's database search backend uses PostgreSQL's GIN indexes there (system check postgres.E005).
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First, so every log line and audit entry of the request carries its id.
    "ventanilla.core.middleware.RequestContextMiddleware",
    "ventanilla.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ventanilla.core.middleware.ChannelMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ventanilla.core.middleware.BackOfficeCSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ventanilla.urls"
WSGI_APPLICATION = "ventanilla.wsgi.application"

TEMPLATES = [
    {
        # Public pages: Jinja2 (<app>/jinja2/<app>/...), one layout in src/ventanilla/jinja2/base.html.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [SRC_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "ventanilla.jinja2_env.environment",
            "extensions": [
                "jinja2.ext.i18n",
                "wagtail.jinja2tags.core",
                "wagtail.admin.jinja2tags.userbar",
                "wagtail.images.jinja2tags.images",
                "wagtail.contrib.settings.jinja2tags.settings",
            ],
            "autoescape": True,
        },
    },
    {
        # The Wagtail and Django admins keep Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------------------------------------
# Data: database, cache, sessions, files, e-mail, tasks
# ---------------------------------------------------------------------------------------------
# Embedded default: a SQLite file; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ventanilla.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
    # "database is locked" upgrades from read to write inside a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL switches cache, sessions and rate limits (which live in the cache) to Redis.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ventanilla"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3-compatible object storage for uploads when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ventanilla <no-responder@ventanilla.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Django's built-in task framework, stored in the database; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ---------------------------------------------------------------------------------------------
# Languages: Spanish (Mexico) first at /..., English at /en/...
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "America/Mexico_City")
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the login; verification is mandatory.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Our adapter records consent and audit entries and continues in the citizen's language; the
# sign-up forms add names, the optional CURP and the required privacy-notice checkbox.
ACCOUNT_ADAPTER = "ventanilla.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "ventanilla.accounts.forms.SignupForm"}
SOCIALACCOUNT_FORMS = {"signup": "ventanilla.accounts.forms.SocialSignupForm"}
# The identity provider's users also see the sign-up form once, to accept the privacy notice.
SOCIALACCOUNT_AUTO_SIGNUP = False
# Rate limits (kept in the cache, hence in Redis in production): per IP and per key.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per key above django-axes' AXES_FAILURE_LIMIT, so axes locks first, with its clear page.
    "login_failed": "10/m/ip,10/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("VENTANILLA_SITE_NAME", "Ventanilla")

# Optional OIDC login (a government identity provider), configured from the environment.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
if env_str("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": env_str("OIDC_PROVIDER_ID", "gobierno"),
            "name": env_str("OIDC_PROVIDER_NAME", "Llave MX"),
            "client_id": env_str("OIDC_CLIENT_ID"),
            "secret": env_str("OIDC_CLIENT_SECRET"),
            # PKCE (RFC 7636) also for this confidential client, as RFC 9700 advises; a provider
            # without it ignores the extra parameters. OIDC_PKCE=false turns it off.
            "settings": {
                "server_url": env_str("OIDC_SERVER_URL"),
                "oauth_pkce_enabled": env_bool("OIDC_PKCE", True),
            },
        }
    )
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_ONLY = False

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
# allauth passes the e-mail as the "email" credential, not the "login" form field.
AXES_USERNAME_CALLABLE = "ventanilla.accounts.axes.username_from_request"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

# ---------------------------------------------------------------------------------------------
# Back office
# ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("VENTANILLA_SITE_NAME", "Ventanilla")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request leaves the server
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_LOGIN_URL = "/admin/login/"

# ---------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ventanilla API",
    "DESCRIPTION": "Public and staff API of the Ventanilla one-stop shop.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/",
    "PREPROCESSING_HOOKS": ["ventanilla.core.api.only_our_api"],
}

# ---------------------------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------------------------
# A strict policy: nothing inline without the per-request nonce, nothing from other hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}


def _tile_origin(url: str) -> str:
    """The CSP source of a tile URL template: "https://{s}.tile.example/{z}/{x}/{y}.png" ->
    "https://*.tile.example" (a subdomain placeholder may only be the leftmost label)."""
    from urllib.parse import urlsplit

    from django.core.exceptions import ImproperlyConfigured

    parts = urlsplit(url)
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[4:]
    if parts.scheme not in ("https", "http") or not host or "{" in host or "}" in host:
        raise ImproperlyConfigured(
            "MAP_TILE_URL must be an http(s) URL template such as "
            f"https://{{s}}.tile.example/{{z}}/{{x}}/{{y}}.png, got {url!r}"
        )
    return f"{parts.scheme}://{host}"


# Office maps: by default an offline outline of Mexico (no request leaves the server); set
# MAP_TILE_URL (a Leaflet tile template) to draw a tile server's map instead, with its credit
# in MAP_TILE_ATTRIBUTION. The policy then lets images come from that server, and nothing else.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL:
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], _tile_origin(MAP_TILE_URL)]
# The Wagtail admin still ships inline styles and scripts; it is served to staff only.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "ventanilla.portal.views.csrf_failure"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------------------------
# /metrics answers only with this bearer token (or to loopback clients when it is empty).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# Routes /bench/hello, the baseline of `make bench`; only settings/bench.py turns it on.
VENTANILLA_BENCH = False
LOG_FORMAT = env_str("LOG_FORMAT", "text")  # "json" in production
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "ventanilla.core.logging.RequestContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(channel)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.server": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------------------------
# Deployment identity (defaults: Mexican institutional tones); the back office can override.
# ---------------------------------------------------------------------------------------------
VENTANILLA_BRAND = {
    "site_name": env_str("VENTANILLA_SITE_NAME", "Ventanilla"),
    "government_name": env_str("VENTANILLA_GOVERNMENT_NAME", "Gobierno de México"),
    "primary_color": env_str("VENTANILLA_PRIMARY_COLOR", "#611232"),  # guinda
    "secondary_color": env_str("VENTANILLA_SECONDARY_COLOR", "#a57f2c"),  # dorado
    "accent_color": env_str("VENTANILLA_ACCENT_COLOR", "#235b4e"),  # verde
    "font_family": env_str("VENTANILLA_FONT_FAMILY", "Montserrat"),
}
# Demo accounts (manage.py load_demo) are refused where this is False (production).
VENTANILLA_ALLOW_DEMO_DATA = True
