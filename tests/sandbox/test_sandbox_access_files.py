"""FTP accounts, SSH keys and the file manager."""

import base64
import gzip

import pytest

PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl laptop@agency"


def test_ftp_account_lifecycle(api):
    site_id = api.site_ids()[0]
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    path = f"/v1/sites/{site_id}/ftp/accounts"

    created = api.post(path, json={"username": "editor", "password": "Secret123", "homedir": "wp-content/uploads",
                                   "quota": 0, "domain": domain}).json()["result"]
    listed = api.get(path, params={"username": "editor"}).json()["result"]
    updated = api.patch(path, params={"username": f"editor@{domain}"}, json={"quota": 250}).json()["result"]
    deleted = api.delete(path, json={"username": f"editor@{domain}"})

    assert created["user"] == f"editor@{domain}"
    assert created["diskquota"] == "unlimited"
    assert created["dir"].endswith("/wp-content/uploads")
    assert [item["user"] for item in listed] == [f"editor@{domain}"]
    assert updated == {"quota": 250, "homedir": "wp-content/uploads"}
    assert deleted.status_code == 200
    assert api.get(path, params={"username": "editor"}).json()["result"] == []


def test_ftp_create_validation(api):
    site_id = api.site_ids()[0]
    domain = api.get(f"/v1/sites/{site_id}").json()["result"]["domain"]
    path = f"/v1/sites/{site_id}/ftp/accounts"
    valid = {"username": "editor", "password": "Secret123", "homedir": "", "quota": 10, "domain": domain}

    cases = [
        ({"username": "editor"}, "password, homedir, quota, domain"),
        ({**valid, "homedir": "../../etc"}, "'..'"),
        ({**valid, "password": "short"}, "at least 8"),
        ({**valid, "domain": "elsewhere.com"}, "elsewhere.com"),
        ({**valid, "quota": -1}, "quota"),
        ({**valid, "username": "a b"}, "'a b'"),
    ]
    for body, expected in cases:
        response = api.post(path, json=body)
        assert response.status_code == 400, body
        assert expected in response.json()["result"]["msg"], body


def test_ftp_update_unknown_user(api):
    site_id = api.site_ids()[0]

    missing_query = api.patch(f"/v1/sites/{site_id}/ftp/accounts", json={"quota": 1})
    unknown = api.patch(f"/v1/sites/{site_id}/ftp/accounts", params={"username": "ghost@x.com"}, json={"quota": 1})

    assert missing_query.status_code == 400
    assert unknown.status_code == 404
    assert "ghost@x.com" in unknown.json()["result"]["msg"]


def test_ssh_key_lifecycle(api):
    site_id = api.site_ids()[0]
    path = f"/v1/sites/{site_id}/ssh/keys"

    imported = api.post(path, json={"name": "laptop", "key": PUBLIC_KEY}).json()["result"]
    authorized = api.post(f"{path}/authorize", json={"name": "laptop"}).json()["result"]
    viewed = api.get(f"{path}/laptop").json()["result"]
    deauthorized = api.post(f"{path}/deauthorize", json={"name": "laptop"}).json()["result"]
    deleted = api.delete(path, json={"name": "laptop"}).json()["result"]

    assert imported["authstatus"] == "not-authorized"
    assert authorized["authstatus"] == "authorized"
    assert viewed["key"] == PUBLIC_KEY
    assert deauthorized["authstatus"] == "not-authorized"
    assert deleted["name"] == "laptop"
    assert api.get(f"{path}/laptop").status_code == 404


