from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and teams")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import crypto

        # Fail at start-up, not on the first page that reads a connection.
        crypto.check_keys()
