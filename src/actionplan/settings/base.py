"""Settings shared by every environment; local, production and test adjust them."""

from __future__ import annotations

import hashlib
from base64 import b64encode
from pathlib import Path

import dj_database_url

from actionplan.settings.environment import cache_from_url, env_bool, env_int, env_list, env_networks, env_str

# The checkout (where manage.py and node_modules live); overridable when the package is installed elsewhere.
BASE_DIR = Path(env_str("ACTIONPLAN_HOME", str(Path(__file__).resolve().parents[3])))
FRONTEND_DIR = Path(env_str("ACTIONPLAN_FRONTEND_DIR", str(BASE_DIR / "node_modules")))

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "csp",
    "govuk_frontend_django",
    "actionplan.accounts",
    "actionplan.storage",
    "actionplan.owners",
    "actionplan.pages",
    "actionplan.drafting",
    "actionplan.workflow",
    "actionplan.monitoring",
    "actionplan.cycle",
    "actionplan.analysis",
    "actionplan.api",
    "actionplan.submissions",
    "actionplan.similar",
    "actionplan.search",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "actionplan.pages.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the session and CSRF middleware, so that it sees the cookies they set.
    "actionplan.pages.private_responses.PrivateResponsesMiddleware",
    "actionplan.pages.assets.FrontendAssetsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "actionplan.accounts.sessions.SessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: it runs the view itself, in the transaction that records the form's one-time token.
    "actionplan.submissions.middleware.SubmitOnceMiddleware",
]

ROOT_URLCONF = "actionplan.urls"
WSGI_APPLICATION = "actionplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "actionplan.pages.context.service",
            ],
            # Every form writes {% submission_token %} beside {% csrf_token %}, with nothing to load.
            "builtins": ["actionplan.submissions.templatetags.submissions"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that begins by reading and then writes cannot wait for
    # another writer (SQLite refuses at once: "database is locked"), so every transaction takes the write
    # lock as it begins and waits its turn, up to the timeout in seconds. Write-ahead logging lets pages be
    # read while someone saves; with it, NORMAL syncing is still safe against corruption.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DATABASE_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Just-in-time compilation is for long analytical queries. PostgreSQL starts it on any query it guesses to be
    # costly, and a page's query guessed wrong (a latest-judgement subquery, say) then spends 10 to 25 ms compiling
    # what runs in 13: the service asks no query that gains from it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# App servers keep nothing of their own, so a load balancer may send any request to any of them: sessions live
# in the database, the cache is shared through CACHE_URL (db:// or redis://) and files through STORAGES below.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {"default": cache_from_url("CACHE_URL", "locmem://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "actionplan.accounts.authentication.MembershipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # each view asks the access table
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "actionplan API",
    "DESCRIPTION": "Inspection action plans as canonical JSON (actionplan/1).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# django-axes: lock an account and address out after repeated failed sign-ins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "pages/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Addresses (or networks, as 10.0.0.0/8) of the proxies in front of the service. A request from one of them
# counts as coming from the address it forwards (X-Forwarded-For), so that failed sign-ins are counted per
# person and not per proxy; the header of anyone else is ignored.
ACTIONPLAN_TRUSTED_PROXIES = env_networks("ACTIONPLAN_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "actionplan.accounts.addresses.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    ("govuk-frontend/dist", FRONTEND_DIR / "govuk-frontend" / "dist"),
    ("moj-frontend/moj", FRONTEND_DIR / "@ministryofjustice" / "frontend" / "moj"),
    # The plan table's stylesheet, shared with the standalone HTML and PDF writers.
    ("actionplan/plan", Path(__file__).resolve().parents[1] / "core" / "writing" / "assets"),
]
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Evidence and rendered versions in an S3-compatible store (the "s3" extra); credentials come the AWS way
# (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
if env_str("S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# GOV.UK Frontend and MOJ Frontend's compiled CSS ask for fonts and images at /assets/.
FRONTEND_ASSET_DIRS = [
    FRONTEND_DIR / "govuk-frontend" / "dist" / "govuk" / "assets",
    FRONTEND_DIR / "@ministryofjustice" / "frontend" / "moj" / "assets",
]

# GOV.UK Frontend's page template adds a class with one inline script; it is allowed by its hash alone.
GOVUK_INLINE_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype"
    " ? ' govuk-frontend-supported' : '');"
)
_GOVUK_SCRIPT_HASH = "'sha256-" + b64encode(hashlib.sha256(GOVUK_INLINE_SCRIPT.encode()).digest()).decode() + "'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", _GOVUK_SCRIPT_HASH],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
# A sign-in ends when the browser closes, after SESSION_IDLE_MINUTES without a request (using the service
# starts the count again; see actionplan.accounts.sessions), and in any case SESSION_MAX_HOURS after signing in.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
ACTIONPLAN_SESSION_MAX_AGE = env_int("SESSION_MAX_HOURS", 8) * 60 * 60
# Signed-in pages warn this long before the idle timeout, offering to stay signed in (pages/static/actionplan).
ACTIONPLAN_SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_MINUTES", 5) * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "actionplan.pages.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "actionplan@localhost")

