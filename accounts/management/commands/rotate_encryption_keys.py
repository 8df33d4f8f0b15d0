from django.core.management.base import BaseCommand, CommandError

from accounts import crypto, services


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored connection password and token with the first key in "
        "FIELD_ENCRYPTION_KEYS. Run it after putting a new key first; afterwards the old keys can go."
    )

    def handle(self, *args, **options):
        try:
            count = services.rotate_connection_secrets()
        except crypto.DecryptionError as error:
            raise CommandError(str(error)) from None

        self.stdout.write(self.style.SUCCESS(f"Re-encrypted the secrets of {count} connection(s) with the first key."))
