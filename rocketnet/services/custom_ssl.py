"""Custom SSL certificates of a site.

These calls respond without the usual envelope: the list is a bare JSON array (`[]` when empty)
and a certificate is a bare object. The transport returns such bodies unchanged as the result.
"""

from __future__ import annotations

import logging

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import check_required

logger = logging.getLogger(__name__)


@operation("GET", "/v1/sites/{id}/ssl/certificates")
def list_certificates(client: Client, site_id: int) -> list[dict]:
    """Return the uploaded certificates (id, domains, issuer, expires_on, ...); [] when none."""
    result = client.send("GET", "/v1/sites/{id}/ssl/certificates", path_params={"id": site_id}).result
    return result if isinstance(result, list) else []


@operation("POST", "/v1/sites/{id}/ssl/certificates")
def upload_certificate(client: Client, site_id: int, *, domains: list[str], certificate: str, key: str) -> dict:
    """Upload a PEM certificate and its private key for some of the site's domains."""
    if isinstance(domains, str) or not domains:
        raise ValueError(f"domains must be a non-empty list of the site's domains, got {domains!r}")
    check_required("certificate", certificate)
    check_required("key", key)
    if "BEGIN" not in certificate:
        raise ValueError("certificate is not PEM text; paste the block that starts with -----BEGIN CERTIFICATE-----")
    body = {"domains": list(domains), "certificate": certificate, "key": key}
    result = client.send("POST", "/v1/sites/{id}/ssl/certificates", path_params={"id": site_id}, body=body).result
    logger.info("Uploaded a custom certificate for %s on site %s", ", ".join(domains), site_id)
    return result


@operation("GET", "/v1/sites/{id}/ssl/certificates/{certificate_id}")
def get_certificate(client: Client, site_id: int, certificate_id: str) -> dict:
    return client.send(
        "GET", "/v1/sites/{id}/ssl/certificates/{certificate_id}",
        path_params={"id": site_id, "certificate_id": certificate_id},
    ).result


@operation("DELETE", "/v1/sites/{id}/ssl/certificates/{certificate_id}")
def delete_certificate(client: Client, site_id: int, certificate_id: str) -> None:
    """Remove a certificate; the API returns 200 or 204 (no body)."""
    client.send(
        "DELETE", "/v1/sites/{id}/ssl/certificates/{certificate_id}",
        path_params={"id": site_id, "certificate_id": certificate_id},
    )
    logger.info("Deleted custom certificate %s of site %s", certificate_id, site_id)
