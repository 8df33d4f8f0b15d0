"""An in-memory file tree per site for the file manager endpoints.

Paths are relative to the site root, written without leading or trailing slashes
(the root itself is ""). ``normalize`` rejects any path that would leave the root.
"""

import posixpath
from dataclasses import dataclass, field
from typing import Optional

from .responses import bad_request


@dataclass
class Node:
    kind: str  # "dir" or "file"
    created: float
    modified: float
    mode: str = "0644"
    content: bytes = b""
    binary: bool = False
    # Paths and nodes packed into an archive made by files/compress.
    archive: Optional[dict] = field(default=None)

    @property
    def size(self):
        return 4096 if self.kind == "dir" else len(self.content)


def normalize(value, name="path"):
    """Return ``value`` as a root-relative path, or raise a 400 naming the bad value."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string path relative to the site root, got {value!r}")
    if "\0" in value or "\\" in value:
        raise bad_request(f"{name} {value!r} contains a NUL byte or backslash")

    parts = [part for part in value.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise bad_request(f"{name} {value!r} leaves the site root: use a path relative to the site root without '..'")
    return "/".join(parts)


def join(directory, filename, name="filename"):
    if not isinstance(filename, str) or not filename.strip():
        raise bad_request(f"{name} is required")
    if "/" in filename.strip("/") and name == "name":
        raise bad_request(f"{name} {filename!r} must be a single folder name without '/'")
    return normalize(posixpath.join(normalize(directory), filename), name)


class FileTree:
    def __init__(self, now):
        self.nodes = {"": Node("dir", now, now, mode="0755")}

    def get(self, path):
        return self.nodes.get(path)

    def require(self, path, kind=None):
        node = self.nodes.get(path)
        if node is None:
            raise bad_request(f"{'/' + path!r} does not exist on this site")
        if kind is not None and node.kind != kind:
            expected = "a folder" if kind == "dir" else "a file"
            raise bad_request(f"{'/' + path!r} is not {expected}")
        return node

    def children(self, directory):
        prefix = f"{directory}/" if directory else ""
        return {
            path: node for path, node in self.nodes.items()
            if path and path.startswith(prefix) and "/" not in path[len(prefix):]
        }

    def descendants(self, path):
        prefix = f"{path}/"
        return {key: node for key, node in self.nodes.items() if key == path or key.startswith(prefix)}

    def make_dirs(self, path, now):
        parts = path.split("/") if path else []
        for index in range(1, len(parts) + 1):
            current = "/".join(parts[:index])
            node = self.nodes.get(current)
            if node is None:
                self.nodes[current] = Node("dir", now, now, mode="0755")
            elif node.kind != "dir":
                raise bad_request(f"{'/' + current!r} is a file, so it cannot contain other files")

    def write(self, path, content, now, binary=False):
        if not path:
            raise bad_request("a file path is required")
        parent = posixpath.dirname(path)
        self.make_dirs(parent, now)

        node = self.nodes.get(path)
        if node is not None and node.kind == "dir":
            raise bad_request(f"{'/' + path!r} is a folder, not a file")
        if node is None:
            self.nodes[path] = Node("file", now, now, content=content, binary=binary)
        else:
            node.content, node.modified, node.binary = content, now, binary
        return self.nodes[path]

    def delete(self, path):
        if not path:
            raise bad_request("the site root cannot be deleted")
        self.require(path)
        for key in list(self.descendants(path)):
            del self.nodes[key]
