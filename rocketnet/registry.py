"""The operation registry: which client function calls which API operation.

Each service function is decorated with `@operation("GET", "/v1/sites/{id}")`. Tests compare
`registered_operations()` with the published spec, so every operation has exactly one function.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import warnings
from dataclasses import dataclass
from typing import Callable

HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    function: Callable
    idempotent: bool
    deprecated: bool
    replacement: str | None


_REGISTRY: dict[tuple[str, str], list[Operation]] = {}


def operation(
    method: str,
    path: str,
    *,
    idempotent: bool | None = None,
    deprecated: bool = False,
    replacement: str | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated function as the client for `method path`.

    `idempotent` sets whether the call may be repeated after a failure that may have reached the
    server; it defaults to True for GET and HEAD only. A deprecated operation emits a
    DeprecationWarning naming `replacement` each time it is called.
    """
    method = method.upper()
    if method not in HTTP_METHODS:
        raise ValueError(f"Unknown HTTP method {method!r}; use one of {sorted(HTTP_METHODS)}")
    if not path.startswith("/v1/"):
        raise ValueError(f"Operation path {path!r} must start with /v1/")
    if idempotent is None:
        idempotent = method in ("GET", "HEAD")

    def decorate(function: Callable) -> Callable:
        target = function
        if deprecated:
            target = _warn_when_called(function, method, path, replacement)

        entry = Operation(method, path, target, idempotent, deprecated, replacement)
        _REGISTRY.setdefault((method, path), []).append(entry)
        target.operation = entry
        return target

    return decorate


def _warn_when_called(function: Callable, method: str, path: str, replacement: str | None) -> Callable:
    advice = f"use {replacement} instead" if replacement else "the API offers no replacement"

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        warnings.warn(
            f"{function.__name__} calls the deprecated operation {method} {path}; {advice}",
            DeprecationWarning,
            stacklevel=2,
        )
        return function(*args, **kwargs)

    return wrapper


def is_idempotent(method: str, path: str) -> bool:
    """Return whether `method path` may be repeated after a failure that may have reached the server.

    A registered operation carries its own flag; anything else is safe only for GET and HEAD.
    """
    method = method.upper()
    entries = _REGISTRY.get((method, path))
    if entries:
        return entries[0].idempotent
    return method in ("GET", "HEAD")


def load_all_services() -> None:
    """Import every module under rocketnet.services so that all operations are registered."""
    package = importlib.import_module("rocketnet.services")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"rocketnet.services.{module.name}")


def registered_operations() -> dict[tuple[str, str], list[Operation]]:
    """Return every registered operation, keyed by (method, path), after loading all services."""
    load_all_services()
    return {key: list(entries) for key, entries in _REGISTRY.items()}
