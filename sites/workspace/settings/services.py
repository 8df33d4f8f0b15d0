"""Reads and writes of the Settings tab."""

from accounts.services import client_for
from rocketnet.errors import ValidationError
from rocketnet.services import sites


def load(connection, site_id):
    """Return (schema, current settings) of the site."""
    with client_for(connection) as client:
        schema = sites.get_settings_schema(client, site_id)
        current = sites.get_settings(client, site_id)
    return schema if isinstance(schema, dict) else {}, current if isinstance(current, dict) else {}


def update(connection, site_id, changes):
    """Send the changed settings; raise ValidationError naming the fields it is about.

    An API message that names exactly one changed setting becomes that field's error, so the form
    shows it next to the field. A value rocketnet rejects before sending, because its own list of
    choices can differ from the schema, is raised as a ValidationError too, with no status.
    """
    with client_for(connection) as client:
        try:
            return sites.update_settings(client, site_id, **changes)
        except ValidationError as error:
            if not error.field_errors:
                error.field_errors = _field_errors_from_messages(error.messages, changes)
            raise
        except ValueError as error:
            messages = [str(error)]
            raise ValidationError(None, messages, field_errors=_field_errors_from_messages(messages, changes)) from error


def _field_errors_from_messages(messages, names):
    field_errors = {}
    for message in messages:
        named = [name for name in names if name in message]
        if len(named) == 1:
            field_errors.setdefault(named[0], []).append(message)
    return field_errors
