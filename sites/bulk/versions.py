"""WordPress package version strings: validation and ordering (so that 5.10 sorts above 5.9)."""

import re

# Accepted "below version" input of the fleet search: dotted whole numbers, such as 5.9 or 6.4.2.
VERSION_INPUT = re.compile(r"^\d{1,6}(\.\d{1,6}){0,3}$")
_LEADING_NUMBERS = re.compile(r"^\d+(\.\d+)*")


def is_valid_version(text):
    return bool(VERSION_INPUT.match(text or ""))


def version_key(text):
    """Return a tuple that orders versions numerically, part by part; trailing zeros do not count.

    Only the leading dotted numbers are compared, so "2.1-beta" orders as "2.1". Returns None for
    text that does not start with a number, such as an empty version.
    """
    match = _LEADING_NUMBERS.match((text or "").strip())
    if match is None:
        return None
    parts = [int(part) for part in match.group(0).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def is_below(installed, limit):
    """Return True when version `installed` is lower than `limit`; False when `installed` is unreadable."""
    installed_key = version_key(installed)
    if installed_key is None:
        return False
    return installed_key < version_key(limit)
