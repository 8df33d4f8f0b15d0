"""The Files tab against the sandbox over real HTTP."""

import gzip
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent, AuditResult
from sandbox.faults import Fault
from sites.workspace.files.forms import MAX_UPLOAD_BYTES

SITE_ID = 1001  # Bright Bakery, on agency-one's account


def url(name, connection, path=None):
    address = reverse(f"sites:{name}", kwargs={"connection_pk": connection.pk, "site_id": SITE_ID})
    return address if path is None else f"{address}?path={path}"


def tree(sandbox):
    """Return the sandbox's file tree of the site, seeding it like the first API call does."""
    from sandbox.handlers.files import site_tree

    return site_tree(sandbox.state, sandbox.state.sites[SITE_ID])


def guard_file_calls(sandbox, methods=(None,)):
    """Add one-shot faults on the file manager paths; each stays in place while no matching call arrives.

    `methods` None matches every method; the faults are returned so tests can check they are unused.
    """
    faults = [Fault(kind="client_error", path="/v1/sites/*/file*", method=method, count=1, status=400)
              for method in methods]
    for fault in faults:
        sandbox.state.faults.add(fault)
    return faults


def guard_file_writes(sandbox):
    return guard_file_calls(sandbox, methods=("POST", "PUT", "PATCH", "DELETE"))


def unused(sandbox, faults):
    return all(fault in sandbox.state.faults.faults for fault in faults)


def lock_site(sandbox):
    sandbox.state.sites[SITE_ID].lock_holders.add("fault")


# -- browsing ----------------------------------------------------------------------------------


