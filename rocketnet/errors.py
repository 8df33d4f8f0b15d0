"""The error hierarchy of the Rocket.net client.

Every error subclasses RocketNetError and carries `status` (the HTTP status, or None when no
response arrived), `messages` (the server's messages, trimmed) and `retryable` (whether the same
call may succeed later without any change). No error text ever contains a password or a token,
because errors are built only from the server's messages, the method and the path template values.
"""

from __future__ import annotations


class RocketNetError(Exception):
    """Base class: a Rocket.net API call failed."""

    default_retryable = False

    def __init__(
        self,
        status: int | None = None,
        messages: list[str] | tuple[str, ...] | str | None = None,
        retryable: bool | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        error_codes: list[str] | tuple[str, ...] | None = None,
    ) -> None:
        if isinstance(messages, str):
            messages = [messages]
        self.status = status
        self.messages = list(messages or [])
        self.retryable = self.default_retryable if retryable is None else retryable
        self.method = method
        self.path = path
        self.error_codes = list(error_codes or [])
        super().__init__(str(self))

    def __reduce__(self):
        # Rebuild from the attributes, not from args, so pickling (Celery result backends,
        # multiprocessing) keeps status, messages and retryable on every subclass.
        return _restore, (type(self), self.__dict__.copy())

    def _describe(self) -> str:
        return "; ".join(self.messages) or "no message from the server"

    def __str__(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.method and self.path:
            parts.append(f"on {self.method} {self.path}")
        prefix = " ".join(parts)
        text = self._describe()
        if self.error_codes:
            text += f" (error codes: {', '.join(self.error_codes)})"
        return f"{prefix}: {text}" if prefix else text


def _restore(cls: type[RocketNetError], state: dict) -> RocketNetError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, str(error))
    return error


class AuthenticationError(RocketNetError):
    """401, or the login itself was rejected: the stored username or password is wrong."""


class PermissionDeniedError(RocketNetError):
    """403: the account may not do this (or Cloudflare blocked the client, error 1010)."""


class NotFoundError(RocketNetError):
    """404 (or 410 for a backup that expired): the object does not exist for this account."""


class ValidationError(RocketNetError):
    """400, 405, 409, 412 or 422: the server rejected the input; `field_errors` maps fields to messages."""

    def __init__(self, *args, field_errors: dict[str, list[str]] | None = None, **kwargs) -> None:
        self.field_errors = dict(field_errors or {})
        super().__init__(*args, **kwargs)

    def _describe(self) -> str:
        text = super()._describe()
        if self.field_errors:
            fields = "; ".join(f"{name}: {', '.join(msgs)}" for name, msgs in self.field_errors.items())
            text = f"{text} ({fields})"
        return text


class SiteLockedError(ValidationError):
    """400 because the site is locked, usually by a running clone; retry once the clone ends."""

    default_retryable = True


class RateLimitedError(RocketNetError):
    """429: too many requests; `retry_after` is the server's wait in seconds, if it sent one."""

    default_retryable = True

    def __init__(self, *args, retry_after: float | None = None, **kwargs) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)

    def _describe(self) -> str:
        text = super()._describe()
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g} s)"
        return text


class ServerError(RocketNetError):
    """5xx: the server failed; the same call may work later."""

    default_retryable = True


class TransportError(RocketNetError):
    """No usable HTTP response arrived (network failure or timeout).

    `request_sent` is False only when the connection failed before the request left this
    machine. When it is True (a read timeout, a dropped connection), the server may have acted,
    so read the state back before repeating a call that changes something.
    """

    default_retryable = True

    def __init__(self, *args, request_sent: bool = True, **kwargs) -> None:
        self.request_sent = request_sent
        super().__init__(*args, **kwargs)


class APITimeoutError(TransportError):
    """The connection or the response timed out."""


class APIUnreachableError(TransportError):
    """The API host could not be reached (DNS, refused connection, reset)."""


class UnexpectedResponseError(RocketNetError):
    """The API answered 2xx with a body of an unexpected shape (for example a dict where a list
    belongs), so the result cannot be parsed."""


class TaskFailedError(RocketNetError):
    """A background task ended in ERROR, FAILED or CANCELLED; `message` is the task's own text."""

    def __init__(self, task_id: str, task_status: str, message: str | None = None, **kwargs) -> None:
        self.task_id = task_id
        self.task_status = task_status
        self.message = message or ""
        text = f"task {task_id} ended with status {task_status}"
        if message:
            text += f": {message}"
        super().__init__(None, [text], **kwargs)


class TaskTimeoutError(RocketNetError):
    """A background task was still running when the caller stopped waiting."""

    default_retryable = True


class WPCLICommandRejected(RocketNetError):
    """A WP-CLI command contains a character the API rejects; nothing was sent."""

    def __init__(self, character: str, **kwargs) -> None:
        self.character = character
        shown = {"\n": "newline", "\r": "carriage return", "`": "backtick"}.get(character, repr(character))
        text = (
            f"WP-CLI command contains {shown}, which the API rejects; "
            "remove it, or run the command over SSH"
        )
        super().__init__(None, [text], **kwargs)
