"""Reports whose bodies are GraphQL-like: {"data": {"viewer": {"zones": [...]}}, ...}."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Envelope keys that carry no report data.
ENVELOPE_KEYS = frozenset({"data", "errors", "messages", "success", "metadata"})


@dataclass(frozen=True)
class Report:
    """A CDN, bandwidth or WAF report.

    `zones` is data.viewer.zones (one entry per CDN zone, with the report's groups).
    `totals` contains the other top-level values, such as `visitorsTotal` of the visitors report.
    """

    zones: list = field(default_factory=list, compare=False)
    totals: dict = field(default_factory=dict, compare=False)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, body: Any) -> Report:
        body = body if isinstance(body, dict) else {}
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        viewer = data.get("viewer") if isinstance(data.get("viewer"), dict) else {}
        zones = viewer.get("zones") if isinstance(viewer.get("zones"), list) else []
        totals = {key: value for key, value in body.items() if key not in ENVELOPE_KEYS}
        return cls(zones=zones, totals=totals, raw=body)
