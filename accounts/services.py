"""Writes for teams and connections, and the Rocket.net client of a connection."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from accounts import crypto
from accounts.models import Connection, Membership, Role, Team, User
from rocketnet import Client
from rocketnet.errors import APITimeoutError, APIUnreachableError, AuthenticationError, RocketNetError
from rocketnet.services import account

logger = logging.getLogger(__name__)


class ConnectionTokenStore:
    """A rocketnet token store that keeps the JWT encrypted on a Connection row.

    A saved token means a login just succeeded, so save() also sets the connection's last_checked_at.
    With `deferred=True` a new token stays on the instance until persist() is called. The fleet
    page uses this because it logs in from worker threads, which must not write to the database
    while the request's transaction is open.
    """

    def __init__(self, connection, *, deferred=False):
        self.connection = connection
        self.deferred = deferred
        self.key = f"connection-{connection.pk}" if connection.pk else None
        self._dirty = False

    def get(self):
        if not self.connection.token_encrypted or self.connection.token_expires_at is None:
            return None

        try:
            token = self.connection.token
        except crypto.DecryptionError:
            logger.warning("Cached token of connection %s cannot be decrypted; logging in again", self.connection.pk)
            return None
        return token, self.connection.token_expires_at.timestamp()

    def save(self, token, expires_at):
        self.connection.token = token
        self.connection.token_expires_at = datetime.datetime.fromtimestamp(expires_at, tz=datetime.UTC)
        self.connection.last_checked_at = timezone.now()
        self._dirty = True
        if not self.deferred:
            self.persist()

    def clear(self):
        self.connection.token = ""
        self.connection.token_expires_at = None
        self._dirty = True
        if not self.deferred:
            self.persist()

    def persist(self):
        """Write the token fields and the last login check to the row, if the row exists and they changed."""
        if not self._dirty or self.connection.pk is None:
            return

        Connection.objects.filter(pk=self.connection.pk).update(
            token_encrypted=self.connection.token_encrypted,
            token_expires_at=self.connection.token_expires_at,
            last_checked_at=self.connection.last_checked_at,
        )
        self._dirty = False


# The password passes through these frames as a local, so Django's error reports must hide it.
@sensitive_variables("password")
def _build_client(connection, store):
    return Client(
        base_url=connection.api_base_url,
        username=connection.email,
        password=connection.password,
        token_store=store,
        timeout=(settings.ROCKETNET_CONNECT_TIMEOUT, settings.ROCKETNET_READ_TIMEOUT),
    )


def client_for(connection, *, deferred_token_save=False):
    """Return a rocketnet Client for the connection's account; it logs in on its first call.

    With `deferred_token_save`, call `client.token_store.persist()` from the request thread later.
    """
    return _build_client(connection, ConnectionTokenStore(connection, deferred=deferred_token_save))


class ConnectionCheckFailed(Exception):
    """The credentials of a connection could not be confirmed; `message` is shown next to the form."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def _check_message(error, connection):
    if isinstance(error, AuthenticationError):
        return _(
            "Rocket.net rejected the email %(email)s and this password. Check both and try again."
        ) % {"email": connection.email}
    if isinstance(error, APITimeoutError):
        return _(
            "The Rocket.net API at %(url)s did not answer in time. Try again later, or check the API base URL."
        ) % {"url": connection.api_base_url}
    if isinstance(error, APIUnreachableError):
        return _(
            "The Rocket.net API at %(url)s could not be reached. Check the API base URL and your network."
        ) % {"url": connection.api_base_url}
    return _("The Rocket.net API returned an error while checking the login: %(error)s") % {"error": error}


# The login request's body contains the password in several frames below this one, so hide every local.
@sensitive_variables()
def check_credentials(connection):
    """Log in with the connection's credentials and read the account, to prove they work.

    Keeps the new token on the instance (it is saved with the row). Raises ConnectionCheckFailed
    with a message for the user; nothing is written to the database here.
    """
    store = ConnectionTokenStore(connection, deferred=True)
    connection.token = ""
    connection.token_expires_at = None
    client = _build_client(connection, store)

    try:
        with client:
            client.login()
            account.get_me(client)
    except RocketNetError as error:
        logger.info("Credential check failed for connection %s (%s): %s",
                    connection.pk or "new", connection.api_base_url, type(error).__name__)
        raise ConnectionCheckFailed(_check_message(error, connection)) from error

    connection.last_checked_at = timezone.now()


@sensitive_variables("new_password", "password")
def save_connection(connection, *, new_password=None, check=True):
    """Save a new or changed connection after checking its credentials.

    `new_password` replaces the stored password when given; None keeps it. With `check`, a login
    is made first and ConnectionCheckFailed is raised with nothing saved when it fails.
    """
    if new_password:
        connection.password = new_password

    if check:
        check_credentials(connection)

    connection.save()
    logger.info("Saved connection %s (%s) of team %s", connection.pk, connection.label, connection.team_id)
    return connection


def delete_connection(connection):
    logger.info("Deleting connection %s (%s) of team %s", connection.pk, connection.label, connection.team_id)
    connection.delete()


def rotate_connection_secrets():
    """Re-encrypt every stored password and token with the first key; return the rows rewritten."""
    count = 0
    for connection in Connection.objects.order_by("pk").iterator():
        Connection.objects.filter(pk=connection.pk).update(
            password_encrypted=crypto.rotate(connection.password_encrypted),
            token_encrypted=crypto.rotate(connection.token_encrypted),
        )
        count += 1
    return count


DEMO_TEAM_NAME = "Demo Agency"
DEMO_TEAM_SLUG = "demo-agency"
DEMO_CONNECTIONS = [
    ("Agency one", "Client One", "agency-one@example.com"),
    ("Agency two", "Client Two", "agency-two@example.com"),
]


@sensitive_variables("password", "sandbox_password")
@transaction.atomic
def seed_demo(*, email, password, sandbox_url, sandbox_password):
    """Create or update the demo user, its team and two sandbox connections; return a summary.

    Idempotent: running it again resets the demo passwords and URLs instead of adding rows. The
    connections are stored without a login check, so the sandbox need not be running.
    """
    user, _created = User.objects.get_or_create(email=User.objects.normalize_email(email))
    user.set_password(password)
    user.save()

    team, _created = Team.objects.get_or_create(slug=DEMO_TEAM_SLUG, defaults={"name": DEMO_TEAM_NAME})
    Membership.objects.update_or_create(team=team, user=user, defaults={"role": Role.OWNER})

    for label, client_name, account_email in DEMO_CONNECTIONS:
        connection = Connection.objects.filter(team=team, label=label).first() or Connection(team=team, label=label)
        connection.client_name = client_name
        connection.email = account_email
        connection.api_base_url = sandbox_url
        connection.token = ""
        connection.token_expires_at = None
        save_connection(connection, new_password=sandbox_password, check=False)

    logger.info("Seeded demo user %s in team %s", user.pk, team.pk)
    return {"email": user.email, "team": team.name, "connections": len(DEMO_CONNECTIONS)}
