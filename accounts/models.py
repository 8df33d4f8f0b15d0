import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import crypto
from accounts.audit_labels import describe_action


class UserManager(BaseUserManager):
    """Manager for a user model whose login is the email address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required to create a user.")

        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    def __str__(self):
        return self.email


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")
    VIEWER = "viewer", _("Viewer")


# Higher ranks include every permission of the lower ones.
ROLE_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="membership_unique_team_user")]

    def __str__(self):
        return f"{self.user} in {self.team} ({self.role})"

    def has_role(self, role):
        """Return True when this membership's role is `role` or a higher one."""
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]


def default_api_base_url():
    return settings.ROCKETNET_DEFAULT_BASE_URL


DEFAULT_PORTS = {"http": "80", "https": "443"}


def normalise_api_base_url(url):
    """Reduce an API base URL to scheme://host[:port]/path, with a lower-case host and no trailing slash.

    A default port (80 for http, 443 for https), a user name, the query and the fragment are dropped,
    because none of them changes which Rocket.net API the client reaches.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host_and_port = parts.netloc.rpartition("@")[2].lower()
    default_port = DEFAULT_PORTS.get(scheme)
    if default_port and host_and_port.endswith(f":{default_port}"):
        host_and_port = host_and_port.removesuffix(f":{default_port}")
    return f"{scheme}://{host_and_port}{parts.path.rstrip('/')}"


def rocketnet_account_key(api_base_url, email):
    """Return a sha256 hex digest that identifies the Rocket.net login at an API base URL with an email.

    The URL is normalised with normalise_api_base_url() and the email is compared without case, so
    connections that differ only in those spellings get the same key. Hashing keeps the email out
    of any column that stores the key.
    """
    account = f"{normalise_api_base_url(api_base_url)}\n{email.strip().lower()}"
    return hashlib.sha256(account.encode()).hexdigest()


class Connection(models.Model):
    """One client's Rocket.net account, reached with its email and password.

    The password and the cached JWT are stored encrypted (accounts.crypto); read and write them
    through the `password` and `token` properties.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="connections")
    label = models.CharField(_("label"), max_length=120)
    client_name = models.CharField(_("client name"), max_length=200, blank=True)
    email = models.EmailField(_("Rocket.net account email"))
    password_encrypted = models.TextField()
    api_base_url = models.URLField(_("API base URL"), default=default_api_base_url)
    token_encrypted = models.TextField(blank=True, default="")
    token_expires_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["label"]
        constraints = [models.UniqueConstraint(fields=["team", "label"], name="connection_unique_team_label")]

    def __str__(self):
        return self.label

    @property
    def account_key(self):
        """The key of the Rocket.net login this connection uses, shared by every connection to it in any team."""
        return rocketnet_account_key(self.api_base_url, self.email)

    @property
    def password(self):
        return crypto.decrypt(self.password_encrypted)

    @password.setter
    def password(self, value):
        self.password_encrypted = crypto.encrypt(value)

    @property
    def token(self):
        return crypto.decrypt(self.token_encrypted)

    @token.setter
    def token(self, value):
        self.token_encrypted = crypto.encrypt(value or "")


class WorkerHeartbeat(models.Model):
    """The last time a background process (a Celery worker or beat) reported that it is alive."""

    name = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class AuditResult(models.TextChoices):
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    QUEUED = "queued", _("Queued as a job")


class AuditEvent(models.Model):
    """One mutating action taken through the dashboard: who, when, where, what, and the outcome.

    Rows are written by accounts.audit.record_action and never edited. `connection` and `site_id`
    are kept as plain values too, so the row still records where the action happened after the
    connection is deleted.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.EmailField(blank=True)
    connection = models.ForeignKey(
        Connection, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    connection_label = models.CharField(max_length=200, blank=True)
    site_id = models.BigIntegerField(null=True, blank=True)
    site_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=80, help_text=_("Dotted action name, for example plugins.update."))
    target = models.CharField(max_length=500, blank=True)
    result = models.CharField(max_length=20, choices=AuditResult.choices)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["team", "-created_at"]), models.Index(fields=["team", "action"])]

    @property
    def action_label(self):
        """The action's description in the active language, such as "Site locked" for site.locked."""
        return describe_action(self.action)

    def __str__(self):
        return f"{self.action} {self.target} ({self.result})"
