"""The product version sent in the User-Agent header."""

from importlib import metadata

try:
    __version__ = metadata.version("rocketdash")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