# Days after a report is published by which its action plan should be submitted (no fixed rule exists).
ACTIONPLAN_SUBMISSION_DAYS = env_int("ACTIONPLAN_SUBMISSION_DAYS", 60)
# An organisation's own word lists and thresholds for the quality checker (a TOML file like the packaged one).
ACTIONPLAN_CHECK_CONFIG = env_str("ACTIONPLAN_CHECK_CONFIG", "")
# The largest plan file a coordinator may upload, in bytes; a larger one is refused before it is read.
ACTIONPLAN_UPLOAD_MAX_BYTES = env_int("ACTIONPLAN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# What reading one uploaded or imported plan may cost (actionplan.core.reading.limits.ReadingLimits): far
# above any real plan, so that a file built to tie a worker up is refused before its library reads it.
ACTIONPLAN_READ_EXPANDED_MB = env_int("ACTIONPLAN_READ_EXPANDED_MB", 50)
ACTIONPLAN_READ_COMPRESSION_RATIO = env_int("ACTIONPLAN_READ_COMPRESSION_RATIO", 100)
ACTIONPLAN_READ_ZIP_MEMBERS = env_int("ACTIONPLAN_READ_ZIP_MEMBERS", 1000)
ACTIONPLAN_READ_PDF_PAGES = env_int("ACTIONPLAN_READ_PDF_PAGES", 500)
ACTIONPLAN_READ_PDF_OBJECTS = env_int("ACTIONPLAN_READ_PDF_OBJECTS", 200_000)
ACTIONPLAN_READ_PDF_PAGE_CONTENT_MB = env_int("ACTIONPLAN_READ_PDF_PAGE_CONTENT_MB", 2)
ACTIONPLAN_READ_TEXT_MB = env_int("ACTIONPLAN_READ_TEXT_MB", 5)
ACTIONPLAN_READ_LINE_CHARACTERS = env_int("ACTIONPLAN_READ_LINE_CHARACTERS", 50_000)
ACTIONPLAN_READ_JSON_DEPTH = env_int("ACTIONPLAN_READ_JSON_DEPTH", 64)
ACTIONPLAN_READ_TRACKER_ROWS = env_int("ACTIONPLAN_READ_TRACKER_ROWS", 20_000)
ACTIONPLAN_READ_RECOMMENDATIONS = env_int("ACTIONPLAN_READ_RECOMMENDATIONS", 500)
ACTIONPLAN_READ_PLAN_TEXT_MB = env_int("ACTIONPLAN_READ_PLAN_TEXT_MB", 20)
# Uploads, pasted lists and imports are read in a child process stopped after this many seconds or
# when it needs more memory than this; the person is told, and nothing is stored.
ACTIONPLAN_READ_SECONDS = env_int("ACTIONPLAN_READ_SECONDS", 60)
# Off only to measure what keeping rendered pages, files, figures and components saves (make bench).
ACTIONPLAN_KEEP_RENDERED = env_bool("ACTIONPLAN_KEEP_RENDERED", True)
# Where the open data download (every published plan in one zip) is written: a local folder, each server its own
# or one they share; it is written again when a plan is published and whenever it is found out of date.
ACTIONPLAN_OPEN_DATA_DIR = Path(env_str("ACTIONPLAN_OPEN_DATA_DIR", str(BASE_DIR / "var" / "open-data")))
# New objects between two of Python's collections of the youngest generation in a web process (see pages.apps).
ACTIONPLAN_GC_THRESHOLD = env_int("ACTIONPLAN_GC_THRESHOLD", 50_000)
ACTIONPLAN_READ_MEMORY_MB = env_int("ACTIONPLAN_READ_MEMORY_MB", 600)
# Demo accounts and plans may be loaded only where this is on (never in production).
ACTIONPLAN_DEMO_ALLOWED = False
ACTIONPLAN_SERVICE_NAME = "Inspection action plans"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "actionplan.pages.request_log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO, fontTools its font subsetting and django-axes every
    # successful sign-in: noise in a log. Lockouts and failures still come through at WARNING.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # One JSON line a request (see actionplan.pages.request_log); REQUEST_LOG=false turns it off.
        "actionplan.requests": {
            "handlers": ["requests"],
            "level": "INFO" if env_bool("REQUEST_LOG", True) else "WARNING",
            "propagate": False,
        },
    },
}

# Monitoring delivery (see actionplan.monitoring.checks, which refuses start-up on bad values).
# Evidence files: the largest accepted, and the kinds accepted, judged by their content and not only their name.
ACTIONPLAN_EVIDENCE_MAX_BYTES = env_int("ACTIONPLAN_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
ACTIONPLAN_EVIDENCE_TYPES = env_list("ACTIONPLAN_EVIDENCE_TYPES", ["pdf", "docx", "xlsx", "png", "jpeg", "txt", "csv"])
# Owners are reminded this many days before a target, on the day, and weekly once it has passed.
ACTIONPLAN_REMINDER_DAYS_BEFORE = env_int("ACTIONPLAN_REMINDER_DAYS_BEFORE", 14)
# Coordinators of the establishment are told of an action this many days overdue (and weekly after that).
ACTIONPLAN_REMINDER_ESCALATE_AFTER_DAYS = env_int("ACTIONPLAN_REMINDER_ESCALATE_AFTER_DAYS", 14)
# How reminders go out: "email" (Django's email backend) or "notify" (GOV.UK Notify, key and templates below).
ACTIONPLAN_REMINDER_BACKEND = env_str("ACTIONPLAN_REMINDER_BACKEND", "email")
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_REMINDER_TEMPLATES = {
    kind: env_str(f"NOTIFY_TEMPLATE_{kind.upper()}", "") for kind in ("before", "due", "overdue", "escalation")
}
# The service's address, for links in reminders.
ACTIONPLAN_SITE_URL = env_str("ACTIONPLAN_SITE_URL", "http://127.0.0.1:8000")
