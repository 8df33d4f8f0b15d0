"""Site templates: snapshot a site's WordPress setup, then create new sites from it.

``POST /v1/site_templates`` and ``POST /v1/sites/templates/{template_id}/sites`` start
account-level tasks (``GET /v1/account/tasks``). The template appears in the list
when its task is DONE; the new site is created, already active, when its task is
DONE. The deprecated ``POST /v1/sites/templates`` creates the template at once.
A template records the source site's WordPress version, PHP version, plugins and
themes, and a site created from it starts with those plugins and themes.
"""

import copy
import logging
import uuid

from ..clock import iso_timestamp
from ..records import list_query, record_by_uuid, stored, text
from ..responses import bad_request, envelope, paginate, parse_int
from ..router import route
from ..seed import site_fields
from .plugins import installed_plugins
from .settings import site_settings
from .sites import _location, _metadata
from .themes import installed_themes
from .wordpress import WORDPRESS_VERSION

logger = logging.getLogger(__name__)

TEMPLATE_SORT_KEYS = {
    "name": lambda item: item["name"].lower(),
    "created_at": lambda item: item["created_at"],
    "updated_at": lambda item: item["updated_at"],
}
CREATE_TEMPLATE_TASK = "create_site_template"
CREATE_SITE_TASK = "create_site_from_template"


def site_templates(account):
    return stored(account, "site_templates")


def _public(template):
    return copy.deepcopy({key: value for key, value in template.items() if not key.startswith("_")})


def _tags(body):
    tags = body.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag.strip() for tag in tags):
        raise bad_request(f"tags must be a list of non-empty strings, got {tags!r}")
    return sorted({tag.strip() for tag in tags})


def _template_request(ctx):
    """Check a create-template body and return (source site, fields)."""
    body = ctx.body()
    name = text(body, "name", max_length=100)
    if body.get("site_id") is None or isinstance(body["site_id"], bool):
        raise bad_request("site_id is required: pass the id of the site to make the template from")
    site = ctx.site(parse_int(body["site_id"], "site_id", minimum=1))
    notes = text(body, "notes", required=False, max_length=2000) or ""
    if any(template["name"].lower() == name.lower() for template in site_templates(ctx.account).values()):
        raise bad_request(f"a site template named {name!r} already exists: choose another name")
    return site, {"name": name, "notes": notes, "tags": _tags(body)}


def _snapshot(state, site, fields, template_id, created_at):
    def packages(items):
        return [{"name": item["name"], "version": item["version"], "activated": item["status"] == "active"}
                for item in items.values()]

    timestamp = iso_timestamp(created_at)
    return {
        "name": fields["name"],
        "template_id": template_id,
        "created_from": {"site_id": site.id, "domain": site.domain},
        "config": {"wordpress": {
            "version": WORDPRESS_VERSION,
            "php_version": site_settings(state, site)["current_php_version"],
            "plugins": packages(installed_plugins(state, site)),
            "themes": packages(installed_themes(state, site)),
        }},
        "notes": fields["notes"],
        "tags": fields["tags"],
        "created_at": timestamp,
        "updated_at": timestamp,
        # The installed records, so new sites start with the same plugins and themes.
        "_plugins": copy.deepcopy(installed_plugins(state, site)),
        "_themes": copy.deepcopy(installed_themes(state, site)),
    }


@route("POST", "/v1/site_templates")
def create_template(ctx):
    site, fields = _template_request(ctx)
    template_id = str(uuid.uuid4())
    # The snapshot is taken now, so later changes to the site do not leak into it.
    snapshot = _snapshot(ctx.state, site, fields, template_id, ctx.state.now())
    task = ctx.state.start_task(ctx.account, 0, CREATE_TEMPLATE_TASK, on_done=_store_template,
                                task_level="account",
                                meta_data={"account": ctx.account.email, "template_id": template_id,
                                           "source_site_id": site.id})
    task.payload["template"] = snapshot
    logger.info("Template %s of site %s started as task %s", template_id, site.id, task.id)
    return envelope({"task_id": task.id, "task_level": "account"})


def _store_template(state, task):
    account = state.account_by_email(task.meta_data["account"])
    if account is None:
        return
    template = task.payload["template"]
    template["created_at"] = template["updated_at"] = iso_timestamp(task.started_at + task.duration)
    site_templates(account)[template["template_id"]] = template


