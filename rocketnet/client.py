"""The transport: one HTTP session per connection, login and token reuse, retries, envelope parsing.

Service modules call `Client.send()`; they never touch `requests` themselves.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Any, Callable, Mapping
from urllib.parse import quote

import requests

from rocketnet import errors
from rocketnet.envelope import ApiResult, error_from_response, parse_retry_after, parse_success
from rocketnet.registry import is_idempotent, operation
from rocketnet.retry import RETRY_STATUSES, RetryPolicy, request_never_sent
from rocketnet.tokens import MemoryTokenStore, TokenStore, token_expiry
from rocketnet.version import __version__

logger = logging.getLogger(__name__)

USER_AGENT = f"rocketdash/{__version__} (+Rocket.net agency dashboard)"
LOGIN_PATH = "/v1/login"

# Renew this many seconds before the token's exp claim, so a call never starts with a token that
# expires on its way to the server.
RENEW_MARGIN_SECONDS = 300

# The API publishes no rate limit, so each connection caps its own parallel requests. The cap is
# a guess meant to stay polite, not a measured server limit.
DEFAULT_MAX_CONCURRENT_REQUESTS = 4

_login_locks: dict[str, threading.Lock] = {}
_request_slots: dict[str, threading.BoundedSemaphore] = {}
_registry_guard = threading.Lock()


def _login_lock(key: str) -> threading.Lock:
    with _registry_guard:
        return _login_locks.setdefault(key, threading.Lock())


def _request_slot(key: str, size: int) -> threading.BoundedSemaphore:
    # The first client of a connection fixes the size; later clients share the same semaphore.
    with _registry_guard:
        return _request_slots.setdefault(key, threading.BoundedSemaphore(size))


def _without_userinfo(url: str) -> str:
    """Return `url` without a user name and password before the host, so error messages never show them."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url.rpartition("@")[2]
    authority, slash, path = rest.partition("/")
    return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"


