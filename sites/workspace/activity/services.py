"""Reads and writes of the Activity tab."""

from dataclasses import dataclass, field

from accounts.services import client_for
from rocketnet.services import activity, sites


@dataclass
class EventPage:
    page: int
    per_page: int
    events: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        # The events call returns no total, so a full page means there may be another one.
        return len(self.events) >= self.per_page


def list_events(connection, site_id, *, page, per_page, **filters):
    with client_for(connection) as client:
        events = activity.list_activity_events(client, site_id, page=page, per_page=per_page, **filters)
    return EventPage(page=page, per_page=per_page, events=events if isinstance(events, list) else [])


def get_event(connection, site_id, event_id):
    with client_for(connection) as client:
        return activity.get_activity_event(client, site_id, event_id)


def logging_enabled(connection, site_id):
    """Return the `wp_activity_log` setting as a bool, or None when the settings lack it.

    The spec documents this setting as the control of activity logging, so it is read rather
    than remembered from the last enable or disable call.
    """
    with client_for(connection) as client:
        value = sites.get_settings(client, site_id).get("wp_activity_log")
    return None if value is None else bool(value)


def enable_logging(connection, site_id):
    with client_for(connection) as client:
        return activity.enable_activity_log(client, site_id)


def disable_logging(connection, site_id):
    with client_for(connection) as client:
        return activity.disable_activity_log(client, site_id)


def delete_event(connection, site_id, event_id):
    with client_for(connection) as client:
        return activity.delete_activity_event(client, site_id, event_id)
