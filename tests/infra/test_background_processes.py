"""Real processes on the embedded defaults: Celery over the filesystem broker, and `config.demo run`.

Each test gets its own VAR_DIR (SQLite file, broker folders, mail), so nothing touches var/.
"""

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-test-password-1234"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_env(base, var_dir, marker, **extra):
    """Return an environment for child processes on the embedded defaults.

    `marker` is inherited by every descendant, so a test can find leftover processes in /proc.
    """
    env = dict(base)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        ENV_FILE=str(var_dir / "no-env-file"),
        VAR_DIR=str(var_dir),
        DEBUG="true",
        SECRET_KEY="a-test-secret-key-that-is-long-enough-0123456789",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        EMAIL_BACKEND="file",
        WORKER_HEARTBEAT_SECONDS="1",
        HEALTH_WORKER_MAX_AGE_SECONDS="30",
        PYTHONUNBUFFERED="1",
        INFRA_TEST_MARKER=marker,
    )
    env.update(extra)
    return env


def processes_with_marker(marker):
    needle = f"INFRA_TEST_MARKER={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def kill_marked(marker):
    for pid in processes_with_marker(marker):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory, clean_environ):
    """Migrate one SQLite file for the module; each test copies it."""
    var_dir = tmp_path_factory.mktemp("migrated")
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=REPO, env=process_env(clean_environ, var_dir, "migrate"), capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return var_dir / "db.sqlite3"


@pytest.fixture
def var_dir(tmp_path, migrated_database):
    shutil.copy(migrated_database, tmp_path / "db.sqlite3")
    return tmp_path


def heartbeat_names(database):
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM accounts_workerheartbeat")]


def test_worker_and_beat_exchange_tasks_through_files(var_dir, clean_environ):
    marker = uuid.uuid4().hex
    env = process_env(clean_environ, var_dir, marker)
    celery = [sys.executable, "-m", "celery", "-A", "config"]
    logs = {name: open(var_dir / f"{name}.log", "w") for name in ("worker", "beat")}
    worker = subprocess.Popen(
        celery + ["worker", "--concurrency", "1", "--hostname", "infra-test@%h"],
        cwd=REPO, env=env, stdout=logs["worker"], stderr=subprocess.STDOUT, start_new_session=True,
    )
    beat = subprocess.Popen(
        celery + ["beat"], cwd=REPO, env=env, stdout=logs["beat"], stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not heartbeat_names(var_dir / "db.sqlite3") and time.monotonic() < deadline:
            assert worker.poll() is None, (var_dir / "worker.log").read_text()
            assert beat.poll() is None, (var_dir / "beat.log").read_text()
            time.sleep(0.5)

        names = heartbeat_names(var_dir / "db.sqlite3")
        assert len(names) == 1, (var_dir / "beat.log").read_text() + (var_dir / "worker.log").read_text()
        assert names[0].startswith("infra-test@")
        assert (var_dir / "broker" / "queue").is_dir()
    finally:
        for process in (worker, beat):
            process.send_signal(signal.SIGTERM)
        for process in (worker, beat):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        kill_marked(marker)
        for log in logs.values():
            log.close()

    assert worker.returncode == 0
    assert beat.returncode == 0


def wait_for_text(path, text, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = path.read_text() if path.exists() else ""
        if text in output:
            return output
        assert process.poll() is None, f"config.demo exited with {process.returncode}:\n{output}"
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear within {timeout} s:\n{path.read_text()}")


def log_in(base_url, email, password):
    session = requests.Session()
    page = session.get(f"{base_url}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": email, "password": password},
        headers={"Referer": f"{base_url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    return page, response


def test_demo_run_serves_and_stops_on_sigint(var_dir, clean_environ):
    marker = uuid.uuid4().hex
    port, sandbox_port = free_port(), free_port()
    env = process_env(
        clean_environ, var_dir, marker,
        PORT=str(port), SANDBOX_PORT=str(sandbox_port), SANDBOX_TASK_SECONDS="1",
        DEMO_EMAIL="owner@example.com", DEMO_PASSWORD=DEMO_PASSWORD,
    )
    output_path = var_dir / "demo.out"
    with open(output_path, "w") as output:
        runner = subprocess.Popen(
            [sys.executable, "-m", "config.demo", "run"],
            cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        banner = wait_for_text(output_path, "Press Ctrl-C to stop everything.", runner, timeout=120)

        assert f"running at {base_url}/" in banner
        assert "Log in as     owner@example.com" in banner
        assert f"Password      {DEMO_PASSWORD}" in banner
        assert f"Sandbox API   http://127.0.0.1:{sandbox_port}" in banner
        assert "agency-one@example.com, agency-two@example.com" in banner
        assert "Sandbox pass  sandbox-demo-password" in banner
        assert f"written as *.log files to {var_dir / 'mail'}/" in banner

        page, login = log_in(base_url, "owner@example.com", DEMO_PASSWORD)
        assert page.status_code == 200
        assert login.status_code == 302
        assert login.headers["Location"] != "/accounts/login/"

        deadline = time.monotonic() + 60
        health = requests.get(f"{base_url}/healthz", timeout=10)
        while health.status_code != 200 and time.monotonic() < deadline:
            time.sleep(1)
            health = requests.get(f"{base_url}/healthz", timeout=10)
        assert health.status_code == 200, health.text
        assert health.json()["checks"]["workers"]["up"] is True

        os.kill(runner.pid, signal.SIGINT)
        runner.wait(timeout=40)
        output = output_path.read_text()
        assert runner.returncode == 0, output
        assert "demo: received SIGINT; stopping all processes." in output
        assert "demo: all processes stopped." in output
        assert processes_with_marker(marker) == []
    finally:
        if runner.poll() is None:
            runner.kill()
        kill_marked(marker)
