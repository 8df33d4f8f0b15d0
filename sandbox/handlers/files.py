"""Files: a per-site in-memory file manager (list, view, upload, save, delete, chmod,
folders, compress, extract, download).

Every path is relative to the site root; a path that would leave it is rejected with
400. Seeded sites start with a small WordPress-shaped tree.
"""

import base64
import binascii
import gzip
import logging
import mimetypes
import posixpath
import re
from datetime import datetime, timezone

from werkzeug.wrappers import Response

from ..filetree import FileTree, Node, join, normalize
from ..responses import bad_request, envelope, list_envelope
from ..router import route
from .plugins import installed_plugins
from .themes import installed_themes

logger = logging.getLogger(__name__)

COMPRESS_TYPES = ("bz2", "gz", "tar", "tar.gz", "tar.bz2", "zip")
ARCHIVE_SUFFIXES = tuple(f".{kind}" for kind in COMPRESS_TYPES)
PERMISSIONS = re.compile(r"^0?[0-7]{3}$")
FILE_SORT_KEYS = {
    "name": lambda item: item["name"].lower(),
    "size": lambda item: item["size"],
    "type": lambda item: item["type"],
    "ctime": lambda item: item["ctime"],
    "created_at": lambda item: item["ctime"],
    "mtime": lambda item: item["mtime"],
    "updated_at": lambda item: item["mtime"],
}


def site_tree(state, site):
    """Return the site's file tree, seeding a WordPress-shaped tree on first use."""
    if "files" not in site.extras:
        now = site.created_at
        tree = FileTree(now)
        texts = {
            "index.php": "<?php\ndefine( 'WP_USE_THEMES', true );\nrequire __DIR__ . '/wp-blog-header.php';\n",
            "wp-config.php": f"<?php\ndefine( 'DB_NAME', '{site.sftp_username}_wp' );\ndefine( 'WP_DEBUG', false );\n",
            ".htaccess": "# BEGIN WordPress\nRewriteEngine On\nRewriteRule ^index\\.php$ - [L]\n# END WordPress\n",
            "robots.txt": "User-agent: *\nDisallow: /wp-admin/\n",
            "wp-login.php": "<?php\n// WordPress login screen\n",
            "wp-admin/admin.php": "<?php\n// WordPress administration bootstrap\n",
            "wp-includes/version.php": "<?php\n$wp_version = '6.7.1';\n",
        }
        for path, text in texts.items():
            tree.write(path, text.encode(), now)
        for slug in installed_plugins(state, site):
            tree.write(f"wp-content/plugins/{slug}/{slug}.php", f"<?php\n/* Plugin Name: {slug} */\n".encode(), now)
        for slug in installed_themes(state, site):
            tree.write(f"wp-content/themes/{slug}/style.css", f"/* Theme Name: {slug} */\n".encode(), now)
        tree.write("wp-content/uploads/2026/11/hero.jpg", bytes(range(256)) * 40, now, binary=True)
        site.extras["files"] = tree
    return site.extras["files"]


def _human_size(size):
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024


def _iso(epoch):
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _entry(path, node):
    return {
        "created_at": _iso(node.created),
        "ctime": int(node.created),
        "updated_at": _iso(node.modified),
        "mtime": int(node.modified),
        "name": posixpath.basename(path),
        "mode": node.mode,
        "type": node.kind,
        "human_size": _human_size(node.size),
        "size": node.size,
        "path": "/" + path,
    }


@route("GET", "/v1/sites/{id}/file_manager/files")
def list_files(ctx, id):
    site = ctx.site(id)
    tree = site_tree(ctx.state, site)
    directory = normalize(ctx.query.get("path"))
    tree.require(directory, "dir")

    items = [_entry(path, node) for path, node in tree.children(directory).items()]
    search = ctx.query.get("search", "").strip().lower()
    if search:
        items = [item for item in items if search in item["name"].lower()]

    return list_envelope(items, ctx.query, default_per_page=10, required=True, sort_keys=FILE_SORT_KEYS,
                         default_sort="name")


@route("GET", "/v1/sites/{id}/files")
def list_files_deprecated(ctx, id):
    site = ctx.site(id)
    tree = site_tree(ctx.state, site)
    directory = normalize(ctx.query.get("path"))
    tree.require(directory, "dir")

    files = []
    for path, node in sorted(tree.children(directory).items()):
        files.append({
            "humansize": _human_size(node.size),
            "file": posixpath.basename(path),
            "fullpath": f"/home/{site.sftp_username}/{path}",
            "ctime": int(node.created),
            "absdir": f"/home/{site.sftp_username}/{directory}".rstrip("/"),
            "size": node.size,
            "nicemode": node.mode,
            "type": node.kind,
            "path": "/" + path,
            "mtime": int(node.modified),
        })
    totals = {"files": sum(1 for item in files if item["type"] == "file"),
              "folders": sum(1 for item in files if item["type"] == "dir")}
    return envelope({"files": files, "totals": totals})


def _decode_content(body, binary):
    content = body.get("content")
    if not isinstance(content, str):
        raise bad_request("content is required: the file text, or base64 when binary is true")
    if not binary:
        return content.encode()
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request("content is not valid base64 although binary is true") from None


