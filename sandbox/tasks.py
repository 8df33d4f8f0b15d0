"""Background tasks whose progress is computed from the sandbox clock when read.

A task is NEW for the first tenth of its duration, then PROGRESS with ``perc`` rising
with elapsed time, then DONE at 100. A task marked to fail turns ERROR with its message
half-way through. A cancelled task turns ERROR with a cancellation message, because the
spec's status list (NEW, PROGRESS, DONE, ERROR) has no cancelled state.
"""

import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from .clock import iso_timestamp

NEW = "NEW"
PROGRESS = "PROGRESS"
DONE = "DONE"
ERROR = "ERROR"

CANCELLED_MESSAGE = "Task was cancelled by the user"


@dataclass
class Task:
    site_id: int
    task_type: str
    started_at: float
    duration: float
    task_level: str = "site"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    fail_message: Optional[str] = None
    cancelled_at: Optional[float] = None
    meta_data: dict = field(default_factory=dict)
    # Internal data for the callbacks; never shown in the API.
    payload: dict = field(default_factory=dict)
    # Called once, with the state, when the task is first seen DONE or ERROR.
    on_done: Optional[Callable] = None
    on_error: Optional[Callable] = None
    settled: bool = False
    # Internal timers (such as site provisioning) that the task lists never show.
    hidden: bool = False

    def progress(self, now):
        """Return ``(status, perc, message, updated_at)`` at sandbox time ``now``."""
        elapsed = max(0.0, now - self.started_at)

        if self.cancelled_at is not None:
            perc = self._perc_at(self.cancelled_at - self.started_at)
            return ERROR, perc, CANCELLED_MESSAGE, self.cancelled_at

        if self.fail_message is not None and elapsed >= self.duration / 2:
            fail_at = self.started_at + self.duration / 2
            return ERROR, self._perc_at(self.duration / 2), self.fail_message, fail_at

        if elapsed >= self.duration:
            return DONE, 100, "", self.started_at + self.duration

        if elapsed < self.duration / 10:
            return NEW, 0, "", self.started_at

        return PROGRESS, self._perc_at(elapsed), "", now

    def _perc_at(self, elapsed):
        if self.duration <= 0:
            return 100
        return max(1, min(99, int(100 * elapsed / self.duration)))

    def is_running(self, now):
        status = self.progress(now)[0]
        return status in (NEW, PROGRESS)

    def to_api(self, now, progress_label=PROGRESS):
        """Render the task; ``progress_label`` replaces PROGRESS (the live API also sent IN_PROGRESS)."""
        status, perc, message, updated_at = self.progress(now)
        if status == PROGRESS:
            status = progress_label
        return {
            "id": self.id,
            "task_status": status,
            "site_id": self.site_id,
            "perc": perc,
            "updated": iso_timestamp(updated_at),
            "created": iso_timestamp(self.started_at),
            "message": message,
            "task_type": self.task_type,
            "task_level": self.task_level,
            "meta_data": dict(self.meta_data),
        }
