"""The sandbox clock: real time plus an offset that tests move forward."""

import time
from datetime import datetime, timezone


class Clock:
    def __init__(self):
        self.offset_seconds = 0.0

    def now(self):
        """Return the sandbox time in seconds since the epoch."""
        return time.time() + self.offset_seconds

    def advance(self, seconds):
        self.offset_seconds += seconds


def iso_timestamp(epoch_seconds):
    """Format epoch seconds the way the spec's examples do: ``2024-01-01T02:00:00Z``."""
    moment = datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(epoch_seconds):
    return datetime.fromtimestamp(epoch_seconds, tz=timezone.utc).strftime("%Y-%m-%d")
