"""Rocket.net calls for one connection's account: users, settings (account/me) and account tasks."""

from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult
from accounts.services import client_for
from rocketnet.errors import RocketNetError
from rocketnet.services import account, account_users

# Roles an account user can be given; the owner role cannot be assigned.
ASSIGNABLE_ROLES = ("account_user", "billing_admin", "user_admin")
OWNER_ROLE = "account_owner"


def audit(request, connection, *, action, result, target, detail=None, site_id=None):
    return record_action(team=request.team, user=request.user, action=action, result=result,
                         connection=connection, site_id=site_id, target=target, detail=detail)


def run_audited(request, connection, *, action, target, call, detail=None, site_id=None):
    """Run one Rocket.net call and write its audit row, failed or succeeded; re-raise API errors."""
    try:
        result = call()
    except (RocketNetError, DecryptionError) as error:
        audit(request, connection, action=action, result=AuditResult.FAILED, target=target, site_id=site_id,
              detail={**(detail or {}), "error": str(error)})
        raise
    audit(request, connection, action=action, result=AuditResult.SUCCEEDED, target=target, site_id=site_id,
          detail=detail)
    return result


# -- account users ------------------------------------------------------------------------------


def list_users(connection):
    with client_for(connection) as client:
        return account_users.list_users(client, sort="email", direction="asc")


def find_user(connection, user_id):
    """Return the account user with `user_id` from the list, or None."""
    return next((user for user in list_users(connection) if str(user.get("id")) == str(user_id)), None)


def invite_user(connection, *, firstname, lastname, email, roles, twofactor_required):
    with client_for(connection) as client:
        return account_users.create_user(client, firstname=firstname, lastname=lastname, email=email,
                                         roles=roles, twofactor_required=twofactor_required)


def change_roles(connection, user_id, roles):
    with client_for(connection) as client:
        return account_users.update_user(client, user_id, roles=roles)


def resend_invite(connection, user_id):
    with client_for(connection) as client:
        return account_users.reinvite_user(client, user_id)


def remove_user(connection, user_id):
    with client_for(connection) as client:
        return account_users.delete_user(client, user_id)


# -- settings -----------------------------------------------------------------------------------


def get_me(connection):
    with client_for(connection) as client:
        return account.get_me(client)


def update_me(connection, changes):
    """Send the changed account fields; a changed email also becomes the connection's login email."""
    with client_for(connection) as client:
        updated = account.update_me(client, **changes)
    if "email" in changes and updated.email:
        connection.email = updated.email
        connection.save(update_fields=["email"])
    return updated


# -- account tasks ------------------------------------------------------------------------------


def list_tasks(connection, *, task_type=None, task_status=None, direction="desc"):
    with client_for(connection) as client:
        return account.list_account_tasks(client, task_type=task_type, task_status=task_status,
                                          sort="updated", direction=direction)
