"""Staging: create and publish as background tasks, and delete.

The staging site is a separate site whose ``production`` is the parent's id. It exists
from the start of the create task with status ``pending`` (reason 4) and turns active
when the task ends. Publishing locks the production site until its task ends.
"""

import copy
import logging

from ..responses import ApiError, bad_request, envelope, require_bool
from ..router import route
from ..seed import site_fields

logger = logging.getLogger(__name__)


@route("POST", "/v1/sites/{id}/staging")
def create_staging(ctx, id):
    site = ctx.unlocked_site(id)
    if site.is_staging:
        raise bad_request(f"site {site.id} is itself a staging site")
    if site.staging_id is not None:
        raise bad_request(f"site {site.id} already has staging site {site.staging_id}: delete it first")

    body = ctx.body()
    # The schema marks nothing required, but the live API needs vanity_domain.
    if "vanity_domain" not in body:
        raise bad_request("vanity_domain is required: true for a staging.<domain> name, false for a CDN URL")
    vanity = require_bool(body, "vanity_domain")

    rng = ctx.state.rng("staging", site.id, ctx.state.now())
    fields = site_fields(rng, f"{site.label} (staging)", f"staging.{site.domain}" if vanity else None,
                         site.location, ctx.state.now(), disk_usage_kb=site.disk_usage_kb)
    staging = ctx.state.add_site(ctx.account, production_id=site.id, status="pending", status_reason=4,
                                 **fields)
    site.staging_id = staging.id

    task = ctx.state.start_task(ctx.account, site.id, "staging", on_done=_staging_ready,
                                on_error=_staging_failed, meta_data={"staging_id": staging.id})
    task.payload["staging_id"] = staging.id
    logger.info("Staging site %s for site %s started as task %s", staging.id, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


def _staging_ready(state, task):
    staging = state.sites.get(task.payload["staging_id"])
    if staging is not None:
        staging.status, staging.status_reason = "active", 0


def _staging_failed(state, task):
    staging = state.sites.get(task.payload["staging_id"])
    if staging is not None:
        state.delete_site(staging)


@route("DELETE", "/v1/sites/{id}/staging")
def delete_staging(ctx, id):
    site = ctx.unlocked_site(id)
    staging = ctx.state.staging_of(site)
    if staging is None:
        raise ApiError(404, f"site {site.id} has no staging site")
    if staging.status == "pending":
        raise bad_request(f"staging site {staging.id} is still being created: wait for its task to finish")

    ctx.state.delete_site(staging)
    logger.info("Staging site %s of site %s deleted", staging.id, site.id)
    return envelope({"success": True})


@route("POST", "/v1/sites/{id}/staging/publish")
def publish_staging(ctx, id):
    site = ctx.unlocked_site(id)
    staging = ctx.state.staging_of(site)
    if staging is None:
        raise ApiError(404, f"site {site.id} has no staging site to publish")
    if staging.status != "active":
        raise bad_request(f"staging site {staging.id} is {staging.status}: wait until it is active")

    task = ctx.state.start_task(ctx.account, site.id, "publish", on_done=_published,
                                on_error=_release_publish_lock, meta_data={"staging_id": staging.id})
    task.payload["staging_id"] = staging.id
    site.lock_holders.add(f"publish:{task.id}")
    logger.info("Publish of staging %s to site %s started as task %s", staging.id, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


def _published(state, task):
    _release_publish_lock(state, task)
    site = state.sites.get(task.site_id)
    staging = state.sites.get(task.payload["staging_id"])
    if site is None or staging is None:
        logger.warning("Publish task %s finished but site %s or its staging is gone", task.id, task.site_id)
        return

    site.disk_usage_kb = staging.disk_usage_kb
    for key in ("plugins", "themes", "settings"):
        if key in staging.extras:
            site.extras[key] = copy.deepcopy(staging.extras[key])


def _release_publish_lock(state, task):
    site = state.sites.get(task.site_id)
    if site is not None:
        site.lock_holders.discard(f"publish:{task.id}")
