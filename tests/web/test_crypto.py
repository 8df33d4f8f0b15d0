"""Encryption of connection secrets and key rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accounts import crypto
from accounts.models import Connection
from tests.conftest import make_connection

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def test_round_trip_returns_plaintext():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        ciphertext = crypto.encrypt("s3cret pässword")

        assert ciphertext != "s3cret pässword"
        assert "s3cret" not in ciphertext
        assert crypto.decrypt(ciphertext) == "s3cret pässword"


def test_first_key_encrypts_and_old_key_still_decrypts():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        written_with_old = crypto.encrypt("old secret")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert crypto.decrypt(written_with_old) == "old secret"
        written_with_new = crypto.encrypt("new secret")

    # Only the new key can read what was written after the rotation.
    assert Fernet(NEW_KEY.encode()).decrypt(written_with_new.encode()) == b"new secret"
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(written_with_new)


def test_invalid_key_names_its_position_not_its_value():
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, "not-a-fernet-key"]):
        with pytest.raises(ImproperlyConfigured) as raised:
            crypto.check_keys()

    assert "item 2" in str(raised.value)
    assert "not-a-fernet-key" not in str(raised.value)


def test_empty_key_list_is_a_configuration_error():
    with override_settings(FIELD_ENCRYPTION_KEYS=[]):
        with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS is empty"):
            crypto.check_keys()


def test_unknown_key_gives_clear_decryption_error():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        ciphertext = crypto.encrypt("secret")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(crypto.DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
            crypto.decrypt(ciphertext)


def test_connection_stores_password_encrypted(team):
    connection = make_connection(team, "Encrypted", "http://127.0.0.1:9", password="hunter2-long-password")

    row = Connection.objects.values("password_encrypted").get(pk=connection.pk)
    assert "hunter2" not in row["password_encrypted"]
    assert Connection.objects.get(pk=connection.pk).password == "hunter2-long-password"


def test_rotate_command_reencrypts_with_first_key(team):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        connection = make_connection(team, "Rotated", "http://127.0.0.1:9", password="rotate-me-password")
        connection.token = "header.payload.signature"
        connection.save()

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))

    # After rotation the new key alone reads both secrets.
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        rotated = Connection.objects.get(pk=connection.pk)
        assert rotated.password == "rotate-me-password"
        assert rotated.token == "header.payload.signature"


def test_rotate_command_fails_clearly_without_the_old_key(team):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        make_connection(team, "Lost key", "http://127.0.0.1:9")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(CommandError, match="cannot be decrypted"):
            call_command("rotate_encryption_keys")
