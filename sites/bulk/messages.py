"""Bulk item messages stored untranslated, so that each viewer reads them in their own language.

Workers run the items without a viewer, so they would render every message in the default
language. They store the message id and its parameters instead, and pages translate them.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def stored(message_id, **params):
    """Return a JSON-ready message to translate later; mark `message_id` with gettext_noop."""
    return {"message": message_id, "params": params}


def render(message):
    """Return a stored message in the active language; plain text (older rows) is returned unchanged."""
    if not isinstance(message, dict) or "message" not in message:
        return message or ""

    text = gettext(message["message"])
    params = message.get("params") or {}
    return text % params if params else text



def render_default(message):
    """Return a stored message in the site's default language, for the `error` column, logs and audit rows."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(message)
