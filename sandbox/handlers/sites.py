"""Sites: list, get, create, update, delete, clone and locations."""

import logging

from ..responses import bad_request, envelope, list_envelope, parse_int, require_fields
from ..router import route
from ..seed import site_fields

logger = logging.getLogger(__name__)

SITE_SORT_KEYS = {
    "created_at": lambda site: site["created_at"],
    "domain": lambda site: site["domain"],
    "label": lambda site: (site["label"] or "").lower(),
    "disk_usage": lambda site: site["disk_usage"],
}
UPDATABLE_FIELDS = ("label", "metadata", "site_type")
SITE_TYPES = (0, 1, 2)


@route("GET", "/v1/sites")
def list_sites(ctx):
    sites = ctx.state.sites_of(ctx.account)

    search = ctx.query.get("search", "").strip().lower()
    if search:
        sites = [site for site in sites if _matches_search(site, search)]

    domain = ctx.query.get("domain", "").strip().lower()
    if domain:
        sites = [site for site in sites if domain in site.domain.lower()]

    items = [ctx.state.site_api(site) for site in sorted(sites, key=lambda site: site.id)]
    return list_envelope(items, ctx.query, default_per_page=10, max_per_page=1000,
                         sort_keys=SITE_SORT_KEYS)


def _matches_search(site, search):
    return (
        search in site.domain.lower()
        or search in (site.label or "").lower()
        or search == str(site.id)
    )


@route("GET", "/v1/sites/{id}")
def get_site(ctx, id):
    site = ctx.site(id)
    return envelope(ctx.state.site_api(site, detail=True))


@route("POST", "/v1/sites")
def create_site(ctx):
    body = ctx.body()
    # The schema marks only name required, but the live API also needs these three.
    require_fields(body, "name", "location", "admin_username", "admin_email")

    _require_free_site_slot(ctx)
    location = _location(ctx, body)
    email = body["admin_email"]
    if not isinstance(email, str) or "@" not in email:
        raise bad_request(f"admin_email must be an email address, got {email!r}")

    label = body.get("label") or body["name"]
    rng = ctx.state.rng("site", ctx.state.now(), body["name"])
    site = ctx.state.add_site(
        ctx.account,
        status="pending",
        site_type=_site_type(body.get("site_type", 0)),
        metadata=_metadata(body.get("metadata", {})),
        **site_fields(rng, label, None, location, ctx.state.now(), disk_usage_kb=48_000),
    )
    ctx.state.start_task(ctx.account, site.id, "create_site", on_done=_finish_provisioning,
                         hidden=True)
    logger.info("Site %s created for %s, provisioning", site.id, ctx.account.email)
    return envelope(ctx.state.site_api(site, detail=True))


def _require_free_site_slot(ctx):
    """Reject a new site when the plan's site limit is used up, counting running clones."""
    running_clones = sum(
        1 for task in ctx.state.tasks.values()
        if task.task_type == "clone_site" and "clone_request" in task.payload and not task.settled
        and ctx.state.sites.get(task.site_id) is not None
        and ctx.state.sites[task.site_id].account_email == ctx.account.email
    )
    used = len(ctx.state.sites_of(ctx.account)) + running_clones
    if used >= ctx.account.site_limit:
        raise bad_request(f"the {ctx.account.plan} plan allows {ctx.account.site_limit} sites and {used} are used "
                          "or being cloned: delete a site or change the hosting plan")


def _finish_provisioning(state, task):
    site = state.sites.get(task.site_id)
    if site is not None and site.status == "pending":
        site.status = "active"


def _location(ctx, body):
    if body.get("restricted_location") not in (None, ""):
        location_id = parse_int(body["restricted_location"], "restricted_location")
    else:
        location_id = parse_int(body["location"], "location")

    location = ctx.state.location_by_id(location_id)
    if location is None:
        known = ", ".join(str(item.id) for item in ctx.state.locations)
        raise bad_request(f"location {location_id} does not exist; use one of {known} (GET /v1/sites/locations)")
    return location


