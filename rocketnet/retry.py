"""When the client repeats a failed call, and how long it waits first."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

import requests
import urllib3.exceptions

RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter.

    `max_attempts` counts the first try. The wait before attempt n+1 is a uniform random value in
    [0, min(max_backoff, base_backoff * 2 ** (n - 1))] seconds, unless the server sent Retry-After,
    which is honoured up to `max_retry_after` seconds. A longer Retry-After is not waited for: the
    error is raised so that the caller (a worker) is not pinned.
    """

    max_attempts: int = 4
    base_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 30.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts={self.max_attempts!r} must be at least 1 (1 means no retries)")
        if self.base_backoff < 0 or self.max_backoff < 0 or self.max_retry_after < 0:
            raise ValueError("base_backoff, max_backoff and max_retry_after must be 0 or more seconds")

    def backoff(self, attempt: int, uniform: Callable[[float, float], float] = random.uniform) -> float:
        ceiling = min(self.max_backoff, self.base_backoff * 2 ** (attempt - 1))
        return uniform(0.0, ceiling)


def request_never_sent(exc: requests.RequestException) -> bool:
    """Return True when the connection failed before any byte of the request left this machine.

    Only then may a non-idempotent call be repeated: a read timeout or a dropped connection
    after sending may mean the server acted on it.
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False

    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.MaxRetryError):
        reason = reason.reason
    return isinstance(reason, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError))
