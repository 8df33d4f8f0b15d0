"""Themes: installed list, search, install/delete by slugs, activate and update.

WordPress always has exactly one active theme, so activating one deactivates the
others, and the active theme can be neither deactivated nor deleted.
"""

import logging

from .. import catalog
from ..responses import bad_request, envelope, list_envelope
from ..router import route
from .packages import installed_item, matches, parse_slugs, public_item, search_query

logger = logging.getLogger(__name__)

THEME_SORT_KEYS = {key: (lambda item, key=key: str(item[key]).lower())
                   for key in ("description", "name", "status", "title", "update", "version")}
BROWSE_ORDERS = ("featured", "new", "popular", "updated")


def installed_themes(state, site):
    """Return the site's installed themes, seeding a plausible set on first use."""
    if "themes" not in site.extras:
        rng = state.rng("themes", site.id)
        chosen = sorted(rng.sample(catalog.THEMES, rng.randint(2, 4)), key=lambda package: package.slug)
        active = rng.choice(chosen).slug
        themes = {}
        for package in chosen:
            version = catalog.older_version(package.version) if rng.random() < 0.3 else package.version
            themes[package.slug] = installed_item(package, "active" if package.slug == active else "inactive", version)
        site.extras["themes"] = themes
    return site.extras["themes"]


def _description(slug):
    return catalog.find(catalog.THEMES, slug).description


def _installed_or_400(themes, slug):
    if slug not in themes:
        raise bad_request(f"theme {slug!r} is not installed on this site")
    return themes[slug]


@route("GET", "/v1/sites/{id}/themes")
def list_themes(ctx, id):
    site = ctx.site(id)
    items = [public_item(item, _description(item["name"])) for item in installed_themes(ctx.state, site).values()]

    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items
                 if search in item["name"] or search in item["title"].lower() or search in item["description"].lower()]

    return list_envelope(items, ctx.query, default_per_page=50, sort_keys=THEME_SORT_KEYS)


@route("POST", "/v1/sites/{id}/themes")
def install_themes(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    slugs = parse_slugs(body.get("themes"), "themes")
    activate = body.get("activate", False)
    if not isinstance(activate, bool):
        raise bad_request(f"activate must be true or false, got {activate!r}")

    themes = installed_themes(ctx.state, site)
    results = []
    for slug in slugs:
        package = catalog.find(catalog.THEMES, slug)
        if package is None:
            results.append({"name": slug, "version": "", "activated": False, "note": "404: Theme not found"})
            continue
        if slug in themes:
            results.append({"name": slug, "version": themes[slug]["version"],
                            "activated": themes[slug]["status"] == "active", "note": "Theme already installed"})
            continue

        themes[slug] = installed_item(package, "inactive", package.version)
        if activate:
            _activate(themes, slug)
        results.append({"name": slug, "version": package.version, "activated": activate, "note": ""})
    return envelope(results)


def _activate(themes, slug):
    for item in themes.values():
        item["status"] = "active" if item["name"] == slug else "inactive"


@route("DELETE", "/v1/sites/{id}/themes")
def delete_themes(ctx, id):
    site = ctx.unlocked_site(id)
    slugs = parse_slugs(ctx.body().get("themes"), "themes")
    themes = installed_themes(ctx.state, site)

    results = []
    for slug in slugs:
        item = themes.get(slug)
        if item is None:
            results.append({"name": slug, "note": "theme not found"})
        elif item["status"] == "active":
            results.append({"name": slug, "note": "cannot delete the active theme: activate another theme first"})
        else:
            del themes[slug]
            results.append({"name": slug, "note": "deleted"})
    return envelope(results)


@route("PATCH", "/v1/sites/{id}/themes")
def change_theme_status(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    slugs = parse_slugs(body.get("theme"), "theme")
    status = body.get("status", "activate")
    if status not in ("activate", "deactivate"):
        raise bad_request(f"status must be 'activate' or 'deactivate', got {status!r}")
    if len(slugs) != 1:
        raise bad_request(f"theme must name exactly one theme, got {len(slugs)}")

    themes = installed_themes(ctx.state, site)
    item = _installed_or_400(themes, slugs[0])
    if status == "deactivate":
        if item["status"] == "active":
            raise bad_request(f"theme {slugs[0]!r} is the active theme: activate another theme instead")
        return envelope([{"name": slugs[0], "activated": "false"}])

    _activate(themes, slugs[0])
    return envelope([{"name": slugs[0], "activated": "true"}])


@route("PUT", "/v1/sites/{id}/themes")
def update_themes(ctx, id):
    site = ctx.unlocked_site(id)
    slugs = parse_slugs(ctx.body().get("theme"), "theme")
    themes = installed_themes(ctx.state, site)
    for slug in slugs:
        _installed_or_400(themes, slug)

    results = []
    for slug in slugs:
        item = themes[slug]
        old_version = item["version"]
        item["version"] = item["latest"]
        note = "Theme already updated" if old_version == item["latest"] else "Theme updated successfully"
        results.append({"name": slug, "old_version": old_version, "new_version": item["version"], "note": note})
    return envelope(results)


@route("GET", "/v1/sites/{id}/themes/search")
def search_themes(ctx, id):
    site = ctx.site(id)
    query = search_query(ctx)
    browse = ctx.query.get("browse")
    if browse is not None and browse not in BROWSE_ORDERS:
        raise bad_request(f"browse must be one of {', '.join(BROWSE_ORDERS)}, got {browse!r}")

    themes = installed_themes(ctx.state, site)
    items = []
    for package in catalog.THEMES:
        if not matches(package, query):
            continue
        installed = themes.get(package.slug)
        items.append({
            "name": package.slug,
            "status": installed["status"] if installed else "not_installed",
            "version": package.version,
            "title": package.title,
            "screenshot_url": f"https://ts.w.org/wp-content/themes/{package.slug}/screenshot.png",
            "preview_url": f"https://wp-themes.com/{package.slug}/",
            "description": package.description,
        })
    return list_envelope(items, ctx.query, default_per_page=10)