def _site_type(value):
    if value not in SITE_TYPES or isinstance(value, bool):
        raise bad_request(f"site_type must be 0 (WordPress), 1 (static) or 2 (AI Builder), got {value!r}")
    return value


def _metadata(value):
    if not isinstance(value, dict):
        raise bad_request(f"metadata must be a JSON object, got {value!r}")
    return dict(value)


@route("PATCH", "/v1/sites/{id}")
def update_site(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body(required=True)

    unknown = sorted(set(body) - set(UPDATABLE_FIELDS))
    if unknown:
        raise bad_request(f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(UPDATABLE_FIELDS)}")

    if "label" in body:
        site.label = _label(body["label"])
    if "metadata" in body:
        site.metadata = _metadata(body["metadata"])
    if "site_type" in body:
        site.site_type = _site_type(body["site_type"])

    return envelope(ctx.state.site_api(site, detail=True))


def _label(value):
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"label must be a string or null, got {value!r}")
    if len(value) > 255:
        raise bad_request(f"label must be at most 255 characters, got {len(value)}")
    return value.strip()


@route("DELETE", "/v1/sites/{id}")
def delete_site(ctx, id):
    site = ctx.unlocked_site(id)
    ctx.state.delete_site(site)
    logger.info("Site %s deleted by %s", site.id, ctx.account.email)
    return envelope({"id": site.id})


@route("POST", "/v1/sites/{id}/clone")
def clone_site(ctx, id):
    source = ctx.unlocked_site(id)
    body = ctx.body(required=True)
    _require_free_site_slot(ctx)

    location = source.location
    if body.get("location") not in (None, "") or body.get("restricted_location") not in (None, ""):
        location = _location(ctx, body)

    label = body.get("label") or f"{source.label} (copy)"
    if not isinstance(label, str):
        raise bad_request(f"label must be a string, got {label!r}")

    clone_request = {"label": label, "location_id": location.id,
                     "metadata": _metadata(body.get("metadata", {}))}
    task = ctx.state.start_task(ctx.account, source.id, "clone_site",
                                on_done=_finish_clone, on_error=_release_clone_lock,
                                meta_data={"source_site_id": source.id})
    task.payload["clone_request"] = clone_request
    source.lock_holders.add(f"clone:{task.id}")
    logger.info("Clone of site %s started as task %s", source.id, task.id)
    return envelope({"task_id": task.id, "task_level": "site"})


def _finish_clone(state, task):
    _release_clone_lock(state, task)
    source = state.sites.get(task.site_id)
    account = state.accounts.get(source.account_email) if source else None
    if account is None:
        logger.warning("Clone task %s finished but source site %s is gone", task.id, task.site_id)
        return

    request = task.payload["clone_request"]
    rng = state.rng("clone", task.id)
    fields = site_fields(rng, request["label"], None, state.location_by_id(request["location_id"]),
                         task.started_at + task.duration, disk_usage_kb=source.disk_usage_kb)
    clone = state.add_site(account, metadata=request["metadata"], site_type=source.site_type,
                           **fields)
    task.meta_data["new_site_id"] = clone.id
    logger.info("Clone task %s created site %s", task.id, clone.id)


def _release_clone_lock(state, task):
    source = state.sites.get(task.site_id)
    if source is not None:
        source.lock_holders.discard(f"clone:{task.id}")


@route("GET", "/v1/sites/locations")
def list_locations(ctx):
    site_type = _site_type_filter(ctx)
    items = [location.to_api() for location in ctx.state.locations
             if not location.restricted and site_type in (None, 0, 1)]
    return envelope(items)


@route("GET", "/v1/sites/all_locations")
def list_all_locations(ctx):
    site_type = _site_type_filter(ctx)
    supported = site_type in (None, 0, 1)
    locations = [item.to_api() for item in ctx.state.locations if not item.restricted and supported]
    restricted = [item.to_api() for item in ctx.state.locations if item.restricted and supported]
    return envelope({"locations": locations, "restricted_locations": restricted})


def _site_type_filter(ctx):
    if "site_type" not in ctx.query:
        return None
    return _site_type(parse_int(ctx.query["site_type"], "site_type"))
