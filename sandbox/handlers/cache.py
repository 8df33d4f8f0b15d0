"""CDN cache: purge listed URLs, or everything for one domain.

Each purge is recorded in the site's ``extras["cache_purges"]`` so tests can see it.
"""

import logging
from urllib.parse import urlsplit

from ..responses import bad_request, envelope
from ..router import route

logger = logging.getLogger(__name__)

MAX_FILES_PER_PURGE = 500


def _purge_scope(ctx, site):
    domain = ctx.query.get("domain") or site.domain
    staging = ctx.query.get("staging", "false").lower() in ("true", "1")
    if staging and site.staging_id is None:
        raise bad_request(f"site {site.id} has no staging site to purge")

    include_aliases = ctx.query.get("include_additional_domains", "false").lower() in ("true", "1")
    return {"domain": domain, "staging": staging, "include_additional_domains": include_aliases}


def _record(ctx, site, scope, files):
    purge = {**scope, "files": files, "at": ctx.state.now()}
    site.extras.setdefault("cache_purges", []).append(purge)
    logger.info("Cache purge on site %s: %s", site.id, "everything" if files is None else f"{len(files)} files")


@route("POST", "/v1/sites/{id}/cache/purge")
def purge_files(ctx, id):
    site = ctx.site(id)
    body = ctx.body()
    files = body.get("files")

    if not isinstance(files, list) or not files:
        raise bad_request('files is required: a non-empty list of URLs, for example {"files": ["https://example.com/style.css"]}')
    if len(files) > MAX_FILES_PER_PURGE:
        raise bad_request(f"files has {len(files)} URLs; purge at most {MAX_FILES_PER_PURGE} per request")

    for url in files:
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise bad_request(f"files entry {url!r} is not an http(s) URL")

    _record(ctx, site, _purge_scope(ctx, site), list(files))
    return envelope({"status": "success"})


@route("POST", "/v1/sites/{id}/cache/purge_everything")
def purge_everything(ctx, id):
    site = ctx.site(id)
    _record(ctx, site, _purge_scope(ctx, site), None)
    return envelope({"status": "success"})
