"""Plugins: installed list, search, install/delete by slugs, activate, update, featured."""

import logging

from .. import catalog
from ..responses import bad_request, envelope, list_envelope
from ..router import route
from .packages import installed_item, matches, parse_slugs, public_item, search_query

logger = logging.getLogger(__name__)

PLUGIN_SORT_KEYS = {key: (lambda item, key=key: str(item[key]).lower())
                    for key in ("name", "status", "title", "update", "version")}
BROWSE_ORDERS = ("new", "popular", "top-rated", "updated")


def installed_plugins(state, site):
    """Return the site's installed plugins, seeding a plausible set on first use."""
    if "plugins" not in site.extras:
        rng = state.rng("plugins", site.id)
        chosen = rng.sample(catalog.PLUGINS[:-1], rng.randint(4, 8))
        chosen.append(catalog.find(catalog.PLUGINS, catalog.ROCKET_CDN_PLUGIN))
        plugins = {}
        for package in sorted(chosen, key=lambda package: package.slug):
            version = catalog.older_version(package.version) if rng.random() < 0.35 else package.version
            status = "active" if rng.random() < 0.8 or package.slug == catalog.ROCKET_CDN_PLUGIN else "inactive"
            plugins[package.slug] = installed_item(package, status, version)
        site.extras["plugins"] = plugins
    return site.extras["plugins"]


def _installed_or_400(plugins, slug):
    if slug not in plugins:
        raise bad_request(f"plugin {slug!r} is not installed on this site")
    return plugins[slug]


@route("GET", "/v1/sites/{id}/plugins")
def list_plugins(ctx, id):
    site = ctx.site(id)
    items = [public_item(item) for item in installed_plugins(ctx.state, site).values()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["name"] or search in item["title"].lower()]

    return list_envelope(items, ctx.query, default_per_page=500, sort_keys=PLUGIN_SORT_KEYS,
                         default_sort="title")


@route("POST", "/v1/sites/{id}/plugins")
def install_plugins(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    slugs = parse_slugs(body.get("plugins"), "plugins")
    activate = body.get("activate", False)
    if not isinstance(activate, bool):
        raise bad_request(f"activate must be true or false, got {activate!r}")

    plugins = installed_plugins(ctx.state, site)
    results = []
    for slug in slugs:
        package = catalog.find(catalog.PLUGINS, slug)
        if package is None:
            results.append({"name": slug, "version": "", "activated": False, "note": "404: Plugin not found"})
            continue
        if slug in plugins:
            results.append({"name": slug, "version": plugins[slug]["version"],
                            "activated": plugins[slug]["status"] == "active", "note": "Plugin already installed"})
            continue

        plugins[slug] = installed_item(package, "active" if activate else "inactive", package.version)
        results.append({"name": slug, "version": package.version, "activated": activate, "note": ""})

    logger.info("Plugins installed on site %s: %s", site.id, slugs)
    return envelope(results)


@route("DELETE", "/v1/sites/{id}/plugins")
def delete_plugins(ctx, id):
    site = ctx.unlocked_site(id)
    slugs = parse_slugs(ctx.body().get("plugins"), "plugins")
    plugins = installed_plugins(ctx.state, site)

    results = []
    for slug in slugs:
        removed = plugins.pop(slug, None)
        results.append({"name": slug, "note": "deleted" if removed else "plugin not found"})
    return envelope(results)


@route("PATCH", "/v1/sites/{id}/plugins")
def change_plugin_status(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    slugs = parse_slugs(body.get("plugin"), "plugin")
    status = body.get("status")
    if status not in ("activate", "deactivate"):
        raise bad_request(f"status must be 'activate' or 'deactivate', got {status!r}")

    plugins = installed_plugins(ctx.state, site)
    for slug in slugs:
        _installed_or_400(plugins, slug)

    results = []
    for slug in slugs:
        plugins[slug]["status"] = "active" if status == "activate" else "inactive"
        results.append({"name": slug, "activated": "true" if status == "activate" else "false"})
    return envelope(results)


@route("PUT", "/v1/sites/{id}/plugins")
def update_plugins(ctx, id):
    site = ctx.unlocked_site(id)
    slugs = parse_slugs(ctx.body().get("plugin"), "plugin")
    plugins = installed_plugins(ctx.state, site)
    for slug in slugs:
        _installed_or_400(plugins, slug)

    results = []
    for slug in slugs:
        item = plugins[slug]
        old_version = item["version"]
        item["version"] = item["latest"]
        note = "Plugin already updated" if old_version == item["latest"] else "Plugin updated successfully"
        results.append({"name": slug, "old_version": old_version, "new_version": item["version"], "note": note})
    return envelope(results)


@route("GET", "/v1/sites/{id}/plugins/search")
def search_plugins(ctx, id):
    site = ctx.site(id)
    query = search_query(ctx)
    browse = ctx.query.get("browse")
    if browse is not None and browse not in BROWSE_ORDERS:
        raise bad_request(f"browse must be one of {', '.join(BROWSE_ORDERS)}, got {browse!r}")

    packages = [package for package in catalog.PLUGINS if matches(package, query)]
    if browse in ("popular", "top-rated"):
        key = "active_installs" if browse == "popular" else "rating"
        packages.sort(key=lambda package: getattr(package, key), reverse=True)

    plugins = installed_plugins(ctx.state, site)
    items = [_search_item(package, plugins.get(package.slug)) for package in packages]
    return list_envelope(items, ctx.query, default_per_page=10)


def _search_item(package, installed):
    return {
        "name": package.title,
        "status": installed["status"] if installed else "not_installed",
        "update": "available" if installed and installed["version"] != package.version else "none",
        "version": package.version,
        "icons": {"1x": f"https://ps.w.org/{package.slug}/assets/icon-128x128.png",
                  "2x": f"https://ps.w.org/{package.slug}/assets/icon-256x256.png"},
        "slug": package.slug,
        "rating": package.rating,
        "num_ratings": package.active_installs // 1000,
        "downloaded": package.active_installs * 12,
        "homepage": f"https://wordpress.org/plugins/{package.slug}/",
        "short_description": package.description,
        "description": package.description,
        "active_installs": package.active_installs,
    }


FEATURED = ("wordpress-seo", "wp-mail-smtp", "redirection", "updraftplus")


@route("GET", "/v1/sites/{id}/featured_plugins")
def featured_plugins(ctx, id):
    site = ctx.site(id)
    plugins = installed_plugins(ctx.state, site)
    items = []
    for slug in FEATURED:
        package = catalog.find(catalog.PLUGINS, slug)
        installed = plugins.get(slug)
        items.append({
            "name": slug,
            "description": package.description,
            "uninstall_description": f"Removes {package.title} and its settings from the site.",
            "icons": {"1x": f"https://ps.w.org/{slug}/assets/icon-128x128.png",
                      "2x": f"https://ps.w.org/{slug}/assets/icon-256x256.png"},
            "status": installed["status"] if installed else "not_installed",
            "update": "available" if installed and installed["version"] != package.version else "none",
            "version": installed["version"] if installed else package.version,
            "title": package.title,
        })
    return list_envelope(items, ctx.query, default_per_page=100)


@route("POST", "/v1/sites/{id}/plugins/rocket/cdn_cache_management")
def reinstall_cdn_plugin(ctx, id):
    site = ctx.unlocked_site(id)
    package = catalog.find(catalog.PLUGINS, catalog.ROCKET_CDN_PLUGIN)
    installed_plugins(ctx.state, site)[package.slug] = installed_item(package, "active", package.version)
    logger.info("Rocket CDN plugin reinstalled on site %s", site.id)
    return envelope({"success": True})
