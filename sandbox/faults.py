"""Injected faults: latency, 429, 4xx, 5xx and hung reads, set through ``/_sandbox/faults``.

A fault matches by account email, HTTP method and a path pattern (``fnmatch`` style,
for example ``/v1/sites/*``), each optional. ``count`` limits it to the next N matching
requests; without it the fault stays until ``DELETE /_sandbox/faults`` or a reset.
"""

import fnmatch
import itertools
from dataclasses import dataclass, field
from typing import Optional

from .responses import bad_request

LATENCY = "latency"
RATE_LIMIT = "rate_limit"
SERVER_ERROR = "server_error"
CLIENT_ERROR = "client_error"
HANG = "hang"
REQUEST_KINDS = (LATENCY, RATE_LIMIT, SERVER_ERROR, CLIENT_ERROR, HANG)
# Allowed and default status of each error kind.
STATUS_RANGES = {SERVER_ERROR: (500, 599, 500), CLIENT_ERROR: (400, 499, 403)}

# Upper bound of a hung read, so a forgotten hang fault delays a request by a minute at most.
MAX_HANG_SECONDS = 60.0

_ids = itertools.count(1)


@dataclass
class Fault:
    kind: str
    account: Optional[str] = None
    method: Optional[str] = None
    path: Optional[str] = None
    count: Optional[int] = None
    seconds: float = 0.0
    status: int = 500
    retry_after: Optional[int] = None
    id: int = field(default_factory=lambda: next(_ids))

    def matches(self, method, path, account_email):
        if self.account is not None and self.account != account_email:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        if self.path is not None and not fnmatch.fnmatchcase(path, self.path):
            return False
        return True

    def to_api(self):
        return {
            "id": self.id,
            "kind": self.kind,
            "account": self.account,
            "method": self.method,
            "path": self.path,
            "count": self.count,
            "seconds": self.seconds,
            "status": self.status,
            "retry_after": self.retry_after,
        }


def build_fault(spec):
    """Build a request fault from a JSON object, or raise a 400 naming the bad field."""
    kind = spec.get("kind")
    if kind not in REQUEST_KINDS:
        allowed = ", ".join(REQUEST_KINDS)
        raise bad_request(f"kind must be one of {allowed}, got {kind!r}")

    fault = Fault(
        kind=kind,
        account=spec.get("account"),
        method=spec.get("method"),
        path=spec.get("path"),
        count=_optional_int(spec, "count", minimum=1),
        seconds=_seconds(spec, kind),
        status=_status(spec, kind),
        retry_after=_optional_int(spec, "retry_after", minimum=0),
    )
    if kind == RATE_LIMIT and fault.retry_after is None:
        fault.retry_after = 1
    return fault


def _optional_int(spec, name, minimum=None, maximum=None):
    value = spec.get(name)
    if value is None:
        return None

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise bad_request(f"{name} must be an integer, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise bad_request(f"{name} must be an integer, got {value!r}") from None

    if minimum is not None and number < minimum:
        raise bad_request(f"{name} must be at least {minimum}, got {number}")
    if maximum is not None and number > maximum:
        raise bad_request(f"{name} must be at most {maximum}, got {number}")
    return number


def _status(spec, kind):
    minimum, maximum, default = STATUS_RANGES.get(kind, (100, 599, 500))
    status = _optional_int(spec, "status", minimum=minimum, maximum=maximum)
    return default if status is None else status


def _seconds(spec, kind):
    default = MAX_HANG_SECONDS if kind == HANG else 0.0
    value = spec.get("seconds", default)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise bad_request(f"seconds must be a number, got {value!r}") from None

    if seconds < 0:
        raise bad_request(f"seconds must not be negative, got {seconds}")
    return min(seconds, MAX_HANG_SECONDS)


def parse_fault_header(value):
    """Parse ``X-Sandbox-Fault: kind;key=value;...`` into a one-request fault.

    Example: ``rate_limit;retry_after=5`` or ``server_error;status=503``.
    """
    kind, *pairs = [part.strip() for part in value.split(";") if part.strip()]
    spec = {"kind": kind}
    for pair in pairs:
        key, separator, raw = pair.partition("=")
        if not separator:
            raise bad_request(f"X-Sandbox-Fault option {pair!r} must look like key=value")
        spec[key.strip()] = raw.strip()
    return build_fault(spec)


class FaultRegistry:
    def __init__(self):
        self.faults = []

    def add(self, fault):
        self.faults.append(fault)

    def clear(self):
        self.faults.clear()

    def take(self, method, path, account_email):
        """Return the first fault matching this request and use up one of its count."""
        for fault in self.faults:
            if not fault.matches(method, path, account_email):
                continue

            if fault.count is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self.faults.remove(fault)
            return fault
        return None
