"""Samples for FTP accounts, SSH keys and files."""

from .helpers import first_site

PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl laptop@agency"


def site_path(api, suffix):
    return f"/v1/sites/{first_site(api)}{suffix}"


def ftp_user(api):
    domain = api.get(site_path(api, "")).json()["result"]["domain"]
    api.post(site_path(api, "/ftp/accounts"), json={"username": "editor", "password": "Secret123",
                                                    "homedir": "wp-content", "quota": 100, "domain": domain})
    return f"editor@{domain}"


def ssh_key(api):
    api.post(site_path(api, "/ssh/keys"), json={"name": "laptop", "key": PUBLIC_KEY})
    return "laptop"


def archive(api):
    api.post(site_path(api, "/files/compress"),
             json={"sourcefiles": ["wp-content/themes"], "destfiles": "themes", "compress_type": "tar.gz"})
    return "themes.tar.gz"


SAMPLES = {
    ("GET", "/v1/sites/{id}/ftp/accounts"): lambda api: (
        ftp_user(api), api.get(site_path(api, "/ftp/accounts")))[1],
    ("POST", "/v1/sites/{id}/ftp/accounts"): lambda api: api.post(site_path(api, "/ftp/accounts"), json={
        "username": "writer", "password": "Secret123", "homedir": "", "quota": 0,
        "domain": api.get(site_path(api, "")).json()["result"]["domain"]}),
    ("PATCH", "/v1/sites/{id}/ftp/accounts"): lambda api: api.patch(
        site_path(api, "/ftp/accounts"), params={"username": ftp_user(api)}, json={"quota": 5}),
    ("DELETE", "/v1/sites/{id}/ftp/accounts"): lambda api: api.delete(
        site_path(api, "/ftp/accounts"), json={"username": ftp_user(api)}),
    ("GET", "/v1/sites/{id}/ssh/keys"): lambda api: (ssh_key(api), api.get(site_path(api, "/ssh/keys")))[1],
    ("POST", "/v1/sites/{id}/ssh/keys"): lambda api: api.post(
        site_path(api, "/ssh/keys"), json={"name": "ci", "key": PUBLIC_KEY}),
    ("DELETE", "/v1/sites/{id}/ssh/keys"): lambda api: api.delete(
        site_path(api, "/ssh/keys"), json={"name": ssh_key(api)}),
    ("POST", "/v1/sites/{id}/ssh/keys/authorize"): lambda api: api.post(
        site_path(api, "/ssh/keys/authorize"), json={"name": ssh_key(api)}),
    ("POST", "/v1/sites/{id}/ssh/keys/deauthorize"): lambda api: api.post(
        site_path(api, "/ssh/keys/deauthorize"), json={"name": ssh_key(api)}),
    ("GET", "/v1/sites/{id}/ssh/keys/{name}"): lambda api: api.get(site_path(api, f"/ssh/keys/{ssh_key(api)}")),
    ("GET", "/v1/sites/{id}/file_manager/files"): lambda api: api.get(
        site_path(api, "/file_manager/files"), params={"path": "/", "page": 1, "per_page": 50}),
    ("GET", "/v1/sites/{id}/files"): lambda api: api.get(site_path(api, "/files"), params={"path": "wp-content"}),
    ("POST", "/v1/sites/{id}/files"): lambda api: api.post(
        site_path(api, "/files"), json={"path": "/", "filename": "new.txt", "content": "hello"}),
    ("PUT", "/v1/sites/{id}/files"): lambda api: api.put(
        site_path(api, "/files"), json={"path": "/", "file": "robots.txt", "content": "User-agent: *"}),
    ("DELETE", "/v1/sites/{id}/files"): lambda api: api.delete(site_path(api, "/files"), json={"file": "robots.txt"}),
    ("PATCH", "/v1/sites/{id}/files/chmod"): lambda api: api.patch(
        site_path(api, "/files/chmod"), json={"file": "wp-config.php", "permissions": "0600"}),
    ("POST", "/v1/sites/{id}/files/compress"): lambda api: api.post(
        site_path(api, "/files/compress"), json={"sourcefiles": ["index.php"], "destfiles": "x", "compress_type": "zip"}),
    ("POST", "/v1/sites/{id}/files/extract"): lambda api: api.post(
        site_path(api, "/files/extract"), json={"file": archive(api), "destination": "copy"}),
    ("POST", "/v1/sites/{id}/files/folder"): lambda api: api.post(
        site_path(api, "/files/folder"), json={"path": "wp-content", "name": "exports"}),
    ("GET", "/v1/sites/{id}/files/download"): lambda api: api.get(
        site_path(api, "/files/download"), params={"filename": "index.php"}),
    ("GET", "/v1/sites/{id}/files/view"): lambda api: api.get(
        site_path(api, "/files/view"), params={"filename": "wp-config.php", "directory": "/"}),
}
