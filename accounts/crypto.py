"""Symmetric encryption of secrets stored in the database.

The keys come from settings.FIELD_ENCRYPTION_KEYS, newest first: the first key encrypts and every
key decrypts, so a new key can be put in front while rows written with the old ones stay readable
until `manage.py rotate_encryption_keys` re-encrypts them.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS."""


def _build_fernet(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: set a comma-separated list of Fernet keys.")

    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # The key itself is a secret, so the message names only its position.
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS item {position} is not a valid Fernet key: it must be 32 url-safe "
                "base64-encoded bytes, as printed by Fernet.generate_key()."
            ) from None
    return MultiFernet(fernets)


@lru_cache(maxsize=4)
def _cached_fernet(keys):
    return _build_fernet(keys)


def get_fernet():
    """Return the MultiFernet for the current key list; raise ImproperlyConfigured for a bad list."""
    return _cached_fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def check_keys():
    """Validate FIELD_ENCRYPTION_KEYS at start-up, so a bad key fails before the first request."""
    get_fernet()


def encrypt(plaintext):
    """Encrypt a string with the first key; the empty string stays empty."""
    if not plaintext:
        return ""
    return get_fernet().encrypt(plaintext.encode()).decode()


def decrypt(ciphertext):
    """Decrypt a value written by encrypt(); raise DecryptionError when no key fits."""
    if not ciphertext:
        return ""

    try:
        return get_fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored secret cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS: "
            "put back the key it was written with (keys may be listed after the newest one)."
        ) from None


def rotate(ciphertext):
    """Re-encrypt a value with the first key; raise DecryptionError when no key fits."""
    if not ciphertext:
        return ""

    try:
        return get_fernet().rotate(ciphertext.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored secret cannot be decrypted with any key in FIELD_ENCRYPTION_KEYS, so it cannot be rotated."
        ) from None
