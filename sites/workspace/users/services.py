"""Site users of one site: people invited by email to manage just this site."""

from dataclasses import dataclass

from accounts.services import client_for
from rocketnet.services import site_users


@dataclass(frozen=True)
class SiteUser:
    """A site user as shown in the tab. The API's invitation token is left out on purpose."""

    id: int
    name: str
    email: str
    status: str
    created_at: str


def list_users(connection, site_id):
    with client_for(connection) as client:
        items = site_users.list_site_users(client, site_id)
    return [
        SiteUser(id=item.get("id"), name=item.get("name") or "", email=item.get("email") or "",
                 status=item.get("status") or "", created_at=item.get("created_at") or "")
        for item in items
    ]


def invite(connection, site_id, *, name, email):
    with client_for(connection) as client:
        return site_users.invite_site_user(client, site_id, name=name, email=email)


def resend_invite(connection, site_id, user_id):
    with client_for(connection) as client:
        return site_users.reinvite_site_user(client, site_id, user_id)


def remove(connection, site_id, user_id):
    with client_for(connection) as client:
        return site_users.remove_site_user(client, site_id, user_id)
