"""Strict parsing of settings from environment variables.

Every reader raises ImproperlyConfigured with the variable's name, the value it
found and what it expects, so that a bad deployment fails at start-up instead of
half-working.
"""

import os
from email.utils import parseaddr
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} is missing: set it in the environment or in .env.local.")
        return default
    return value


def get_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default

    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use one of 1, 0, true, false, yes, no.")


def get_int(name, default, *, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default

    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None

    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name}={value} is above the maximum of {maximum}.")
    return value


def get_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def get_choice(name, choices, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: use one of {allowed}.")
    return raw


def load_env_file(path):
    """Read KEY=VALUE lines from a local env file without overriding the real environment."""
    if not path.exists():
        return

    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ImproperlyConfigured(f"{path}:{number} is not a KEY=VALUE line: {line!r}")
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


# Database engines whose drivers this project installs (see pyproject.toml).
DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
BROKER_SCHEMES = ("redis", "rediss", "filesystem", "memory")


def redact_url(url):
    """Return `url` with any password replaced by ***, for error messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url

    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def get_database(name, default, *, conn_max_age):
    """Parse a database URL into a Django DATABASES entry, rejecting engines this project cannot drive."""
    raw = get_str(name, default=default)
    redacted = redact_url(raw)
    scheme = urlsplit(raw).scheme
    if scheme not in DATABASE_SCHEMES:
        allowed = ", ".join(f"{item}://" for item in DATABASE_SCHEMES)
        raise ImproperlyConfigured(f"{name}={redacted!r} has an unsupported scheme: use one of {allowed}.")

    try:
        config = dj_database_url.parse(raw, conn_max_age=conn_max_age)
        # Reading the port makes urllib reject a non-numeric one here instead of at the first query.
        urlsplit(raw).port
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={redacted!r} is not a valid database URL: "
            "use postgres://USER:PASSWORD@HOST:PORT/NAME, percent-encoding special characters."
        ) from None

    if scheme != "sqlite" and not config["NAME"]:
        raise ImproperlyConfigured(f"{name}={redacted!r} names no database: add /NAME after the host.")
    return config


def get_broker_url(names, default):
    """Return the first non-empty broker URL among `names`, checked for a transport this project installs."""
    for name in names:
        raw = get_str(name)
        if raw:
            break
    else:
        return default

    redacted = redact_url(raw)
    parts = urlsplit(raw)
    if parts.scheme not in BROKER_SCHEMES:
        allowed = ", ".join(f"{item}://" for item in BROKER_SCHEMES)
        raise ImproperlyConfigured(f"{name}={redacted!r} has an unsupported scheme: use one of {allowed}.")

    if parts.scheme.startswith("redis"):
        try:
            parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name}={redacted!r} has an invalid port: use redis://HOST:6379/0.") from None
        if not parts.hostname:
            raise ImproperlyConfigured(f"{name}={redacted!r} names no host: use redis://HOST:6379/0.")
        database = parts.path.lstrip("/")
        if database and not database.isdigit():
            raise ImproperlyConfigured(
                f"{name}={redacted!r} has database {database!r}, which is not a number: use redis://HOST:6379/0."
            )
    return raw


def get_fernet_keys(name):
    """Return the comma-separated Fernet keys in `name`, newest first; each must be a valid key.

    The message names the position of a bad key, never its value, because the value is a secret.
    """
    keys = get_list(name)
    if not keys:
        raise ImproperlyConfigured(
            f"{name} is missing: set a comma-separated list of Fernet keys "
            "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
        )

    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"{name} key {position} of {len(keys)} is not a valid Fernet key: each key must be "
                "32 bytes in url-safe base64 (44 characters ending in '='), as Fernet.generate_key() prints."
            ) from None
    return keys


def get_hosts(name, default):
    """Return host names for ALLOWED_HOSTS, rejecting URLs and paths, which Django would never match."""
    hosts = get_list(name, default=default)
    for host in hosts:
        if "://" in host or "/" in host:
            raise ImproperlyConfigured(
                f"{name} contains {host!r}, which is not a host name: drop the scheme and path (example.com)."
            )
    return hosts


def get_origins(name):
    """Return origins for CSRF_TRUSTED_ORIGINS; each needs a scheme, as Django requires."""
    origins = get_list(name)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured(
                f"{name} contains {origin!r}, which is not an origin: write it as https://example.com."
            )
    return origins


def get_email_address(name, default):
    """Return an email address such as `Name <user@example.com>`; reject values without an address."""
    raw = get_str(name, default=default)
    _display_name, address = parseaddr(raw)
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not an email address: use user@example.com or 'Name <user@example.com>'."
        )
    return raw
