"""ShopShield of one site: the URIs (such as /checkout/) that get extra protection against bot bursts."""

from accounts.services import client_for
from rocketnet.services import shopshield


def list_uris(connection, site_id):
    with client_for(connection) as client:
        return shopshield.list_shopshield_uris(client, site_id, sort="uri", direction="asc")


def get_uri(connection, site_id, uri_id):
    with client_for(connection) as client:
        return shopshield.get_shopshield_uri(client, site_id, uri_id)


def enable(connection, site_id, *, uri, notify_site_owner):
    with client_for(connection) as client:
        return shopshield.enable_shopshield(client, site_id, uri=uri, notify_site_owner=notify_site_owner)


def disable(connection, site_id, uri_id):
    with client_for(connection) as client:
        return shopshield.disable_shopshield(client, site_id, uri_id)
