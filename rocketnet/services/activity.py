"""The activity log of a site.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

import datetime
from typing import Any

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import DURATIONS, body_of, check_choice, date_param


@operation("POST", "/v1/sites/{id}/activity/enable")
def enable_activity_log(client: Client, site_id: int) -> Any:
    """Start recording WordPress activity events on the site."""
    return client.send("POST", "/v1/sites/{id}/activity/enable", path_params={"id": site_id}).result


@operation("POST", "/v1/sites/{id}/activity/disable")
def disable_activity_log(client: Client, site_id: int) -> Any:
    """Stop recording WordPress activity events on the site."""
    return client.send("POST", "/v1/sites/{id}/activity/disable", path_params={"id": site_id}).result


@operation("GET", "/v1/sites/{id}/activity/events")
def list_activity_events(
    client: Client,
    site_id: int,
    *,
    author: str | None = None,
    page: int | None = None,
    per_page: int | None = None,
    date_from: str | datetime.date | None = None,
    date_to: str | datetime.date | None = None,
    duration: str | None = None,
    ip: str | None = None,
    event_type: str | None = None,
    action: str | None = None,
    display_name: str | None = None,
    user_email: str | None = None,
    user_login: str | None = None,
    label: str | None = None,
) -> Any:
    """Return one page of activity events, filtered by author, dates, IP, type or user."""
    check_choice("duration", duration, DURATIONS)

    query = {
        "author": author,
        "page": page,
        "per_page": per_page,
        "date_from": date_param("date_from", date_from),
        "date_to": date_param("date_to", date_to),
        "duration": duration,
        "ip": ip,
        "event_type": event_type,
        "action": action,
        "display_name": display_name,
        "user_email": user_email,
        "user_login": user_login,
        "label": label,
    }
    return client.send(
        "GET",
        "/v1/sites/{id}/activity/events",
        path_params={"id": site_id},
        query=query,
    ).result


@operation("POST", "/v1/sites/{id}/activity/events")
def create_activity_event(
    client: Client,
    site_id: int,
    *,
    author: str | None = None,
    display_name: str | None = None,
    user_login: str | None = None,
    user_email: str | None = None,
    roles: str | None = None,
    ip: str | None = None,
    event_type: str | None = None,
    label: str | None = None,
    action: str | None = None,
    description: str | None = None,
) -> Any:
    """Record a custom activity event."""
    body = body_of(
        author=author,
        display_name=display_name,
        user_login=user_login,
        user_email=user_email,
        roles=roles,
        ip=ip,
        type=event_type,
        label=label,
        action=action,
        description=description,
    )
    if not body:
        raise ValueError("create_activity_event needs at least one of: author, display_name, user_login, user_email, roles, ip, event_type, label, action, description")
    return client.send(
        "POST",
        "/v1/sites/{id}/activity/events",
        path_params={"id": site_id},
        body=body,
    ).result


@operation("GET", "/v1/sites/{id}/activity/events/{event_id}")
def get_activity_event(client: Client, site_id: int, event_id: str) -> Any:
    return client.send(
        "GET",
        "/v1/sites/{id}/activity/events/{event_id}",
        path_params={"id": site_id, "event_id": event_id},
    ).result


@operation("DELETE", "/v1/sites/{id}/activity/events/{event_id}")
def delete_activity_event(client: Client, site_id: int, event_id: str) -> Any:
    return client.send(
        "DELETE",
        "/v1/sites/{id}/activity/events/{event_id}",
        path_params={"id": site_id, "event_id": event_id},
    ).result