@route("POST", "/v1/sites/templates")
def create_template_at_once(ctx):
    site, fields = _template_request(ctx)
    template = _snapshot(ctx.state, site, fields, str(uuid.uuid4()), ctx.state.now())
    site_templates(ctx.account)[template["template_id"]] = template
    return envelope(_public(template))


@route("GET", "/v1/sites/templates")
def list_templates(ctx):
    templates = sorted(site_templates(ctx.account).values(), key=lambda item: item["created_at"])

    if ctx.query.get("created_from.site_id"):
        site_id = parse_int(ctx.query["created_from.site_id"], "created_from.site_id", minimum=1)
        templates = [item for item in templates if item["created_from"]["site_id"] == site_id]
    domain = ctx.query.get("created_from.domain", "").strip().lower()
    if domain:
        templates = [item for item in templates if item["created_from"]["domain"].lower() == domain]
    wanted_tags = {tag.strip() for raw in ctx.query.getlist("tags") for tag in raw.split(",") if tag.strip()}
    if wanted_tags:
        templates = [item for item in templates if wanted_tags <= set(item["tags"])]

    page, metadata = paginate([_public(item) for item in templates], list_query(ctx.query), default_per_page=25,
                              sort_keys=TEMPLATE_SORT_KEYS)
    return envelope({"site_templates": page}, metadata)


@route("GET", "/v1/sites/templates/{template_id}")
def get_template(ctx, template_id):
    return envelope(_public(record_by_uuid(site_templates(ctx.account), template_id, "site template")))


@route("DELETE", "/v1/sites/templates/{template_id}")
def delete_template(ctx, template_id):
    template = record_by_uuid(site_templates(ctx.account), template_id, "site template")
    del site_templates(ctx.account)[template["template_id"]]
    logger.info("Template %s deleted by account %s", template["template_id"], ctx.account.id)
    return envelope({"success": True})


@route("POST", "/v1/sites/templates/{template_id}/sites")
def create_site_from_template(ctx, template_id):
    template = record_by_uuid(site_templates(ctx.account), template_id, "site template")
    body = ctx.body()
    name = text(body, "name", max_length=100)
    if body.get("location") in (None, "") and body.get("restricted_location") in (None, ""):
        raise bad_request("location is required: pass a location id from GET /v1/sites/locations")
    location = _location(ctx, body)
    label = text(body, "label", required=False) or name
    metadata = _metadata(body.get("metadata", {}))
    replacements = body.get("template_replacements", [])
    if not isinstance(replacements, list) or not all(
            isinstance(item, dict) and isinstance(item.get("key"), str) and isinstance(item.get("value"), str)
            for item in replacements):
        raise bad_request("template_replacements must be a list of {\"key\": string, \"value\": string} objects")

    pending = sum(1 for task in ctx.state.tasks.values()
                  if task.task_type == CREATE_SITE_TASK and not task.settled
                  and task.meta_data.get("account") == ctx.account.email)
    used = len(ctx.state.sites_of(ctx.account)) + pending
    if used >= ctx.account.site_limit:
        raise bad_request(f"the {ctx.account.plan} plan allows {ctx.account.site_limit} sites and {used} are used "
                          "or being created from templates: delete a site or change the hosting plan")

    task = ctx.state.start_task(ctx.account, 0, CREATE_SITE_TASK, on_done=_create_site, task_level="account",
                                meta_data={"account": ctx.account.email, "template_id": template["template_id"]})
    task.payload.update({"template": copy.deepcopy(template), "label": label, "location_id": location.id,
                         "metadata": metadata})
    logger.info("Site from template %s started as task %s", template["template_id"], task.id)
    return envelope({"task_id": task.id, "task_level": "account"})


def _create_site(state, task):
    account = state.account_by_email(task.meta_data["account"])
    if account is None:
        return
    template = task.payload["template"]
    rng = state.rng("template-site", task.id)
    fields = site_fields(rng, task.payload["label"], None, state.location_by_id(task.payload["location_id"]),
                         task.started_at + task.duration, disk_usage_kb=52_000)
    site = state.add_site(account, metadata=task.payload["metadata"], **fields)
    site.extras["plugins"] = copy.deepcopy(template["_plugins"])
    site.extras["themes"] = copy.deepcopy(template["_themes"])
    task.meta_data["new_site_id"] = site.id
    logger.info("Task %s created site %s from template %s", task.id, site.id, template["template_id"])
