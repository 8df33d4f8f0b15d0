"""WordPress plugins, themes and WP-CLI results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rocketnet.models._parsing import require_dict, str_or_none


@dataclass(frozen=True)
class Plugin:
    """An installed plugin (ListPluginsResponse); `name` is its slug, `title` its display name."""

    name: str
    title: str | None = None
    status: str | None = None
    version: str | None = None
    update: str | None = None
    update_version: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Plugin:
        data = require_dict(data, "plugin")
        return cls(
            name=str(data.get("name") or ""),
            title=str_or_none(data.get("title")),
            status=str_or_none(data.get("status")),
            version=str_or_none(data.get("version")),
            update=str_or_none(data.get("update")),
            update_version=str_or_none(data.get("update_version")),
            raw=data,
        )

    @property
    def update_available(self) -> bool:
        return self.update == "available"

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class Theme:
    """An installed theme (ListThemesResponse); `name` is its slug."""

    name: str
    title: str | None = None
    status: str | None = None
    version: str | None = None
    update: str | None = None
    update_version: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, data: dict) -> Theme:
        data = require_dict(data, "theme")
        return cls(
            name=str(data.get("name") or ""),
            title=str_or_none(data.get("title")),
            status=str_or_none(data.get("status")),
            version=str_or_none(data.get("version")),
            update=str_or_none(data.get("update")),
            update_version=str_or_none(data.get("update_version")),
            raw=data,
        )

    @property
    def update_available(self) -> bool:
        return self.update == "available"

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class WPCLIResult:
    """The output of a WP-CLI command.

    The API's `status` field is unreliable (1 even after clean runs), so `succeeded` is judged
    from the output: a run failed when a line starts with "Error:".
    """

    command: str
    output: str
    status: Any = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_api(cls, command: str, data: Any) -> WPCLIResult:
        data = data if isinstance(data, dict) else {"response": data}
        output = data.get("response")
        return cls(
            command=command,
            output="" if output is None else str(output),
            status=data.get("status"),
            raw=data,
        )

    @property
    def error_lines(self) -> list[str]:
        return [line.strip() for line in self.output.splitlines() if line.strip().startswith("Error:")]

    @property
    def succeeded(self) -> bool:
        return not self.error_lines
