"""Plugins and themes of a site: reads and writes through the Rocket.net API.

Both tabs work the same way, so each function takes a `kind` ("plugins" or "themes") and picks the
matching rocketnet functions from KINDS.
"""

from dataclasses import dataclass

from accounts.services import client_for
from rocketnet.services import plugins, themes

PLUGINS = "plugins"
THEMES = "themes"


@dataclass(frozen=True)
class PackageApi:
    """The rocketnet functions of one package kind, and the directory orders its search accepts."""

    list_installed: object
    install: object
    change_status: object
    update: object
    delete: object
    search: object
    search_orders: tuple


KINDS = {
    PLUGINS: PackageApi(
        list_installed=plugins.list_plugins, install=plugins.install_plugins,
        change_status=lambda client, site_id, slug, status: plugins.change_plugin_status(
            client, site_id, plugin=slug, status=status),
        update=lambda client, site_id, slug: plugins.update_plugin(client, site_id, plugin=slug),
        delete=lambda client, site_id, slugs: plugins.delete_plugins(client, site_id, plugins=slugs),
        search=plugins.search_plugins, search_orders=plugins.SEARCH_BROWSE,
    ),
    THEMES: PackageApi(
        list_installed=themes.list_themes, install=themes.install_themes,
        change_status=lambda client, site_id, slug, status: themes.change_theme_status(
            client, site_id, theme=slug, status=status),
        update=lambda client, site_id, slug: themes.update_theme(client, site_id, theme=slug),
        delete=lambda client, site_id, slugs: themes.delete_themes(client, site_id, themes=slugs),
        search=themes.search_themes, search_orders=themes.SEARCH_BROWSE,
    ),
}

SEARCH_PAGE_SIZE = 12
# Notes in install and delete results that mean the package was installed or deleted as requested.
DONE_NOTES = {"", "deleted", "installed"}


@dataclass(frozen=True)
class SearchResult:
    """One package from the WordPress directory, with its install status on this site."""

    slug: str
    title: str
    version: str
    status: str
    description: str

    @property
    def installed(self):
        return self.status not in ("", "not_installed")


def list_installed(connection, site_id, kind):
    """Return the site's installed plugins or themes, sorted by title."""
    with client_for(connection) as client:
        items = KINDS[kind].list_installed(client, site_id)
    return sorted(items, key=lambda item: (item.title or item.name).lower())


def _search_result(item):
    # Plugin results carry the slug in `slug` and the title in `name`. Theme results carry the
    # slug in `name` and the title in `title`.
    slug = str(item.get("slug") or item.get("name") or "")
    return SearchResult(
        slug=slug,
        title=str(item.get("title") or item.get("name") or slug),
        version=str(item.get("version") or ""),
        status=str(item.get("status") or ""),
        description=str(item.get("short_description") or item.get("description") or ""),
    )


def search(connection, site_id, kind, *, query="", browse=None):
    """Return the first page of directory packages matching `query`, as SearchResults."""
    with client_for(connection) as client:
        items = KINDS[kind].search(client, site_id, query=query or None, browse=browse or None,
                                   page=1, per_page=SEARCH_PAGE_SIZE)
    return [_search_result(item) for item in items if isinstance(item, dict)]


def featured_plugins(connection, site_id):
    """Return the plugins Rocket.net features, each a dict with name, title, status and version."""
    with client_for(connection) as client:
        return plugins.list_featured_plugins(client, site_id)


def install(connection, site_id, kind, slugs, *, activate):
    """Install packages by slug; return the API's per-package results (a `note` explains a miss)."""
    with client_for(connection) as client:
        return KINDS[kind].install(client, site_id, **{kind: slugs, "activate": activate})


def change_status(connection, site_id, kind, slug, status):
    """Activate or deactivate one package; `status` is "activate" or "deactivate"."""
    with client_for(connection) as client:
        return KINDS[kind].change_status(client, site_id, slug, status)


def update(connection, site_id, kind, slug):
    """Update one package to its latest version."""
    with client_for(connection) as client:
        return KINDS[kind].update(client, site_id, slug)


def delete(connection, site_id, kind, slugs):
    """Delete packages by slug; return the API's per-package results."""
    with client_for(connection) as client:
        return KINDS[kind].delete(client, site_id, slugs)


def install_cdn_cache_plugin(connection, site_id):
    """Install (or reinstall) Rocket.net's CDN cache management plugin."""
    with client_for(connection) as client:
        plugins.install_cdn_cache_plugin(client, site_id)


def unfinished(results):
    """Return (slug, note) for each install or delete result whose note reports that it was not done."""
    missed = []
    for item in results or []:
        if not isinstance(item, dict):
            continue
        note = str(item.get("note") or "").strip()
        if note.lower() not in DONE_NOTES:
            missed.append((str(item.get("name") or ""), note))
    return missed
