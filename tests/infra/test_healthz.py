import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import WorkerHeartbeat
from accounts.tasks import record_worker_heartbeat
from config import health

REPO = Path(__file__).resolve().parents[2]


def closed_port():
    """Return a loopback port that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def fresh_heartbeat(db):
    return WorkerHeartbeat.objects.create(name="celery@test", seen_at=timezone.now())


def test_healthz_all_up(client, fresh_heartbeat):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert body["checks"]["database"]["up"] is True
    assert body["checks"]["broker"]["up"] is True
    assert body["checks"]["workers"]["up"] is True
    assert body["checks"]["workers"]["workers_seen"] == 1
    assert "no-cache" in response["Cache-Control"]


def test_healthz_no_heartbeat(client, db):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "failing"
    assert body["failing"] == ["workers"]
    assert body["checks"]["workers"]["reason"] == "no heartbeat recorded yet"


def test_healthz_stale_heartbeat(client, db, settings):
    settings.HEALTH_WORKER_MAX_AGE_SECONDS = 120
    WorkerHeartbeat.objects.create(name="celery@old", seen_at=timezone.now() - timedelta(seconds=300))

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["failing"] == ["workers"]
    assert body["checks"]["workers"]["last_seen_seconds_ago"] >= 300
    assert body["checks"]["workers"]["workers_seen"] == 0


def test_healthz_one_fresh_worker_enough(client, db):
    WorkerHeartbeat.objects.create(name="celery@old", seen_at=timezone.now() - timedelta(hours=1))
    WorkerHeartbeat.objects.create(name="celery@new", seen_at=timezone.now())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["workers"]["workers_seen"] == 1


def test_healthz_unreachable_redis_broker(client, fresh_heartbeat, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"]["up"] is False
    assert body["checks"]["database"]["up"] is True


def test_healthz_missing_broker_folder(client, fresh_heartbeat, settings, tmp_path):
    queue = tmp_path / "queue"
    queue.mkdir()
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(tmp_path / "deleted-processed"),
    }

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"]["reason"] == "FileNotFoundError"


def test_healthz_writable_broker_folders(client, fresh_heartbeat, settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "processed_folder": str(tmp_path),
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["transport"] == "filesystem"
    assert list(tmp_path.iterdir()) == []


def test_healthz_rejects_post(client, fresh_heartbeat):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_healthz_unreachable_database(tmp_path):
    """Serve /healthz in a fresh process whose SQLite file cannot be opened."""
    missing_dir = tmp_path / "missing" / "db.sqlite3"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings",
        ENV_FILE=str(tmp_path / "no-env-file"),
        VAR_DIR=str(tmp_path / "var"),
        DEBUG="false",
        SECRET_KEY="a-test-secret-key-that-is-long-enough-0123456789",
        FIELD_ENCRYPTION_KEYS="dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OTA=",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{missing_dir}",
        CELERY_BROKER_URL="memory://",
    )
    code = (
        "import django, json; django.setup(); "
        "from django.test import Client; "
        "response = Client().get('/healthz'); "
        "print(json.dumps({'status_code': response.status_code, 'body': response.json()}))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status_code"] == 503
    assert "database" in outcome["body"]["failing"]
    assert outcome["body"]["checks"]["database"]["reason"] == "OperationalError"
    assert outcome["body"]["checks"]["broker"]["up"] is True
    assert str(missing_dir) not in result.stdout


def run_heartbeat_as(hostname):
    """Run the task body with a worker request naming `hostname`, as a worker would."""
    record_worker_heartbeat.push_request(hostname=hostname)
    try:
        record_worker_heartbeat.run()
    finally:
        record_worker_heartbeat.pop_request()


def test_heartbeat_task_records_worker_name(db):
    run_heartbeat_as("celery@host-a")
    first = WorkerHeartbeat.objects.get(name="celery@host-a").seen_at

    run_heartbeat_as("celery@host-a")

    assert WorkerHeartbeat.objects.count() == 1
    assert WorkerHeartbeat.objects.get(name="celery@host-a").seen_at >= first


def test_heartbeat_task_keeps_workers_apart(db):
    run_heartbeat_as("celery@host-a")
    run_heartbeat_as("celery@host-b")

    assert set(WorkerHeartbeat.objects.values_list("name", flat=True)) == {"celery@host-a", "celery@host-b"}


def test_heartbeat_task_through_celery_apply(db):
    result = record_worker_heartbeat.apply()

    assert result.successful()
    assert WorkerHeartbeat.objects.count() == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"HEALTHCHECK_HOST": "probe.internal", "ALLOWED_HOSTS": "dash.example.com"}, "probe.internal"),
        ({"ALLOWED_HOSTS": "dash.example.com,localhost"}, "dash.example.com"),
        ({"ALLOWED_HOSTS": ".example.com"}, "example.com"),
        ({"ALLOWED_HOSTS": "*"}, "localhost"),
        ({}, "localhost"),
    ],
)
def test_probe_host_choice(monkeypatch, environ, expected):
    monkeypatch.delenv("HEALTHCHECK_HOST", raising=False)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    for key, value in environ.items():
        monkeypatch.setenv(key, value)

    assert health.probe_host() == expected


@pytest.fixture
def status_server():
    """Serve GET requests on a loopback port with the status in `server.status`; record Host headers."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            server.hosts.append(self.headers["Host"])
            self.send_response(server.status)
            self.end_headers()
            self.wfile.write(b'{"status": "test"}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.status = 200
    server.hosts = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_probe_exit_status_follows_response(status_server, monkeypatch):
    monkeypatch.setenv("HEALTHCHECK_HOST", "dash.example.com")
    url = f"http://127.0.0.1:{status_server.server_port}/healthz"

    assert health.probe(url) == 0
    status_server.status = 503
    assert health.probe(url) == 1
    assert status_server.hosts == ["dash.example.com", "dash.example.com"]


def test_probe_unreachable_server():
    assert health.probe(f"http://127.0.0.1:{closed_port()}/healthz") == 1
