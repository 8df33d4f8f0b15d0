"""Site templates: save a site as a template and create sites from it.

Written by rocketnet/codegen/generate_services.py from the OpenAPI spec: change the tables in
that script and run it again rather than editing this file.
"""

from __future__ import annotations

from typing import Any

from rocketnet.client import Client
from rocketnet.models import TaskHandle
from rocketnet.registry import operation
from rocketnet.services._common import (
    DIRECTIONS,
    body_of,
    check_choice,
    check_required,
    list_all,
    task_handle,
)


@operation("GET", "/v1/sites/templates")
def list_site_templates(
    client: Client,
    *,
    created_from_site_id: int | None = None,
    created_from_domain: str | None = None,
    tags: list | None = None,
    sort: str | None = None,
    direction: str | None = None,
    per_page: int = 100,
) -> list[dict]:
    """Return every site template, optionally filtered by source site, domain or tags."""
    check_choice("sort", sort, ("name", "created_at", "updated_at"))
    check_choice("direction", direction, DIRECTIONS)

    query = {
        "created_from.site_id": created_from_site_id,
        "created_from.domain": created_from_domain,
        "tags": tags,
        "sort": sort,
        "direction": direction,
    }
    return list_all(
        client,
        "/v1/sites/templates",
        query=query,
        per_page=per_page,
        items_key="site_templates",
        id_key="template_id",
    )


@operation("GET", "/v1/sites/templates/{template_id}")
def get_site_template(client: Client, template_id: str) -> Any:
    return client.send(
        "GET",
        "/v1/sites/templates/{template_id}",
        path_params={"template_id": template_id},
    ).result


@operation("DELETE", "/v1/sites/templates/{template_id}")
def delete_site_template(client: Client, template_id: str) -> Any:
    return client.send(
        "DELETE",
        "/v1/sites/templates/{template_id}",
        path_params={"template_id": template_id},
    ).result


@operation("POST", "/v1/site_templates")
def create_site_template(
    client: Client,
    *,
    name: str,
    site_id: int,
    notes: str | None = None,
    tags: list | None = None,
) -> TaskHandle:
    """Save a site as a template.

    Starts a background task; follow it with site_tasks.wait_for_task().
    """
    check_required("name", name)
    check_required("site_id", site_id)

    body = body_of(name=name, site_id=site_id, notes=notes, tags=tags)
    result = client.send("POST", "/v1/site_templates", body=body).result
    return task_handle(result, None)


@operation("POST", "/v1/sites/templates", deprecated=True, replacement="site_templates.create_site_template")
def create_site_template_now(
    client: Client,
    *,
    name: str,
    site_id: int,
    notes: str | None = None,
    tags: list | None = None,
) -> Any:
    """Save a site as a template within the request (the old call).

    Deprecated: use site_templates.create_site_template (POST /v1/site_templates) instead.
    """
    check_required("name", name)
    check_required("site_id", site_id)

    body = body_of(name=name, site_id=site_id, notes=notes, tags=tags)
    return client.send("POST", "/v1/sites/templates", body=body).result


@operation("POST", "/v1/sites/templates/{template_id}/sites")
def create_site_from_template(
    client: Client,
    template_id: str,
    *,
    name: str,
    location: int | None = None,
    restricted_location: int | None = None,
    sub_path: str | None = None,
    label: str | None = None,
    metadata: dict | None = None,
    template_replacements: list | None = None,
) -> TaskHandle:
    """Create a new site from a template; `name` becomes the new site's name.

    Starts a background task; follow it with site_tasks.wait_for_task().
    """
    check_required("name", name)

    body = body_of(
        name=name,
        location=location,
        restricted_location=restricted_location,
        sub_path=sub_path,
        label=label,
        metadata=metadata,
        template_replacements=template_replacements,
    )
    result = client.send(
        "POST",
        "/v1/sites/templates/{template_id}/sites",
        path_params={"template_id": template_id},
        body=body,
    ).result
    return task_handle(result, None)
