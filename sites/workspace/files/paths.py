"""Site-root-relative paths as the file manager API takes them.

Every path the dashboard sends is checked here first, so a path that would leave the site
root (a ".." segment) is rejected with a message naming it before any request is made.
"""

import posixpath

from django import forms
from django.utils.translation import gettext_lazy as _


def normalize_path(value):
    """Return `value` as a root-relative path without leading or trailing slashes ("" is the root).

    Raises forms.ValidationError naming the path when it contains "..", a backslash or a NUL byte.
    """
    text = (value or "").strip()
    if "\0" in text or "\\" in text:
        raise forms.ValidationError(
            _("The path “%(path)s” contains a backslash or a NUL byte: use forward slashes, like wp-content/uploads."),
            code="invalid_characters", params={"path": text},
        )

    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise forms.ValidationError(
            _("The path “%(path)s” leaves the site root: remove “..” and give a path inside the site, "
              "like wp-content/uploads."),
            code="traversal", params={"path": text},
        )
    return "/".join(parts)


def parent_of(path):
    return posixpath.dirname(path)


def name_of(path):
    return posixpath.basename(path)


def join(directory, name):
    return posixpath.join(directory, name) if directory else name


def api_directory(directory):
    """Return the `path` value for calls that require a non-empty folder.

    NOTE: save, upload and new-folder calls reject an empty `path`, and a leading "/" is not
    relative, so the site root is sent as ".". The sandbox resolves "." to the root; the live
    API's handling of "." is not confirmed.
    """
    return directory or "."


def breadcrumbs(path):
    """Return (name, path) pairs from the root to `path`, for the breadcrumb trail."""
    crumbs = []
    current = ""
    for part in path.split("/") if path else []:
        current = join(current, part)
        crumbs.append((part, current))
    return crumbs