def test_browse_root_lists_entries(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_files", connection_one)).content.decode()

    assert "wp-config.php" in html
    assert "wp-content" in html
    assert 'aria-current="page">Files<' in html
    assert "Upload a file" not in html


def test_browse_subfolder_shows_breadcrumbs(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_files", connection_one, "wp-content/uploads/2026")).content.decode()

    assert '?path=wp-content">wp-content</a>' in html
    assert '?path=wp-content/uploads">uploads</a>' in html
    assert ">11/</a>" in html


def test_browse_pages_through_folder(browser_for, connection_one, sandbox):
    for number in range(30):
        tree(sandbox).write(f"many/file{number:02d}.txt", b"x", 0)
    browser = browser_for("viewer")

    first = browser.get(url("ws_files", connection_one) + "?path=many&per_page=25").content.decode()
    second = browser.get(url("ws_files", connection_one) + "?path=many&per_page=25&page=2").content.decode()

    assert "file00.txt" in first
    assert "file24.txt" in first
    assert "file25.txt" not in first
    assert "Next" in first
    assert "file25.txt" in second
    assert "file29.txt" in second
    assert "file00.txt" not in second
    assert "Previous" in second


def test_browse_htmx_returns_listing_fragment(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_files", connection_one, "wp-content"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="file-listing">')
    assert "plugins" in html
    assert "HX-Request" in response.headers["Vary"]


def test_browse_bad_per_page_named(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_files", connection_one) + "?per_page=7")

    assert response.status_code == 400
    assert "7 entries per page is not offered: choose 25, 50 or 100." in response.content.decode()


def test_browse_missing_folder_shows_api_error(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_files", connection_one, "no-such-dir")).content.decode()

    assert "The folder no-such-dir could not be listed" in html
    assert "does not exist on this site" in html


@pytest.mark.parametrize("name", ["ws_files", "ws_files_entry", "ws_files_download"])
def test_read_traversal_rejected_before_request(browser_for, connection_one, sandbox, name):
    faults = guard_file_calls(sandbox)

    response = browser_for("viewer").get(url(name, connection_one, "wp-content/../../etc/passwd"))

    assert response.status_code == 400
    assert "The path “wp-content/../../etc/passwd” leaves the site root" in response.content.decode()
    assert unused(sandbox, faults)


# -- viewing and editing -----------------------------------------------------------------------


def test_entry_shows_text_in_editor(browser_for, connection_one, sandbox):
    html = browser_for("member").get(url("ws_files_entry", connection_one, "robots.txt")).content.decode()

    assert "User-agent: *" in html
    assert 'name="content"' in html
    assert "Change permissions" in html


def test_entry_binary_not_editable(browser_for, connection_one, sandbox):
    html = browser_for("member").get(url("ws_files_entry", connection_one, "wp-content/uploads/2026/11/hero.jpg")).content.decode()

    assert "This is a binary file" in html
    assert 'name="content"' not in html


def test_entry_viewer_sees_read_only_text(browser_for, connection_one, sandbox):
    html = browser_for("viewer").get(url("ws_files_entry", connection_one, "robots.txt")).content.decode()

    assert "User-agent: *" in html
    assert "readonly" in html
    assert "Change permissions" not in html


def test_entry_missing_file_is_404(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_files_entry", connection_one, "gone.txt"))

    assert response.status_code == 404
    assert "gone.txt was not found on this site" in response.content.decode()


def test_download_streams_file(browser_for, connection_one, sandbox):
    response = browser_for("viewer").get(url("ws_files_download", connection_one, "robots.txt"))

    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body == b"User-agent: *\nDisallow: /wp-admin/\n"
    assert response.headers["Content-Disposition"] == 'attachment; filename="robots.txt"'
    assert response.headers["Content-Type"] == "text/plain"


def test_download_large_file_decompressed_in_pieces(browser_for, connection_one, sandbox):
    data = random.Random(1).randbytes(300_000)  # incompressible, so the gzip body spans several chunks
    tree(sandbox).write("wp-content/uploads/big.bin", data, sandbox.state.now(), binary=True)

    response = browser_for("viewer").get(url("ws_files_download", connection_one, "wp-content/uploads/big.bin"))

    pieces = list(response.streaming_content)
    assert b"".join(pieces) == data
    assert len(pieces) > 1
    assert 'filename="big.bin"' in response.headers["Content-Disposition"]


def test_download_gz_file_kept_compressed(browser_for, connection_one, sandbox):
    archive = gzip.compress(b"log line\n")
    tree(sandbox).write("access.log.gz", archive, sandbox.state.now(), binary=True)

    response = browser_for("viewer").get(url("ws_files_download", connection_one, "access.log.gz"))

    assert gzip.decompress(b"".join(response.streaming_content)) == archive


def test_save_writes_file(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_files_save", connection_one),
                                          {"path": "wp-content/themes/astra/style.css", "content": "body {}\n"}, follow=True)

    assert tree(sandbox).get("wp-content/themes/astra/style.css").content == b"body {}\n"
    assert "Saved wp-content/themes/astra/style.css." in response.content.decode()
    event = AuditEvent.objects.get(action="files.save")
    assert event.result == AuditResult.SUCCEEDED
    assert event.target == "wp-content/themes/astra/style.css"
    assert "content" not in event.detail


def test_save_root_file(browser_for, connection_one, sandbox):
    browser_for("member").post(url("ws_files_save", connection_one), {"path": "robots.txt", "content": "User-agent: *\n"})

    assert tree(sandbox).get("robots.txt").content == b"User-agent: *\n"


def test_save_locked_site_shows_error_by_form(browser_for, connection_one, sandbox):
    tree(sandbox)
    lock_site(sandbox)

    response = browser_for("member").post(url("ws_files_save", connection_one), {"path": "robots.txt", "content": "new"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "locked" in html
    assert html.index("locked") < html.index('name="content"')
    assert tree(sandbox).get("robots.txt").content == b"User-agent: *\nDisallow: /wp-admin/\n"
    assert AuditEvent.objects.get(action="files.save").result == AuditResult.FAILED


# -- creating, uploading, deleting --------------------------------------------------------------


def test_upload_text_file(browser_for, connection_one, sandbox):
    upload = SimpleUploadedFile("notes.txt", b"hello\n", content_type="text/plain")

    response = browser_for("member").post(url("ws_files_upload", connection_one),
                                          {"directory": "wp-content/uploads", "upload": upload}, follow=True)

    node = tree(sandbox).get("wp-content/uploads/notes.txt")
    assert node.content == b"hello\n"
    assert not node.binary
    assert "Uploaded wp-content/uploads/notes.txt." in response.content.decode()
    assert AuditEvent.objects.get(action="files.upload").detail == {"size": 6, "overwrite": False}


def test_upload_binary_file(browser_for, connection_one, sandbox):
    data = bytes(range(256))
    upload = SimpleUploadedFile("logo.png", data, content_type="image/png")

    browser_for("member").post(url("ws_files_upload", connection_one), {"directory": "", "upload": upload})

    node = tree(sandbox).get("logo.png")
    assert node.content == data
    assert node.binary


def test_upload_too_large_named(browser_for, connection_one, sandbox):
    faults = guard_file_writes(sandbox)
    upload = SimpleUploadedFile("big.zip", b"\0" * (MAX_UPLOAD_BYTES + 1))

    response = browser_for("member").post(url("ws_files_upload", connection_one), {"directory": "", "upload": upload})

    assert response.status_code == 400
    assert "big.zip is 10.0\xa0MB; files up to 10.0\xa0MB can be uploaded here." in response.content.decode()
    assert unused(sandbox, faults)
    assert not AuditEvent.objects.exists()


def test_upload_existing_name_explained(browser_for, connection_one, sandbox):
    upload = SimpleUploadedFile("robots.txt", b"x")

    response = browser_for("member").post(url("ws_files_upload", connection_one), {"directory": "", "upload": upload})

    html = response.content.decode()
    headline = "A file named robots.txt already exists in /. Tick Overwrite to replace it."
    assert response.status_code == 400
    assert headline in html
    assert html.index(headline) > html.index("Upload a file")
    assert "Message from Rocket.net: " in html
    assert "HTTP 400" not in html
    assert tree(sandbox).get("robots.txt").content != b"x"
    assert AuditEvent.objects.get(action="files.upload").result == AuditResult.FAILED


def test_upload_overwrite_replaces_text_file(browser_for, connection_one, sandbox):
    upload = SimpleUploadedFile("robots.txt", b"User-agent: *\n")

    response = browser_for("member").post(url("ws_files_upload", connection_one),
                                          {"directory": "", "upload": upload, "overwrite": "on"}, follow=True)

    assert tree(sandbox).get("robots.txt").content == b"User-agent: *\n"
    assert "Uploaded robots.txt." in response.content.decode()
    assert AuditEvent.objects.get(action="files.upload").detail == {"size": 14, "overwrite": True}


def test_upload_overwrite_new_name_creates(browser_for, connection_one, sandbox):
    upload = SimpleUploadedFile("fresh.txt", b"new")

    browser_for("member").post(url("ws_files_upload", connection_one),
                               {"directory": "", "upload": upload, "overwrite": "on"})

    assert tree(sandbox).get("fresh.txt").content == b"new"


def test_upload_overwrite_binary_explained(browser_for, connection_one, sandbox):
    browser = browser_for("member")
    browser.post(url("ws_files_upload", connection_one),
                 {"directory": "", "upload": SimpleUploadedFile("logo.png", bytes(range(256)))})

    response = browser.post(url("ws_files_upload", connection_one),
                            {"directory": "", "upload": SimpleUploadedFile("logo.png", b"\xff\xfe"), "overwrite": "on"})

    assert response.status_code == 400
    assert ("A file named logo.png already exists in /, and only text files can be overwritten here. "
            "Delete it first, then upload again.") in response.content.decode()
    assert tree(sandbox).get("logo.png").content == bytes(range(256))


def test_create_existing_folder_explained(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_files_create", connection_one),
                                          {"directory": "", "name": "wp-content", "kind": "folder"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "A folder named wp-content already exists in /. Choose another name." in html
    assert "HTTP 400" not in html


def test_create_folder_and_file(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    browser.post(url("ws_files_create", connection_one), {"directory": "wp-content", "name": "cache", "kind": "folder"})
    browser.post(url("ws_files_create", connection_one), {"directory": "wp-content/cache", "name": "a.txt", "kind": "file"})

    assert tree(sandbox).get("wp-content/cache").kind == "dir"
    assert tree(sandbox).get("wp-content/cache/a.txt").content == b""
    actions = sorted(AuditEvent.objects.values_list("action", "target"))
    assert actions == [("files.create_file", "wp-content/cache/a.txt"), ("files.create_folder", "wp-content/cache")]


def test_create_name_with_slash_rejected(browser_for, connection_one, sandbox):
    faults = guard_file_writes(sandbox)

    response = browser_for("member").post(url("ws_files_create", connection_one),
                                          {"directory": "", "name": "../evil", "kind": "folder"})

    assert response.status_code == 400
    assert "“../evil” is not a single file or folder name" in response.content.decode()
    assert unused(sandbox, faults)


def test_delete_asks_for_confirmation(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    page = browser.get(url("ws_files_delete", connection_one, "robots.txt")).content.decode()
    unconfirmed = browser.post(url("ws_files_delete", connection_one), {"path": "robots.txt"})

    assert "Delete robots.txt?" in page
    assert unconfirmed.status_code == 400
    assert tree(sandbox).get("robots.txt") is not None
    assert not AuditEvent.objects.exists()


def test_delete_confirmed_removes_folder(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_files_delete", connection_one),
                                          {"path": "wp-content/uploads", "confirm": "on"}, follow=True)

    assert tree(sandbox).get("wp-content/uploads") is None
    assert tree(sandbox).get("wp-content/uploads/2026/11/hero.jpg") is None
    assert "Deleted wp-content/uploads." in response.content.decode()
    assert AuditEvent.objects.get(action="files.delete").target == "wp-content/uploads"


# -- permissions, archives ---------------------------------------------------------------------


def test_chmod_sets_mode(browser_for, connection_one, sandbox):
    browser_for("member").post(url("ws_files_chmod", connection_one), {"path": "wp-config.php", "permissions": "600"})

    assert tree(sandbox).get("wp-config.php").mode == "0600"
    event = AuditEvent.objects.get(action="files.chmod")
    assert event.detail == {"permissions": "600"}


@pytest.mark.parametrize("value", ["abc", "888", "75", "07555", "rwxr-xr-x"])
def test_chmod_bad_mode_named(browser_for, connection_one, sandbox, value):
    tree(sandbox)
    faults = guard_file_writes(sandbox)

    response = browser_for("member").post(url("ws_files_chmod", connection_one), {"path": "wp-config.php", "permissions": value})

    assert response.status_code == 400
    assert f"“{value}” is not an octal permission mode" in response.content.decode()
    assert tree(sandbox).get("wp-config.php").mode == "0644"


def test_compress_message_names_archive_with_suffix(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_files_compress", connection_one), {
        "directory": "", "sourcefiles": ["robots.txt", "wp-admin"], "destfiles": "ut-archive", "compress_type": "zip",
    }, follow=True)

    assert "Compressed 2 items into ut-archive.zip." in response.content.decode()
    assert tree(sandbox).get("ut-archive.zip") is not None


@pytest.mark.parametrize(("result", "destfiles", "compress_type", "expected"), [
    ({"success": True, "path": "/a/site.zip"}, "a/site", "zip", "a/site.zip"),
    ({"success": True}, "a/site", "tar.gz", "a/site.tar.gz"),
    (None, "a/site.tar.gz", "tar.gz", "a/site.tar.gz"),
])
def test_archive_path_from_result_or_suffix(result, destfiles, compress_type, expected):
    from sites.workspace.files.services import archive_path

    assert archive_path(result, destfiles, compress_type) == expected


def test_compress_then_extract(browser_for, connection_one, sandbox):
    browser = browser_for("member")

    browser.post(url("ws_files_compress", connection_one), {
        "directory": "", "sourcefiles": ["robots.txt", "wp-admin"], "destfiles": "archives/site", "compress_type": "zip",
    })
    browser.post(url("ws_files_extract", connection_one), {"path": "archives/site.zip", "destination": "restored"})

    assert tree(sandbox).get("archives/site.zip") is not None
    assert tree(sandbox).get("restored/robots.txt").content == b"User-agent: *\nDisallow: /wp-admin/\n"
    assert tree(sandbox).get("restored/wp-admin/admin.php") is not None
    events = dict(AuditEvent.objects.values_list("action", "target"))
    assert events == {"files.compress": "archives/site", "files.extract": "archives/site.zip"}


def test_compress_nothing_ticked_named(browser_for, connection_one, sandbox):
    response = browser_for("member").post(url("ws_files_compress", connection_one),
                                          {"directory": "", "destfiles": "a", "compress_type": "zip"})

    assert response.status_code == 400
    assert "Tick at least one file or folder to compress." in response.content.decode()


def test_extract_non_archive_shows_api_error(browser_for, connection_one, sandbox):
    tree(sandbox).write("fake.zip", b"not really", 0)

    response = browser_for("member").post(url("ws_files_extract", connection_one), {"path": "fake.zip", "destination": "x"})

    assert response.status_code == 400
    assert "is not an archive the sandbox made" in response.content.decode()
    assert AuditEvent.objects.get(action="files.extract").result == AuditResult.FAILED


# -- traversal and access ----------------------------------------------------------------------

WRITES = [
    ("ws_files_save", {"path": "../wp-config.php", "content": "x"}, "../wp-config.php"),
    ("ws_files_upload", {"directory": "wp-content/../..", "upload": None}, "wp-content/../.."),
    ("ws_files_create", {"directory": "..", "name": "x", "kind": "file"}, ".."),
    ("ws_files_delete", {"path": "a/../../b", "confirm": "on"}, "a/../../b"),
    ("ws_files_chmod", {"path": "../x", "permissions": "644"}, "../x"),
    ("ws_files_compress", {"directory": "", "sourcefiles": ["../../etc"], "destfiles": "a", "compress_type": "zip"}, "../../etc"),
    ("ws_files_compress", {"directory": "", "sourcefiles": ["robots.txt"], "destfiles": "../a", "compress_type": "zip"}, "../a"),
    ("ws_files_extract", {"path": "a.zip", "destination": "../../tmp"}, "../../tmp"),
]


def _with_upload(data):
    if "upload" in data:
        return {**data, "upload": SimpleUploadedFile("x.txt", b"x")}
    return data


@pytest.mark.parametrize(("name", "data", "bad_path"), WRITES)
def test_write_traversal_rejected_before_request(browser_for, connection_one, sandbox, name, data, bad_path):
    faults = guard_file_writes(sandbox)

    response = browser_for("member").post(url(name, connection_one), _with_upload(data))

    assert response.status_code == 400
    assert f"The path “{bad_path}” leaves the site root" in response.content.decode()
    assert unused(sandbox, faults)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "data", "bad_path"), WRITES)
def test_viewer_cannot_write(browser_for, connection_one, sandbox, name, data, bad_path):
    faults = guard_file_writes(sandbox)
    safe = {key: (value if key not in ("path", "directory", "destination") else "wp-content") for key, value in data.items()}

    response = browser_for("viewer").post(url(name, connection_one), _with_upload(safe))

    assert response.status_code == 403
    assert unused(sandbox, faults)
    assert not AuditEvent.objects.exists()


def test_viewer_cannot_open_delete_confirmation(browser_for, connection_one, sandbox):
    assert browser_for("viewer").get(url("ws_files_delete", connection_one, "robots.txt")).status_code == 403


READ_URLS = ["ws_files", "ws_files_entry", "ws_files_download", "ws_files_delete"]
WRITE_URLS = ["ws_files_save", "ws_files_upload", "ws_files_create", "ws_files_delete", "ws_files_chmod",
              "ws_files_compress", "ws_files_extract"]


@pytest.mark.parametrize("name", READ_URLS)
def test_outsider_read_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    faults = guard_file_calls(sandbox)

    response = browser_for("outsider").get(url(name, connection_one, "robots.txt"))

    assert response.status_code == 404
    assert "User-agent" not in response.content.decode()
    assert unused(sandbox, faults)


@pytest.mark.parametrize("name", WRITE_URLS)
def test_outsider_write_gets_404(browser_for, connection_one, outsider_connection, sandbox, name):
    faults = guard_file_calls(sandbox)
    data = {"path": "robots.txt", "directory": "", "confirm": "on", "content": "x", "permissions": "777",
            "name": "x", "kind": "file", "sourcefiles": ["robots.txt"], "destfiles": "a", "compress_type": "zip",
            "destination": "x", "upload": SimpleUploadedFile("x.txt", b"x")}

    response = browser_for("outsider").post(url(name, connection_one), data)

    assert response.status_code == 404
    assert unused(sandbox, faults)
    assert tree(sandbox).get("robots.txt").mode == "0644"
    assert not AuditEvent.objects.exists()


def test_large_file_not_loaded_into_editor(browser_for, connection_one, sandbox):
    from sites.workspace.files.forms import MAX_EDIT_BYTES

    tree(sandbox).write("big.log", b"x" * (MAX_EDIT_BYTES + 1), 0)
    fault = Fault(kind="client_error", path="/v1/sites/*/files/view", count=1, status=400)
    sandbox.state.faults.add(fault)

    html = browser_for("member").get(url("ws_files_entry", connection_one, "big.log")).content.decode()

    assert "This file is larger than 1.0\xa0MB, so it is not opened in the editor." in html
    assert 'name="content"' not in html
    assert fault in sandbox.state.faults.faults


def test_entry_of_site_root_rejected(browser_for, connection_one, sandbox):
    faults = guard_file_calls(sandbox)

    response = browser_for("member").get(url("ws_files_entry", connection_one, ""))

    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("the site root itself is not allowed here") == 1
    assert unused(sandbox, faults)
