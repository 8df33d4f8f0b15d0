import os

import pytest

# Every variable config/settings.py reads, plus the settings module; tests that start fresh
# interpreters drop these so that the outer environment (CI's DATABASE_URL, say) cannot leak in.
SETTING_NAMES = (
    "DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL", "DATABASE_CONN_MAX_AGE", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_BACKEND",
    "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "SECURE_COOKIES",
    "TIME_ZONE", "LOG_LEVEL", "VAR_DIR", "ENV_FILE", "WORKER_HEARTBEAT_SECONDS",
    "HEALTH_WORKER_MAX_AGE_SECONDS", "ROCKETNET_CONNECT_TIMEOUT", "ROCKETNET_READ_TIMEOUT",
    "JOB_STUCK_AFTER_MINUTES", "DJANGO_SETTINGS_MODULE", "PORT", "SANDBOX_PORT", "DEMO_EMAIL",
    "DEMO_PASSWORD", "SANDBOX_PASSWORD", "SANDBOX_TASK_SECONDS", "SANDBOX_URL",
)


@pytest.fixture(scope="session")
def clean_environ():
    """Return a copy of os.environ without any setting this project reads; copy it before changing it."""
    return {key: value for key, value in os.environ.items() if key not in SETTING_NAMES}
