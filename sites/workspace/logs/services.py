"""Reads of the Access logs tab."""

from dataclasses import dataclass, field

from accounts.services import client_for
from rocketnet.services import reporting


@dataclass
class LogPage:
    page: int
    per_page: int
    lines: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        # The access log call returns no total, so a full page means there may be another one.
        return len(self.lines) >= self.per_page


def read_access_log(connection, site_id, *, page, per_page, **filters):
    with client_for(connection) as client:
        lines = reporting.list_access_logs(client, site_id, page=page, per_page=per_page, **filters)
    return LogPage(page=page, per_page=per_page, lines=lines if isinstance(lines, list) else [])
