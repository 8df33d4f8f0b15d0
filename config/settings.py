"""Django settings, read from the environment (see config/env.py and the README).

`make demo` writes a git-ignored .env.local with generated keys; it is read here
without overriding variables that are already set.
"""

import logging
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent

# ENV_FILE points elsewhere (or at a missing file, to read none); tests use it to start clean.
env.load_env_file(Path(env.get_str("ENV_FILE", default=str(BASE_DIR / ".env.local"))))

# Run-time files: the SQLite database, the filesystem broker, emails and beat's schedule.
VAR_DIR = Path(env.get_str("VAR_DIR", default=str(BASE_DIR / "var"))).resolve()

VERSION = "0.1.0"
DEBUG = env.get_bool("DEBUG", default=False)
SECRET_KEY = env.get_str("SECRET_KEY", required=True)
if not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY is shorter than 32 characters or is a django-insecure placeholder: "
        "generate a long random value (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Fernet keys for secrets stored in the database, newest first. They are kept
# apart from SECRET_KEY so that rotating one never makes the other unreadable.
FIELD_ENCRYPTION_KEYS = env.get_fernet_keys("FIELD_ENCRYPTION_KEYS")

ALLOWED_HOSTS = env.get_hosts("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is missing: set the comma-separated host names this site serves.")
CSRF_TRUSTED_ORIGINS = env.get_origins("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "accounts",
    "sites",
    "billing",
    "reporting",
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
    "accounts.middleware.CurrentTeamMiddleware",
    "sites.middleware.UpstreamUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accounts.context_processors.current_team",
            ],
        },
    },
]

DATABASES = {
    "default": env.get_database(
        "DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Celery workers and the web server write at the same time; wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Take the write lock when a transaction begins, so a second writer waits for the timeout
    # above instead of failing at once with "database is locked" when it upgrades its lock.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

# The fleet page caches upstream responses briefly, and an edit or a Refresh must reach every web
# and worker process. Without Redis the cache is therefore a folder under VAR_DIR that all processes
# share: a per-process LocMemCache would keep serving a stale copy from the other gunicorn workers.
_cache_redis_url = env.get_str("REDIS_URL")
if _cache_redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_redis_url}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "sites:fleet"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.get_str("TIME_ZONE", default="UTC")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SESSION_COOKIE_SECURE = env.get_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Email: EMAIL_BACKEND is one of smtp, console, file. `make demo` uses file, writing to var/mail/.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[env.get_choice("EMAIL_BACKEND", _EMAIL_BACKENDS, default="smtp")]
EMAIL_FILE_PATH = env.get_str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.get_str("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.get_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both true: set only one "
        "(TLS for STARTTLS, usually port 587; SSL for implicit TLS, usually port 465)."
    )
EMAIL_TIMEOUT = env.get_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env.get_email_address("DEFAULT_FROM_EMAIL", default="Rocket dashboard <reports@localhost>")
# Public address of the dashboard, used for links in emails (report unsubscribe links). When unset,
# a report schedule uses the address it was last saved from.
REPORT_SITE_URL = env.get_str("REPORT_SITE_URL", default="").rstrip("/")
if REPORT_SITE_URL and not REPORT_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"REPORT_SITE_URL={REPORT_SITE_URL!r} is not an http(s) URL: set it to the dashboard's public "
        "address, for example https://dash.example.com."
    )
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. REDIS_URL is accepted as the broker when CELERY_BROKER_URL is not set;
# with neither, kombu's filesystem transport under var/broker needs no server.
CELERY_BROKER_URL = env.get_broker_url(("CELERY_BROKER_URL", "REDIS_URL"), default="filesystem://localhost/")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    # kombu's filesystem transport fails on a missing folder, so every process that may
    # send or receive tasks creates them (web, worker, beat and management commands).
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-jobs": {"task": "sites.sweep_stuck_jobs", "schedule": 60.0},
    # Starts bulk items whose wait (locked site, transient error) ended, and fails stuck ones.
    "dispatch-bulk-items": {"task": "sites.bulk.dispatch_waiting_items", "schedule": 30.0},
    "send-due-reports": {"task": "reporting.send_due_reports", "schedule": 60.0},
    "record-worker-heartbeat": {
        "task": "accounts.record_worker_heartbeat",
        "schedule": float(env.get_int("WORKER_HEARTBEAT_SECONDS", 30, minimum=1)),
    },
}

# Rocket.net
ROCKETNET_DEFAULT_BASE_URL = "https://api.rocket.net"
ROCKETNET_CONNECT_TIMEOUT = env.get_int("ROCKETNET_CONNECT_TIMEOUT", 5, minimum=1)
ROCKETNET_READ_TIMEOUT = env.get_int("ROCKETNET_READ_TIMEOUT", 30, minimum=1)
# Jobs still queued or running after this many minutes are marked failed by the sweeper.
JOB_STUCK_AFTER_MINUTES = env.get_int("JOB_STUCK_AFTER_MINUTES", 30, minimum=1)
# Bulk jobs act on at most this many sites of one Rocket.net account at once, across all workers.
ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = env.get_int("ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT", 4, minimum=1, maximum=50)

# /healthz counts workers as up while a heartbeat row is younger than this. The heartbeat
# task runs every WORKER_HEARTBEAT_SECONDS (30 by default), so the default allows three missed beats.
HEALTH_WORKER_MAX_AGE_SECONDS = env.get_int("HEALTH_WORKER_MAX_AGE_SECONDS", 120, minimum=1)

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class _ForbiddenInOneLine(logging.Filter):
    """Drop the traceback from Django's records of a 403 response.

    A 403 is a role check doing its job. django.request logs it with the PermissionDenied traceback,
    which repeats the path and message already in the line.
    """

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


# Error pages and error emails hide sensitive settings, POST values and variables with DEBUG on too,
# so the demo's debug page never shows a typed password.
DEFAULT_EXCEPTION_REPORTER_FILTER = "accounts.debug.SecretHidingReporterFilter"


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"forbidden_in_one_line": {"()": _ForbiddenInOneLine}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["forbidden_in_one_line"]}},
    "root": {"handlers": ["console"], "level": env.get_choice("LOG_LEVEL", _LOG_LEVELS, default="INFO")},
    # With DEBUG on, Django's default config adds a console handler to the "django" logger.
    # Records then printed twice, so this logger only propagates to the root handler.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # fpdf2 subsets the report fonts with fontTools, which logs every glyph list at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