@route("POST", "/v1/sites/{id}/files")
def upload_file(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    if "path" not in body:
        raise bad_request("path is required: the folder to create the file in, relative to the site root")

    binary = body.get("binary", False)
    if not isinstance(binary, bool):
        raise bad_request(f"binary must be true or false, got {binary!r}")

    tree = site_tree(ctx.state, site)
    path = join(body["path"], body.get("filename"))
    if tree.get(path) is not None:
        raise bad_request(f"{'/' + path!r} already exists: save it with PUT instead")

    tree.write(path, _decode_content(body, binary), ctx.state.now(), binary=binary)
    return envelope({"success": True, "path": "/" + path})


@route("PUT", "/v1/sites/{id}/files")
def save_file(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    if "path" not in body:
        raise bad_request("path is required: the folder of the file, relative to the site root")

    tree = site_tree(ctx.state, site)
    path = join(body["path"], body.get("file"), "file")
    tree.require(path, "file")
    tree.write(path, _decode_content(body, False), ctx.state.now())
    return envelope({"success": True, "path": "/" + path})


@route("DELETE", "/v1/sites/{id}/files")
def delete_file(ctx, id):
    site = ctx.unlocked_site(id)
    file = ctx.body().get("file")
    if not file:
        raise bad_request("file is required: the path to delete, relative to the site root")

    path = normalize(file, "file")
    site_tree(ctx.state, site).delete(path)
    logger.info("Deleted /%s on site %s", path, site.id)
    return envelope({"success": True})


@route("PATCH", "/v1/sites/{id}/files/chmod")
def chmod(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    permissions = body.get("permissions")
    if not isinstance(permissions, str) or not PERMISSIONS.match(permissions):
        raise bad_request(f"permissions must be octal like 0644 or 755, got {permissions!r}")

    path = normalize(body.get("file"), "file")
    node = site_tree(ctx.state, site).require(path)
    node.mode = permissions.zfill(4)
    return envelope({"success": True, "path": "/" + path})


@route("POST", "/v1/sites/{id}/files/folder")
def create_folder(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    if "path" not in body:
        raise bad_request("path is required: the parent folder, relative to the site root")

    tree = site_tree(ctx.state, site)
    tree.require(normalize(body["path"]), "dir")
    path = join(body["path"], body.get("name"), "name")
    if tree.get(path) is not None:
        raise bad_request(f"{'/' + path!r} already exists")

    tree.make_dirs(path, ctx.state.now())
    return envelope({"success": True, "path": "/" + path})


@route("POST", "/v1/sites/{id}/files/compress")
def compress(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    sources = body.get("sourcefiles")
    if not isinstance(sources, list) or not sources:
        raise bad_request("sourcefiles is required: a list of paths to put in the archive")

    kind = body.get("compress_type")
    if kind not in COMPRESS_TYPES:
        raise bad_request(f"compress_type must be one of {', '.join(COMPRESS_TYPES)}, got {kind!r}")

    tree = site_tree(ctx.state, site)
    members = {}
    for source in sources:
        path = normalize(source, "sourcefiles entry")
        tree.require(path)
        base = posixpath.dirname(path)
        for key, node in tree.descendants(path).items():
            members[key[len(base):].lstrip("/")] = node

    destination = normalize(body.get("destfiles"), "destfiles")
    if not destination:
        raise bad_request("destfiles is required: the archive path to create")
    if not destination.endswith(f".{kind}"):
        destination = f"{destination}.{kind}"

    size = sum(node.size for node in members.values() if node.kind == "file")
    archive = tree.write(destination, b"\x1f\x8b" + bytes(max(size // 3, 16)), ctx.state.now(), binary=True)
    archive.archive = {key: Node(node.kind, node.created, node.modified, node.mode, node.content, node.binary)
                       for key, node in members.items()}
    return envelope({"success": True, "path": "/" + destination})


@route("POST", "/v1/sites/{id}/files/extract")
def extract(ctx, id):
    site = ctx.unlocked_site(id)
    body = ctx.body()
    tree = site_tree(ctx.state, site)
    path = normalize(body.get("file"), "file")
    node = tree.require(path, "file")
    if node.archive is None or not path.endswith(ARCHIVE_SUFFIXES):
        raise bad_request(f"{'/' + path!r} is not an archive the sandbox made: compress files first")

    if "destination" not in body:
        raise bad_request("destination is required: the folder to extract into")
    destination = normalize(body["destination"], "destination")
    tree.make_dirs(destination, ctx.state.now())
    for member, packed in node.archive.items():
        target = normalize(posixpath.join(destination, member), "archive member")
        if packed.kind == "dir":
            tree.make_dirs(target, ctx.state.now())
        else:
            tree.write(target, packed.content, ctx.state.now(), binary=packed.binary)
    return envelope({"success": True, "path": "/" + destination})


def _file_from_query(ctx, site):
    filename = ctx.query.get("filename")
    if not filename:
        raise bad_request("filename is required as a query parameter")
    path = join(ctx.query.get("directory", ""), filename)
    return path, site_tree(ctx.state, site).require(path, "file")


@route("GET", "/v1/sites/{id}/files/view")
def view_file(ctx, id):
    site = ctx.site(id)
    path, node = _file_from_query(ctx, site)
    content_type = mimetypes.guess_type(path)[0] or ("application/octet-stream" if node.binary else "text/plain")
    content = base64.b64encode(node.content).decode() if node.binary else node.content.decode("utf-8", "replace")
    return envelope({"content": content, "content_type": content_type, "binary": node.binary})


@route("GET", "/v1/sites/{id}/files/download")
def download_file(ctx, id):
    site = ctx.site(id)
    path, node = _file_from_query(ctx, site)
    # NOTE: the spec declares application/gzip for this download, so the sandbox sends
    # the file gzip-compressed; the live API's exact encoding is not confirmed.
    return Response(gzip.compress(node.content, mtime=0), content_type="application/gzip",
                    headers={"Content-Disposition": f'attachment; filename="{posixpath.basename(path)}.gz"'})
