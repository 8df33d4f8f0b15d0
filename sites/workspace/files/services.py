"""Reads and writes of the Files tab, through the rocketnet file manager functions.

Paths arrive already checked by the forms (root-relative, no ".."). Writes raise RocketNetError
for the view's call_api to report; reads raise it for the view to show as an alert.
"""

import logging
import mimetypes
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.services import client_for
from rocketnet.errors import RocketNetError
from rocketnet.services import files
from sites.workspace.files.paths import api_directory, join, name_of, parent_of

logger = logging.getLogger(__name__)

DOWNLOAD_CHUNK_BYTES = 64 * 1024
GZIP_MEDIA_TYPES = ("application/gzip", "application/x-gzip")
GZIP_SUFFIXES = (".gz", ".tgz")


@dataclass(frozen=True)
class Entry:
    name: str
    path: str
    is_dir: bool
    size: int | None
    human_size: str
    mode: str
    modified: str


@dataclass
class DirectoryPage:
    path: str
    page: int
    per_page: int
    entries: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        # The list call returns no total, so a full page means there may be another one.
        return len(self.entries) >= self.per_page


@dataclass(frozen=True)
class FileContent:
    text: str
    content_type: str
    binary: bool


def _entry(raw):
    return Entry(
        name=raw.get("name") or name_of((raw.get("path") or "").strip("/")),
        path=(raw.get("path") or "").strip("/"),
        is_dir=raw.get("type") == "dir",
        size=raw.get("size"),
        human_size=raw.get("human_size") or "",
        mode=str(raw.get("mode") or ""),
        modified=raw.get("updated_at") or "",
    )


def list_directory(connection, site_id, *, path, page, per_page, search=""):
    """Return one page of the folder at `path`, sorted by name."""
    with client_for(connection) as client:
        raw = files.list_files(client, site_id, path=path or None, search=search or None, sort="name",
                               direction="asc", page=page, per_page=per_page)
    return DirectoryPage(path=path, page=page, per_page=per_page, entries=[_entry(item) for item in raw])


def find_entry(connection, site_id, path):
    """Return the Entry at `path`, or None when its folder has no entry of that name."""
    with client_for(connection) as client:
        raw = files.list_all_files(client, site_id, path=parent_of(path) or None, search=name_of(path))
    for item in raw:
        if (item.get("path") or "").strip("/") == path:
            return _entry(item)
    return None


def read_file(connection, site_id, path):
    with client_for(connection) as client:
        raw = files.view_file(client, site_id, filename=name_of(path), directory=parent_of(path) or None)
    return FileContent(text=raw.get("content") or "", content_type=raw.get("content_type") or "",
                       binary=bool(raw.get("binary")))


def save_file(connection, site_id, *, path, content):
    with client_for(connection) as client:
        return files.save_file(client, site_id, path=api_directory(parent_of(path)), file=name_of(path),
                               content=content)


def _upload_content(upload):
    data = b"".join(upload.chunks())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def is_text_upload(upload):
    """Return whether the upload is UTF-8 text, which upload_file sends as text and can overwrite."""
    return isinstance(_upload_content(upload), str)


def upload_file(connection, site_id, *, directory, upload, overwrite=False):
    """Send an uploaded file: as text when it is UTF-8, otherwise as base64 bytes.

    With `overwrite`, a text file replaces an existing file of the same name through PUT, the
    API's save call. That call takes only text, so bytes always go through POST, which rejects
    an existing name.
    """
    content = _upload_content(upload)
    if overwrite and isinstance(content, str):
        existing = find_entry(connection, site_id, join(directory, upload.name))
        if existing is not None and not existing.is_dir:
            with client_for(connection) as client:
                return files.save_file(client, site_id, path=api_directory(directory), file=upload.name,
                                       content=content)
    with client_for(connection) as client:
        return files.upload_file(client, site_id, path=api_directory(directory), filename=upload.name,
                                 content=content)


def create_file(connection, site_id, *, directory, name):
    with client_for(connection) as client:
        return files.upload_file(client, site_id, path=api_directory(directory), filename=name, content="")


def create_folder(connection, site_id, *, directory, name):
    with client_for(connection) as client:
        return files.create_folder(client, site_id, name=name, path=api_directory(directory))


