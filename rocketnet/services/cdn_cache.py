"""The CDN cache of a site: purge chosen URLs or everything."""

from __future__ import annotations

import logging
from typing import Iterable

from rocketnet.client import Client
from rocketnet.registry import operation
from rocketnet.services._common import body_of

logger = logging.getLogger(__name__)


@operation("POST", "/v1/sites/{id}/cache/purge")
def purge_cache(
    client: Client,
    site_id: int,
    *,
    files: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    staging: bool | None = None,
    domain: str | None = None,
    include_additional_domains: bool | None = None,
) -> dict:
    """Purge the given full URLs (`files`) or cache tags from the CDN.

    The schema marks no field required, but the API needs {"files": [urls]}; a purge with neither
    files nor tags is rejected here. To purge everything use purge_everything().
    """
    files = _strings("files", files)
    tags = _strings("tags", tags)
    if not files and not tags:
        raise ValueError("purge_cache needs files (full URLs) or tags; use purge_everything() to purge all")
    for url in files or []:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"files entry {url!r} is not a full URL; use https://example.com/path")

    query = {"staging": staging, "domain": domain, "include_additional_domains": include_additional_domains}
    body = body_of(files=files, tags=tags)
    result = client.send(
        "POST", "/v1/sites/{id}/cache/purge", path_params={"id": site_id}, query=query, body=body,
    ).result
    logger.info("Purged %d URLs and %d tags from the cache of site %s", len(files or []), len(tags or []), site_id)
    return result


@operation("POST", "/v1/sites/{id}/cache/purge_everything")
def purge_everything(
    client: Client,
    site_id: int,
    *,
    staging: bool | None = None,
    domain: str | None = None,
    include_additional_domains: bool | None = None,
) -> dict:
    """Purge the whole CDN cache of the site's domain (this call takes no body)."""
    query = {"staging": staging, "domain": domain, "include_additional_domains": include_additional_domains}
    result = client.send("POST", "/v1/sites/{id}/cache/purge_everything", path_params={"id": site_id}, query=query).result
    logger.info("Purged the whole cache of site %s", site_id)
    return result


def _strings(name: str, values: Iterable[str] | None) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise ValueError(f"{name} must be a list, got the single string {values!r}; wrap it in a list")
    return [str(value) for value in values]
