"""Start-up errors for bad settings: each case imports config.settings in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]

GOOD_KEY = Fernet.generate_key().decode()
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-0123456789",
    "FIELD_ENCRYPTION_KEYS": GOOD_KEY,
    "ALLOWED_HOSTS": "dash.example.com",
}

LOAD_SETTINGS = (
    "from django.conf import settings; "
    "print('BROKER=' + settings.CELERY_BROKER_URL); "
    "print('ENGINE=' + settings.DATABASES['default']['ENGINE']); "
    "print('HOSTS=' + ','.join(settings.ALLOWED_HOSTS)); "
    "print('KEYS=%d' % len(settings.FIELD_ENCRYPTION_KEYS))"
)


@pytest.fixture
def load_settings(tmp_path, clean_environ):
    """Return a function that imports config.settings in a subprocess with PRODUCTION plus overrides.

    An override of None removes that variable.
    """

    def load(**overrides):
        return run_settings_import(tmp_path, clean_environ, overrides)

    return load


def run_settings_import(tmp_path, clean_environ, overrides):
    env = dict(clean_environ)
    env.update(PRODUCTION)
    env.update(ENV_FILE=str(tmp_path / "no-env-file"), VAR_DIR=str(tmp_path / "var"))
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value

    code = "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; " + LOAD_SETTINGS
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )


def error_line(result):
    lines = result.stderr.strip().splitlines()
    return lines[-1] if lines else ""


def test_production_settings_load(load_settings, tmp_path):
    result = load_settings()

    assert result.returncode == 0, result.stderr
    assert "BROKER=filesystem://" in result.stdout
    assert "ENGINE=django.db.backends.sqlite3" in result.stdout
    assert "HOSTS=dash.example.com" in result.stdout
    assert (tmp_path / "var" / "broker" / "queue").is_dir()
    assert (tmp_path / "var" / "broker" / "processed").is_dir()


def test_redis_url_becomes_broker(load_settings):
    result = load_settings(REDIS_URL="redis://127.0.0.1:6379/3")

    assert result.returncode == 0, result.stderr
    assert "BROKER=redis://127.0.0.1:6379/3" in result.stdout


def test_celery_broker_url_wins_over_redis_url(load_settings):
    result = load_settings(REDIS_URL="redis://127.0.0.1:6379/3", CELERY_BROKER_URL="memory://")

    assert result.returncode == 0, result.stderr
    assert "BROKER=memory://" in result.stdout


def test_postgres_database_url_parses(load_settings):
    result = load_settings(DATABASE_URL="postgres://app:pw@db.internal:5432/rocketdash")

    assert result.returncode == 0, result.stderr
    assert "ENGINE=django.db.backends.postgresql" in result.stdout


def test_several_fernet_keys_accepted(load_settings):
    keys = ",".join([GOOD_KEY, Fernet.generate_key().decode()])

    result = load_settings(FIELD_ENCRYPTION_KEYS=keys)

    assert result.returncode == 0, result.stderr
    assert "KEYS=2" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is missing"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is shorter than 32 characters"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 40}, "django-insecure placeholder"),
        ({"FIELD_ENCRYPTION_KEYS": None}, "FIELD_ENCRYPTION_KEYS is missing"),
        ({"FIELD_ENCRYPTION_KEYS": "not-a-key"}, "FIELD_ENCRYPTION_KEYS key 1 of 1 is not a valid Fernet key"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is missing"),
        ({"ALLOWED_HOSTS": "https://dash.example.com"}, "'https://dash.example.com', which is not a host name"),
        ({"CSRF_TRUSTED_ORIGINS": "dash.example.com"}, "'dash.example.com', which is not an origin"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"REPORT_SITE_URL": "dash.example.com"}, "REPORT_SITE_URL='dash.example.com' is not an http(s) URL"),
        ({"DATABASE_URL": "mysql://root@127.0.0.1/app"}, "DATABASE_URL='mysql://root@127.0.0.1/app' has an unsupported scheme"),
        ({"DATABASE_URL": "postgres://app@db.internal:port/app"}, "is not a valid database URL"),
        ({"DATABASE_URL": "postgres://app@db.internal:5432"}, "names no database"),
        ({"DATABASE_CONN_MAX_AGE": "-1"}, "DATABASE_CONN_MAX_AGE=-1 is below the minimum of 0"),
        ({"CELERY_BROKER_URL": "amqp://guest@127.0.0.1//"}, "CELERY_BROKER_URL='amqp://guest@127.0.0.1//' has an unsupported scheme"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/cache"}, "has database 'cache', which is not a number"),
        ({"REDIS_URL": "redis://127.0.0.1:sixty/0"}, "REDIS_URL='redis://127.0.0.1:sixty/0' has an invalid port"),
        ({"EMAIL_BACKEND": "sendmail"}, "EMAIL_BACKEND='sendmail' is not valid: use one of console, file, smtp"),
        ({"EMAIL_PORT": "70000"}, "EMAIL_PORT=70000 is above the maximum of 65535"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT='smtp' is not a whole number"),
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "EMAIL_USE_TLS and EMAIL_USE_SSL are both true"),
        ({"DEFAULT_FROM_EMAIL": "reports"}, "DEFAULT_FROM_EMAIL='reports' is not an email address"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD' is not valid"),
    ],
)
def test_bad_setting_fails_with_clear_message(load_settings, overrides, expected):
    result = load_settings(**overrides)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in error_line(result)
    assert expected in error_line(result)


def test_bad_fernet_key_position_named_without_value(load_settings):
    secret_looking = "c2VjcmV0LWJ1dC10b28tc2hvcnQ="
    keys = ",".join([GOOD_KEY, GOOD_KEY, secret_looking])

    result = load_settings(FIELD_ENCRYPTION_KEYS=keys)

    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS key 3 of 3 is not a valid Fernet key" in error_line(result)
    assert secret_looking not in result.stderr
    assert GOOD_KEY not in result.stderr


def test_database_password_redacted_in_error(load_settings):
    result = load_settings(DATABASE_URL="mysql://root:hunter2secret@127.0.0.1/app")

    assert result.returncode != 0
    assert "mysql://root:***@127.0.0.1/app" in error_line(result)
    assert "hunter2secret" not in result.stderr


def test_broker_password_redacted_in_error(load_settings):
    result = load_settings(REDIS_URL="redis://:hunter2secret@127.0.0.1:6379/db")

    assert result.returncode != 0
    assert "redis://:***@127.0.0.1:6379/db" in error_line(result)
    assert "hunter2secret" not in result.stderr


def test_debug_allows_local_hosts_by_default(load_settings):
    result = load_settings(DEBUG="true", ALLOWED_HOSTS=None)

    assert result.returncode == 0, result.stderr
    assert "HOSTS=127.0.0.1,localhost" in result.stdout


def test_env_file_fills_missing_values_only(load_settings, tmp_path):
    env_file = tmp_path / "env.local"
    env_file.write_text("# comment\nALLOWED_HOSTS=from-file.example.com\nSECRET_KEY='short'\n")

    result = load_settings(ENV_FILE=str(env_file), ALLOWED_HOSTS=None)

    assert result.returncode == 0, result.stderr
    assert "HOSTS=from-file.example.com" in result.stdout


def test_env_file_bad_line_named(load_settings, tmp_path):
    env_file = tmp_path / "env.local"
    env_file.write_text("DEBUG=false\nthis line has no equals sign\n")

    result = load_settings(ENV_FILE=str(env_file))

    assert result.returncode != 0
    assert f"{env_file}:2 is not a KEY=VALUE line" in error_line(result)
