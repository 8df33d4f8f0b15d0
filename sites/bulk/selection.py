"""Turning the fleet page's selection into the sites a bulk job acts on.

A site is sent as "<connection pk>:<site id>". Every chosen site is checked against the team's
fleet, so a bulk job never reaches a connection of another team or a site that is not listed.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _

from accounts.services import client_for
from rocketnet.services import sites as site_api
from sites import selectors as site_selectors
from sites.bulk.actions import SETTING_PARAMETERS
from sites.bulk.services import SiteTarget

SCHEMA_CACHE_SECONDS = 600


@dataclass
class Selection:
    targets: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # Connections whose sites could not be listed, so their sites cannot be chosen now.
    unavailable: list = field(default_factory=list)

    @property
    def values(self):
        return [f"{target.connection_id}:{target.site_id}" for target in self.targets]

    @property
    def connection_count(self):
        return len({target.connection_id for target in self.targets})


def _parse(value):
    connection_part, separator, site_part = value.partition(":")
    if not separator or not connection_part.isdigit() or not site_part.isdigit():
        return None
    return int(connection_part), int(site_part)


def referenced_connection_ids(values):
    """Return the connection pks named by well-formed site references, for the tenant gate."""
    return sorted({key[0] for key in map(_parse, values) if key is not None})


def resolve_selection(team, *, values=(), select_all=False, query=""):
    """Return a Selection of the chosen sites, or of every site matching `query` when `select_all`.

    Unknown or malformed values are listed in `errors`, each naming the value.
    """
    fleet = site_selectors.get_fleet(team)
    selection = Selection(unavailable=[failure.connection_label for failure in fleet.failures])
    rows = {(row.connection_id, row.site_id): row for row in fleet.rows}

    if select_all:
        chosen_rows = site_selectors.filter_and_sort(fleet.rows, query=query)
    else:
        chosen_rows = []
        for value in dict.fromkeys(values):
            key = _parse(value)
            if key is None:
                selection.errors.append(_("“%(value)s” is not a site reference; choose sites with the fleet "
                                          "page's checkboxes.") % {"value": value})
            elif key not in rows:
                selection.errors.append(_("Site %(site)s of connection %(connection)s is not in your fleet. "
                                          "Refresh the fleet page and choose again.")
                                        % {"site": key[1], "connection": key[0]})
            else:
                chosen_rows.append(rows[key])

    selection.targets = [
        SiteTarget(connection_id=row.connection_id, site_id=row.site_id,
                   site_label=row.label or row.domain or str(row.site_id))
        for row in chosen_rows
    ]
    return selection


def changeable_settings(team, target):
    """Return {setting name: (description, [(value, label)])} from the settings schema of `target`'s site.

    Only settings that the update call can change are listed. The schema is cached per connection.
    Raises RocketNetError or DecryptionError when the schema cannot be read.
    """
    key = f"sites:bulk:settings-schema:{target.connection_id}"
    schema = cache.get(key)
    if schema is None:
        connection = team.connections.get(pk=target.connection_id)
        with client_for(connection) as client:
            schema = site_api.get_settings_schema(client, target.site_id) or {}
        cache.set(key, schema, SCHEMA_CACHE_SECONDS)

    settings = {}
    for name, spec in schema.items():
        if name not in SETTING_PARAMETERS or not isinstance(spec, dict):
            continue
        options = [(option.get("value"), str(option.get("label") or option.get("value")))
                   for option in spec.get("options") or [] if isinstance(option, dict)]
        settings[name] = (str(spec.get("description") or name), options)
    return settings
