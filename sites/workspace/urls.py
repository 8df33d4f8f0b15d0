"""URL patterns of every workspace tab, mounted under connections/<pk>/sites/<site_id>/.

Each tab module defines `urlpatterns` with names starting "ws_". A module listed here that is not
written yet is skipped, so tabs can land one at a time; any other import error is raised.
"""

import importlib

TAB_MODULES = [
    "overview", "domains", "cache", "packages", "backups", "files", "ftp", "ssh", "wpcli", "staging",
    "users", "protection", "shopshield", "activity", "logs", "settings", "templates", "transfers",
]


def _load_patterns():
    patterns = []
    for name in TAB_MODULES:
        dotted = f"sites.workspace.{name}"
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as error:
            if error.name != dotted:
                raise
            continue
        patterns.extend(module.urlpatterns)
    return patterns


urlpatterns = _load_patterns()