def delete_entry(connection, site_id, path):
    with client_for(connection) as client:
        files.delete_file(client, site_id, file=path)


def change_permissions(connection, site_id, *, path, permissions):
    with client_for(connection) as client:
        return files.change_permissions(client, site_id, file=path, permissions=permissions)


def compress(connection, site_id, *, sourcefiles, destfiles, compress_type):
    with client_for(connection) as client:
        return files.compress_files(client, site_id, sourcefiles=sourcefiles, destfiles=destfiles,
                                    compress_type=compress_type)


def archive_path(result, destfiles, compress_type):
    """Return the path of the archive a compress call created, from its result when it names one.

    NOTE: the sandbox adds the type's suffix (".zip", ...) to `destfiles` when it is missing, and the
    spec does not say whether the live API does, so without a path in the result it is added here.
    """
    path = result.get("path") if isinstance(result, dict) else None
    if isinstance(path, str) and path.strip("/"):
        return path.strip("/")
    suffix = f".{compress_type}"
    return destfiles if destfiles.endswith(suffix) else destfiles + suffix


def extract(connection, site_id, *, path, destination):
    with client_for(connection) as client:
        return files.extract_file(client, site_id, file=path, destination=destination)


def open_download(connection, site_id, path):
    """Open the file for download; return (chunks, content type, content disposition).

    `chunks` is a generator that reads the upstream response piece by piece and closes it (and
    the client) when the browser has read everything or the generator is closed early. The spec
    declares downloads as application/gzip (the sandbox names them `<file>.gz`), so a gzip body is
    decompressed on the way and served under the file's own name, unless the file is a .gz file.
    """
    client = client_for(connection)
    try:
        response = files.download_file(client, site_id, filename=name_of(path), directory=parent_of(path) or None)
    except Exception:
        client.close()
        raise

    content_type = response.headers.get("Content-Type") or "application/octet-stream"
    disposition = response.headers.get("Content-Disposition") or ""
    gunzip = _is_gzip_wrapper(path, content_type)

    def chunks():
        try:
            with response:
                pieces = response.iter_content(chunk_size=DOWNLOAD_CHUNK_BYTES)
                yield from (_gunzip_stream(pieces) if gunzip else pieces)
        finally:
            client.close()

    if gunzip:
        content_type = mimetypes.guess_type(name_of(path))[0] or "application/octet-stream"
        disposition = ""
    return chunks(), content_type, disposition


def _is_gzip_wrapper(path, content_type):
    media_type = content_type.split(";")[0].strip().lower()
    return media_type in GZIP_MEDIA_TYPES and not path.lower().endswith(GZIP_SUFFIXES)


def _gunzip_stream(pieces):
    # wbits 16 + MAX_WBITS reads the gzip header and trailer, so one member is decoded piece by piece.
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for piece in pieces:
        data = decompressor.decompress(piece)
        if data:
            yield data
    rest = decompressor.flush()
    if rest:
        yield rest


def explain_existing_entry(connection, site_id, path, *, upload_is_text=None):
    """Return a sentence for a write that failed because `path` already exists, or None.

    The API's own message is not parsed. The folder is listed instead, so the sentence is given
    only when an entry of that name is really there. `upload_is_text` selects the upload wording:
    True suggests the Overwrite box, False states that the file must be deleted first.
    """
    try:
        existing = find_entry(connection, site_id, path)
    except RocketNetError as error:
        logger.warning("Files: could not check whether %r exists on site %s: %s", path, site_id, error)
        return None
    if existing is None:
        return None

    folder = "/" + parent_of(path)
    values = {"name": name_of(path), "folder": folder}
    if existing.is_dir:
        return _("A folder named %(name)s already exists in %(folder)s. Choose another name.") % values
    if upload_is_text:
        return _("A file named %(name)s already exists in %(folder)s. Tick Overwrite to replace it.") % values
    if upload_is_text is False:
        return _("A file named %(name)s already exists in %(folder)s, and only text files can be overwritten "
                 "here. Delete it first, then upload again.") % values
    return _("A file named %(name)s already exists in %(folder)s. Choose another name.") % values
