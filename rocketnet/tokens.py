"""Token stores and JWT expiry parsing.

A token store keeps one connection's JWT between calls (and, for a database-backed store, between
processes). Any object with these three methods works:

    get() -> tuple[str, float] | None    # (token, expires_at as epoch seconds), or None
    save(token: str, expires_at: float) -> None
    clear() -> None

A store may also expose `key` (a string naming the connection). Clients whose stores share a key
share one login lock, so concurrent callers for the same connection in one process log in once.
Separate processes (several workers) each log in when they find no valid token in the store.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol, runtime_checkable

import jwt

logger = logging.getLogger(__name__)

# Used when a token carries no readable `exp` claim. The API's tokens live 7 days, so one hour
# renews far too early rather than too late, and a 401 still triggers a fresh login.
FALLBACK_LIFETIME_SECONDS = 3600


@runtime_checkable
class TokenStore(Protocol):
    def get(self) -> tuple[str, float] | None: ...

    def save(self, token: str, expires_at: float) -> None: ...

    def clear(self) -> None: ...


class MemoryTokenStore:
    """A token store that keeps the token in this process only (thread-safe)."""

    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self._lock = threading.Lock()
        self._value: tuple[str, float] | None = None

    def get(self) -> tuple[str, float] | None:
        with self._lock:
            return self._value

    def save(self, token: str, expires_at: float) -> None:
        with self._lock:
            self._value = (token, float(expires_at))

    def clear(self) -> None:
        with self._lock:
            self._value = None

    def __repr__(self) -> str:
        # Never show the token itself.
        state = "empty" if self._value is None else "holding a token"
        return f"<MemoryTokenStore key={self.key!r} {state}>"


def token_expiry(token: str, *, now: float | None = None) -> float:
    """Return the token's expiry as epoch seconds, read from its `exp` claim.

    The signature is not verified: the client only needs to know when to renew, and the server
    checks the signature on every call anyway. A token without a readable `exp` gets
    FALLBACK_LIFETIME_SECONDS from `now`.
    """
    now = time.time() if now is None else now
    try:
        claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})
    except jwt.PyJWTError as exc:
        logger.warning("Login token is not a readable JWT (%s); assuming it expires in %s s",
                       type(exc).__name__, FALLBACK_LIFETIME_SECONDS)
        return now + FALLBACK_LIFETIME_SECONDS

    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        logger.warning("Login token has no numeric exp claim; assuming it expires in %s s",
                       FALLBACK_LIFETIME_SECONDS)
        return now + FALLBACK_LIFETIME_SECONDS
    return float(exp)
