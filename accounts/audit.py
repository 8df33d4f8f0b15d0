"""The audit log: every mutating action taken through the dashboard is recorded here.

Views and services call record_action once the outcome is known (or when a job is queued, with
result QUEUED; the job row then carries the final outcome). `detail` must never hold a secret:
record_action replaces the value of any key whose name looks like a secret with "(hidden)", as a
guard against a careless caller.
"""

import logging

from accounts.models import AuditEvent, AuditResult

logger = logging.getLogger(__name__)

SECRET_KEY_PARTS = ("password", "token", "secret", "key", "card")


def _without_secrets(detail):
    cleaned = {}
    for name, value in (detail or {}).items():
        if any(part in name.lower() for part in SECRET_KEY_PARTS):
            cleaned[name] = "(hidden)"
        else:
            cleaned[name] = value
    return cleaned


def record_action(*, team, user, action, result, connection=None, site_id=None, site_label="", target="",
                  detail=None):
    """Write one audit row and return it.

    `action` is a dotted name such as "plugins.update"; `result` is an AuditResult value;
    `target` names what was acted on (a plugin slug, a domain, a file path).
    """
    event = AuditEvent.objects.create(
        team=team,
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_email=getattr(user, "email", "") or "",
        connection=connection,
        connection_label=connection.label if connection is not None else "",
        site_id=site_id,
        site_label=site_label or "",
        action=action,
        target=str(target)[:500],
        result=AuditResult(result),
        detail=_without_secrets(detail),
    )
    logger.info("Audit: team %s user %s %s %s -> %s", team.pk, event.actor_email, action, event.target, result)
    return event
