"""WP-CLI console: run a command on a site through the API and keep the run in the history."""

import logging
import re

from accounts.audit import record_action
from accounts.crypto import DecryptionError
from accounts.models import AuditResult
from accounts.services import client_for
from rocketnet.errors import RocketNetError
from rocketnet.services import wordpress
from sites.models import WPCLIRun

logger = logging.getLogger(__name__)

HISTORY_SHOWN = 30
# Option values that look like secrets (--user_pass=..., --token="...") are masked in the history
# and the audit log, because both are shown to every member of the team.
# NOTE: only --option=value forms are masked. A secret passed as a positional argument (for example
# "config set DB_PASSWORD value") is stored and shown as typed.
SECRET_OPTION = re.compile(r'(--[\w-]*(?:pass|secret|token|key)[\w-]*=)("[^"]*"|\S+)', re.IGNORECASE)


def mask_secrets(command):
    """Return `command` with the values of password, secret, token and key options replaced by ***."""
    return SECRET_OPTION.sub(r"\1***", command)


def run_command(*, request, ctx, command):
    """Run `command` on the site, store a WPCLIRun and write the audit row; return the run.

    Raises the RocketNetError or DecryptionError (after auditing the failure) when the call fails. A command
    that ran but printed an "Error:" line is stored and audited as failed, not raised.
    """
    shown = mask_secrets(command)
    audit = {"team": request.team, "user": request.user, "action": "wpcli.run", "connection": ctx.connection,
             "site_id": ctx.site_id, "site_label": ctx.site_label, "target": shown}
    try:
        with client_for(ctx.connection) as client:
            outcome = wordpress.run_wpcli(client, ctx.site_id, command=command)
    except (RocketNetError, DecryptionError) as error:
        record_action(result=AuditResult.FAILED, detail={"error": str(error)}, **audit)
        raise

    run = WPCLIRun.objects.create(team=request.team, connection=ctx.connection, site_id=ctx.site_id,
                                  command=shown, output=outcome.output, succeeded=outcome.succeeded,
                                  user=request.user)
    result = AuditResult.SUCCEEDED if outcome.succeeded else AuditResult.FAILED
    record_action(result=result, detail={"run": run.pk, "error_lines": outcome.error_lines[:5]}, **audit)
    logger.info("WP-CLI run %s on site %s of connection %s: succeeded=%s",
                run.pk, ctx.site_id, ctx.connection.pk, outcome.succeeded)
    return run


def history(team, connection, site_id, *, limit=HISTORY_SHOWN):
    """Return the latest WP-CLI runs on one site by this team, newest first."""
    return list(WPCLIRun.objects.filter(team=team, connection=connection, site_id=site_id)
                .select_related("user")[:limit])
