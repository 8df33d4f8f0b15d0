"""Shared logic of the plugins and themes handlers: installed lists and slug parsing."""

import re

from ..responses import bad_request

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def parse_slugs(value, name):
    """Split one comma-separated string of slugs, rejecting empty or malformed ones."""
    if not isinstance(value, str) or not value.strip():
        raise bad_request(f"{name} is required: one comma-separated string of slugs, for example \"akismet,classic-editor\"")

    slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
    for slug in slugs:
        if not SLUG.match(slug):
            raise bad_request(f"{name} contains an invalid slug {slug!r}: use lower-case WordPress.org slugs")
    return list(dict.fromkeys(slugs))


def installed_item(package, status, version):
    return {
        "name": package.slug,
        "title": package.title,
        "status": status,
        "version": version,
        "latest": package.version,
    }


def public_item(item, with_description=None):
    update = "available" if item["version"] != item["latest"] else "none"
    result = {
        "name": item["name"],
        "status": item["status"],
        "update": update,
        "update_version": item["latest"] if update == "available" else None,
        "version": item["version"],
        "title": item["title"],
    }
    if with_description is not None:
        result["description"] = with_description
    return result


def search_query(ctx):
    return ctx.query.get("query", "").strip().lower()


def matches(package, query):
    return not query or query in package.slug or query in package.title.lower() or query in package.description.lower()
