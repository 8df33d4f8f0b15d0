"""Custom SSL: certificates uploaded for domains of a site.

These responses carry no envelope: the list is a bare JSON array (``[]`` when empty,
as the live API returns) and an upload or detail is the bare certificate object.
The sandbox checks that the certificate and key are PEM blocks but does not parse
them. Serial number, fingerprint and dates are derived from the certificate text.
"""

import hashlib
import logging
import uuid

from werkzeug.wrappers import Response

from ..clock import iso_timestamp
from ..records import record_by_uuid, stored
from ..responses import bad_request, json_response
from ..router import route

logger = logging.getLogger(__name__)

CERTIFICATE_DAYS = 365
CERTIFICATE_MARKER = "-----BEGIN CERTIFICATE-----"
KEY_MARKERS = ("-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
               "-----BEGIN EC PRIVATE KEY-----")


def certificates(site):
    return stored(site, "custom_ssl")


def _site_domains(site):
    domains = {site.domain.lower()}
    for alias in site.extras.get("aliases", []):
        if alias.get("domain"):
            domains.add(alias["domain"].lower())
    return domains


def _domains(body, site):
    domains = body.get("domains")
    if not isinstance(domains, list) or not domains or not all(isinstance(item, str) and item for item in domains):
        raise bad_request("domains is required: pass a non-empty list of domain names of this site")

    known = _site_domains(site)
    requested = [item.strip().lower() for item in domains]
    unknown = [item for item in requested
               if item not in known and not (item.startswith("www.") and item[4:] in known)]
    if unknown:
        raise bad_request(f"domain(s) {', '.join(unknown)} do not belong to site {site.id}; "
                          f"its domains are {', '.join(sorted(known))}")
    return requested


@route("GET", "/v1/sites/{id}/ssl/certificates")
def list_certificates(ctx, id):
    site = ctx.site(id)
    return json_response([dict(item) for item in certificates(site).values()])


@route("POST", "/v1/sites/{id}/ssl/certificates")
def upload_certificate(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    domains = _domains(body, site)

    certificate = body.get("certificate")
    if not isinstance(certificate, str) or CERTIFICATE_MARKER not in certificate:
        raise bad_request(f"certificate is required: pass the PEM text starting with {CERTIFICATE_MARKER}")
    key = body.get("key")
    if not isinstance(key, str) or not any(marker in key for marker in KEY_MARKERS):
        raise bad_request("key is required: pass the PEM private key starting with -----BEGIN PRIVATE KEY-----")

    digest = hashlib.sha256(certificate.strip().encode()).hexdigest()
    now = ctx.state.now()
    item = {
        "id": str(uuid.uuid4()),
        "site_id": site.id,
        "serial_number": digest[:32],
        "fingerprint": ":".join(digest[index:index + 2].upper() for index in range(0, 40, 2)),
        "issuer": "Sandbox Uploaded CA",
        "uploaded_on": iso_timestamp(now),
        "issued_on": iso_timestamp(now - 24 * 3600),
        "expires_on": iso_timestamp(now + CERTIFICATE_DAYS * 24 * 3600),
        "domains": domains,
    }
    certificates(site)[item["id"]] = item
    logger.info("Custom certificate %s uploaded to site %s", item["id"], site.id)
    return json_response(dict(item))


@route("GET", "/v1/sites/{id}/ssl/certificates/{certificate_id}")
def get_certificate(ctx, id, certificate_id):
    site = ctx.site(id)
    return json_response(dict(record_by_uuid(certificates(site), certificate_id, "certificate")))


@route("DELETE", "/v1/sites/{id}/ssl/certificates/{certificate_id}")
def delete_certificate(ctx, id, certificate_id):
    site = ctx.unlocked_site(id)
    item = record_by_uuid(certificates(site), certificate_id, "certificate")
    del certificates(site)[item["id"]]
    logger.info("Custom certificate %s removed from site %s", item["id"], site.id)
    # The spec allows 200 or 204, both without a body; the sandbox sends 200.
    return Response(status=200)