def test_ssh_key_validation(api):
    site_id = api.site_ids()[0]
    path = f"/v1/sites/{site_id}/ssh/keys"
    api.post(path, json={"name": "laptop", "key": PUBLIC_KEY})

    bad_type = api.post(path, json={"name": "other", "key": "ssh-dss AAAA"})
    bad_data = api.post(path, json={"name": "other", "key": "ssh-rsa not*base64"})
    bad_name = api.post(path, json={"name": "my key", "key": PUBLIC_KEY})
    duplicate = api.post(path, json={"name": "laptop", "key": PUBLIC_KEY})
    not_a_key = api.post(path, json={"name": "other", "key": "ssh-rsa notakey"})
    other_type = api.post(path, json={"name": "other", "key": f"ssh-rsa {PUBLIC_KEY.split()[1]}"})
    truncated = api.post(path, json={"name": "other", "key": f"ssh-ed25519 {PUBLIC_KEY.split()[1][:-8]}"})

    assert bad_type.status_code == 400
    assert "ssh-ed25519" in bad_type.json()["result"]["msg"]
    assert bad_data.status_code == 400
    assert "base64" in bad_data.json()["result"]["msg"]
    assert bad_name.status_code == 400
    assert duplicate.status_code == 400
    assert not_a_key.status_code == 400
    assert "does not match the key type ssh-rsa" in not_a_key.json()["result"]["msg"]
    assert other_type.status_code == 400
    assert "does not match the key type ssh-rsa" in other_type.json()["result"]["msg"]
    assert truncated.status_code == 400
    assert "not a valid ssh-ed25519 public key" in truncated.json()["result"]["msg"]
    assert api.get(f"{path}/other").status_code == 404


def test_ssh_seeded_key_is_valid(api):
    from cryptography.hazmat.primitives.serialization import load_ssh_public_key

    from sandbox.handlers.ssh_keys import SEEDED_KEY

    assert load_ssh_public_key(SEEDED_KEY.encode("ascii")) is not None


def test_file_list_requires_paging(api):
    site_id = api.site_ids()[0]

    response = api.get(f"/v1/sites/{site_id}/file_manager/files", params={"path": "/"})

    assert response.status_code == 400
    assert "page" in response.json()["result"]["msg"]


def test_file_list_root_and_folder(api):
    site_id = api.site_ids()[0]
    path = f"/v1/sites/{site_id}/file_manager/files"

    root = api.get(path, params={"path": "/", "page": 1, "per_page": 100}).json()
    themes = api.get(path, params={"path": "wp-content/themes", "page": 1, "per_page": 100}).json()["result"]
    second_page = api.get(path, params={"path": "/", "page": 2, "per_page": 3}).json()

    names = [item["name"] for item in root["result"]]
    assert {"wp-config.php", "wp-content", "index.php"} <= set(names)
    assert names == sorted(names, key=str.lower)
    assert all(item["type"] == "dir" for item in themes)
    assert themes[0]["path"].startswith("/wp-content/themes/")
    assert second_page["metadata"]["total"] == root["metadata"]["total"]
    assert len(second_page["result"]) == 3


@pytest.mark.parametrize("path", ["../", "wp-content/../../etc", "/../etc/passwd"])
def test_path_traversal_rejected(api, path):
    site_id = api.site_ids()[0]

    listing = api.get(f"/v1/sites/{site_id}/file_manager/files", params={"path": path, "page": 1, "per_page": 10})
    upload = api.post(f"/v1/sites/{site_id}/files", json={"path": path, "filename": "x.php", "content": "x"})
    view = api.get(f"/v1/sites/{site_id}/files/view", params={"filename": "passwd", "directory": path})

    for response in (listing, upload, view):
        assert response.status_code == 400
        assert "leaves the site root" in response.json()["result"]["msg"]


