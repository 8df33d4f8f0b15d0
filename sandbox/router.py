"""One route table that every handler module adds to with ``@route``.

A handler module registers each operation under the spec's own method and path, for
example ``@route("GET", "/v1/sites/{id}")``, so the list of implemented operations can
be compared with the spec. ``sandbox.app`` turns the table into a Werkzeug URL map.
"""

import re
from dataclasses import dataclass
from typing import Callable

from werkzeug.routing import Map, Rule


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Callable
    authenticated: bool


ROUTES: list[Route] = []

_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


def route(method, path, authenticated=True):
    """Register the decorated function as the handler of ``method path`` (spec spelling)."""

    def decorator(handler):
        for existing in ROUTES:
            if (existing.method, existing.path) == (method.upper(), path):
                raise ValueError(
                    f"{method.upper()} {path} is already handled by "
                    f"{existing.handler.__module__}.{existing.handler.__name__}"
                )
        ROUTES.append(Route(method.upper(), path, handler, authenticated))
        return handler

    return decorator


def werkzeug_rule_path(spec_path):
    """Convert ``/v1/sites/{id}`` to Werkzeug's ``/v1/sites/<id>``.

    Placeholders stay strings, so the handlers can reject a malformed id with a 400
    that names it instead of a bare 404 from the URL converter.
    """
    return _PLACEHOLDER.sub(r"<\1>", spec_path)


def build_url_map(routes):
    rules = [
        Rule(werkzeug_rule_path(item.path), methods=[item.method], endpoint=item)
        for item in routes
    ]
    return Map(rules, strict_slashes=False, merge_slashes=False)


def implemented_operations():
    """Return the sorted (method, spec path) pairs of every registered operation."""
    return sorted({(item.method, item.path) for item in ROUTES})