class Client:
    """A Rocket.net API client for one account (one username).

    `timeout` is (connect seconds, read seconds) and applies to every call. At most
    `max_concurrent_requests` requests per connection (per token-store key, across all clients in
    this process) are in flight at once. `sleep`, `clock` and `uniform` exist so tests control
    waiting, time and jitter.
    """

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        token_store: TokenStore | None = None,
        timeout: tuple[float, float] = (5, 30),
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        uniform: Callable[[float, float], float] = random.uniform,
        max_concurrent_requests: int = DEFAULT_MAX_CONCURRENT_REQUESTS,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url {_without_userinfo(base_url)!r} must start with http:// or https://")
        if len(timeout) != 2 or min(timeout) <= 0:
            raise ValueError(f"timeout {timeout!r} must be (connect seconds, read seconds), both above 0")
        if max_concurrent_requests < 1:
            raise ValueError(f"max_concurrent_requests={max_concurrent_requests!r} must be at least 1")

        self.base_url = base_url.rstrip("/")
        self.username = username
        self._password = password
        self.token_store = token_store if token_store is not None else MemoryTokenStore()
        self.timeout = (float(timeout[0]), float(timeout[1]))
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.clock = clock
        self.uniform = uniform
        self.max_concurrent_requests = max_concurrent_requests

        self.session = session or requests.Session()
        self.session.headers.update({
            "User-Agent": user_agent,
            "Accept": "application/json",
        })

    def __repr__(self) -> str:
        return f"<rocketnet.Client {self.base_url} user={self.username!r}>"

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def lock_key(self) -> str:
        """The name of this connection's login lock: the store's `key`, or base URL and username."""
        key = getattr(self.token_store, "key", None)
        return str(key) if key else f"{self.base_url}|{self.username}"

    # -- public calls -----------------------------------------------------------------------

    def send(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        idempotent: bool | None = None,
    ) -> ApiResult:
        """Call one operation and return its unwrapped result, or raise a RocketNetError.

        `path` is the spec's template (e.g. "/v1/sites/{id}"); `path_params` fill it. Query values
        that are None are left out. `idempotent` defaults to the registered operation's flag, or to
        True for GET and HEAD only.
        """
        response = self._send_authenticated(method, path, path_params, query, body, idempotent, stream=False)
        return parse_success(response, method.upper(), self._fill_path(path, path_params))

    def stream(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> requests.Response:
        """Call a download operation and return the open streaming response.

        The caller reads it with `iter_content()` and must close it (it is a context manager).
        """
        return self._send_authenticated(method, path, path_params, query, None, idempotent, stream=True)

    def request(self, method: str, path: str, **kwargs) -> ApiResult:
        """Call any path, for debugging; every operation also has a named function in services."""
        return self.send(method, path, **kwargs)

    def login(self) -> str:
        """Log in now, store the token and return it."""
        response = self._send_with_retries(
            "POST", LOGIN_PATH, {}, None,
            {"username": self.username, "password": self._password},
            idempotent=False, token=None, stream=False,
        )
        if response.status_code >= 400:
            error = error_from_response(response, "POST", LOGIN_PATH)
            if isinstance(error, errors.ValidationError) or response.status_code == 401:
                # A bad username or password comes back as 400 or 401; both mean the same to callers.
                error = errors.AuthenticationError(
                    response.status_code,
                    [f"login rejected for {self.username}"] + error.messages,
                    method="POST", path=LOGIN_PATH, error_codes=error.error_codes,
                )
            raise error
        result = parse_success(response, "POST", LOGIN_PATH).result
        token = result.get("token") if isinstance(result, dict) else None
        if not isinstance(token, str) or not token:
            raise errors.AuthenticationError(
                response.status_code, ["login response contained no token"], method="POST", path=LOGIN_PATH,
            )

        expires_at = token_expiry(token, now=self.clock())
        self.token_store.save(token, expires_at)
        logger.info("Logged in to %s as %s; token valid until %s", self.base_url, self.username, int(expires_at))
        return token

    # -- tokens -----------------------------------------------------------------------------

    def _usable_token(self) -> str | None:
        stored = self.token_store.get()
        if not stored:
            return None
        token, expires_at = stored
        if expires_at - RENEW_MARGIN_SECONDS <= self.clock():
            return None
        return token

    def _current_token(self) -> str:
        token = self._usable_token()
        if token:
            return token

        # Concurrent callers wait here; the first logs in, the rest find its token in the store.
        with _login_lock(self.lock_key):
            token = self._usable_token()
            if token:
                return token
            return self.login()

    def _renew_after_rejection(self, rejected: str) -> str:
        with _login_lock(self.lock_key):
            token = self._usable_token()
            if token and token != rejected:
                return token
            self.token_store.clear()
            return self.login()

    # -- sending ----------------------------------------------------------------------------

    def _send_authenticated(self, method, path, path_params, query, body, idempotent, *, stream):
        method = method.upper()
        token = self._current_token()
        response = self._send_with_retries(
            method, path, path_params, query, body, idempotent=idempotent, token=token, stream=stream,
        )
        if response.status_code != 401:
            return self._checked(response, method, path, path_params)

        # A 401 means the server refused the request before acting on it, so repeating is safe.
        # Log in once and repeat once; a second 401 is final.
        response.close()
        logger.info("Token rejected on %s %s; logging in again", method, self._fill_path(path, path_params))
        token = self._renew_after_rejection(token)
        response = self._send_with_retries(
            method, path, path_params, query, body, idempotent=idempotent, token=token, stream=stream,
        )
        return self._checked(response, method, path, path_params)

    def _checked(self, response, method, path, path_params):
        if response.status_code < 400:
            return response
        filled = self._fill_path(path, path_params)
        error = error_from_response(response, method, filled)
        response.close()
        level = logging.WARNING if response.status_code >= 500 else logging.DEBUG
        logger.log(level, "%s %s failed: %s", method, filled, error)
        raise error

    def _send_with_retries(self, method, path, path_params, query, body, *, idempotent, token, stream):
        method = method.upper()
        if idempotent is None:
            idempotent = is_idempotent(method, path)
        filled = self._fill_path(path, path_params)
        attempt = 0

        while True:
            attempt += 1
            try:
                response = self._send_once(method, filled, query, body, token, stream)
            except requests.RequestException as exc:
                error = _transport_error(exc, method, filled)
                may_repeat = idempotent or request_never_sent(exc)
                if not may_repeat or attempt >= self.retry.max_attempts:
                    raise error from exc
                self._wait(method, filled, attempt, type(exc).__name__, None)
                continue

            if response.status_code not in RETRY_STATUSES or attempt >= self.retry.max_attempts:
                return response
            # 429 means the server refused the request without acting on it, so any method may be
            # repeated. A 502/503/504 may come after the server acted, so only idempotent calls are.
            if response.status_code != 429 and not idempotent:
                return response

            retry_after = _retry_after(response)
            if retry_after is not None and retry_after > self.retry.max_retry_after:
                logger.warning(
                    "%s %s: server asked to wait %.0f s, more than the %.0f s cap; giving up",
                    method, filled, retry_after, self.retry.max_retry_after,
                )
                return response
            response.close()
            self._wait(method, filled, attempt, f"HTTP {response.status_code}", retry_after)

    def _send_once(self, method, filled_path, query, body, token, stream) -> requests.Response:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"

        # NOTE: for a streamed download the slot is released once the headers arrive, so reading
        # the body does not count against the cap.
        with _request_slot(self.lock_key, self.max_concurrent_requests):
            return self.session.request(
                method,
                self.base_url + filled_path,
                params=_clean_query(query),
                json=body,
                headers=headers,
                timeout=self.timeout,
                stream=stream,
            )

    def _wait(self, method, path, attempt, reason, retry_after):
        delay = retry_after if retry_after is not None else self.retry.backoff(attempt, self.uniform)
        logger.warning(
            "Retrying %s %s after attempt %d failed (%s); waiting %.2f s",
            method, path, attempt, reason, delay,
        )
        self.sleep(delay)

    @staticmethod
    def _fill_path(path: str, path_params: Mapping[str, Any] | None) -> str:
        if not path_params:
            return path
        quoted = {name: quote(str(value), safe="") for name, value in path_params.items()}
        return path.format(**quoted)


def _clean_query(query: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not query:
        return None
    cleaned = {}
    for name, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        cleaned[name] = value
    return cleaned


def _retry_after(response: requests.Response) -> float | None:
    return parse_retry_after(response.headers.get("Retry-After"))


def _transport_error(exc: requests.RequestException, method: str, path: str) -> errors.TransportError:
    context = {"method": method, "path": path, "request_sent": not request_never_sent(exc)}
    if isinstance(exc, requests.exceptions.Timeout):
        kind = "connect timeout" if isinstance(exc, requests.exceptions.ConnectTimeout) else "read timeout"
        return errors.APITimeoutError(None, [f"{kind} talking to the Rocket.net API"], **context)
    # str(exc) is left out on purpose: requests puts the full URL in it, query string included,
    # and a download URL's query carries an access token.
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    detail = type(exc).__name__ + (f"/{type(reason).__name__}" if isinstance(reason, Exception) else "")
    return errors.APIUnreachableError(None, [f"could not reach the Rocket.net API ({detail})"], **context)


@operation("POST", LOGIN_PATH)
def log_in(client: Client) -> str:
    """Log in with the client's username and password, store the token and return it.

    Calls need no explicit login: the client logs in on first use and again on a 401.
    """
    return client.login()