def test_file_create_save_view_delete(api):
    site_id = api.site_ids()[0]
    base = f"/v1/sites/{site_id}/files"

    created = api.post(base, json={"path": "wp-content/mu-plugins", "filename": "hello.php", "content": "<?php // v1"})
    duplicate = api.post(base, json={"path": "wp-content/mu-plugins", "filename": "hello.php", "content": "x"})
    saved = api.put(base, json={"path": "wp-content/mu-plugins", "file": "hello.php", "content": "<?php // v2"})
    viewed = api.get(f"{base}/view", params={"directory": "wp-content/mu-plugins", "filename": "hello.php"}).json()
    api.patch(f"{base}/chmod", json={"file": "wp-content/mu-plugins/hello.php", "permissions": "600"})
    listing = api.get(f"/v1/sites/{site_id}/file_manager/files",
                      params={"path": "wp-content/mu-plugins", "page": 1, "per_page": 10}).json()["result"]
    deleted = api.delete(base, json={"file": "wp-content/mu-plugins/hello.php"})
    gone = api.get(f"{base}/view", params={"directory": "wp-content/mu-plugins", "filename": "hello.php"})

    assert created.json()["result"] == {"success": True, "path": "/wp-content/mu-plugins/hello.php"}
    assert duplicate.status_code == 400
    assert saved.status_code == 200
    assert viewed["result"]["content"] == "<?php // v2"
    assert viewed["result"]["binary"] is False
    assert listing[0]["mode"] == "0600"
    assert deleted.json()["result"] == {"success": True}
    assert gone.status_code == 400


def test_file_save_requires_existing_file(api):
    site_id = api.site_ids()[0]

    response = api.put(f"/v1/sites/{site_id}/files", json={"path": "/", "file": "new.txt", "content": "x"})

    assert response.status_code == 400
    assert "does not exist" in response.json()["result"]["msg"]


def test_binary_upload_and_download(api):
    site_id = api.site_ids()[0]
    payload = bytes(range(200))

    api.post(f"/v1/sites/{site_id}/files", json={"path": "wp-content/uploads", "filename": "blob.bin",
                                                 "content": base64.b64encode(payload).decode(), "binary": True})
    viewed = api.get(f"/v1/sites/{site_id}/files/view", params={"directory": "wp-content/uploads",
                                                               "filename": "blob.bin"}).json()["result"]
    download = api.get(f"/v1/sites/{site_id}/files/download", params={"directory": "wp-content/uploads",
                                                                     "filename": "blob.bin"})

    assert viewed["binary"] is True
    assert base64.b64decode(viewed["content"]) == payload
    assert download.headers["Content-Type"] == "application/gzip"
    assert gzip.decompress(download.content) == payload


def test_folder_compress_extract(api):
    site_id = api.site_ids()[0]
    base = f"/v1/sites/{site_id}/files"
    api.post(f"{base}/folder", json={"path": "/", "name": "exports"})
    api.post(base, json={"path": "exports", "filename": "a.txt", "content": "alpha"})

    archive = api.post(f"{base}/compress", json={"sourcefiles": ["exports"], "destfiles": "exports-backup",
                                                 "compress_type": "zip"}).json()["result"]
    extracted = api.post(f"{base}/extract", json={"file": "exports-backup.zip", "destination": "restored"})
    restored = api.get(f"{base}/view", params={"directory": "restored/exports", "filename": "a.txt"}).json()["result"]
    not_archive = api.post(f"{base}/extract", json={"file": "index.php", "destination": "x"})

    assert archive["path"] == "/exports-backup.zip"
    assert extracted.json()["result"]["path"] == "/restored"
    assert restored["content"] == "alpha"
    assert not_archive.status_code == 400


def test_folder_and_chmod_validation(api):
    site_id = api.site_ids()[0]
    base = f"/v1/sites/{site_id}/files"

    nested_name = api.post(f"{base}/folder", json={"path": "/", "name": "a/b"})
    bad_mode = api.patch(f"{base}/chmod", json={"file": "index.php", "permissions": "rwxr-xr-x"})
    bad_type = api.post(f"{base}/compress", json={"sourcefiles": ["index.php"], "destfiles": "x", "compress_type": "rar"})

    assert nested_name.status_code == 400
    assert bad_mode.status_code == 400
    assert "rwxr-xr-x" in bad_mode.json()["result"]["msg"]
    assert bad_type.status_code == 400
    assert "'rar'" in bad_type.json()["result"]["msg"]


def test_deprecated_file_list(api):
    site_id = api.site_ids()[0]

    result = api.get(f"/v1/sites/{site_id}/files", params={"path": "wp-content"}).json()["result"]

    assert {"plugins", "themes", "uploads"} <= {item["file"] for item in result["files"]}
    assert result["totals"]["folders"] == 3
