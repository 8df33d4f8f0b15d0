"""The ``python -m sandbox`` command and the sandbox's independence from the client."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]


def start_cli(*arguments, **environment):
    # Start from the caller's environment without SANDBOX_PASSWORD, so the default applies.
    env = {key: value for key, value in os.environ.items() if key != "SANDBOX_PASSWORD"}
    env.update(environment)
    return subprocess.Popen([sys.executable, "-m", "sandbox", *arguments], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_serves_and_prints_demo_password():
    process = start_cli("--port", "0", "--seed", "3", "--task-seconds", "1")
    try:
        url_line = process.stdout.readline()
        accounts_line = process.stdout.readline()
        password_line = process.stdout.readline()
        base_url = url_line.split(" at ", 1)[1].strip().removesuffix("/v1")

        response = requests.post(f"{base_url}/v1/login", timeout=5,
                                 json={"username": "agency-one@example.com", "password": "sandbox-demo-password"})

        assert url_line.startswith("Rocket.net sandbox at http://127.0.0.1:")
        assert "agency-two@example.com" in accounts_line
        assert "sandbox-demo-password" in password_line
        assert response.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_uses_password_from_environment():
    process = start_cli("--port", "0", SANDBOX_PASSWORD="a-different-demo-secret")
    try:
        base_url = process.stdout.readline().split(" at ", 1)[1].strip().removesuffix("/v1")
        process.stdout.readline()
        password_line = process.stdout.readline()

        default = requests.post(f"{base_url}/v1/login", timeout=5,
                                json={"username": "agency-one@example.com", "password": "sandbox-demo-password"})
        custom = requests.post(f"{base_url}/v1/login", timeout=5,
                               json={"username": "agency-one@example.com", "password": "a-different-demo-secret"})

        assert "a-different-demo-secret" not in password_line
        assert default.status_code == 401
        assert custom.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_rejects_malformed_environment():
    result = subprocess.run([sys.executable, "-m", "sandbox"], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "SANDBOX_PORT": "eighty"}, timeout=30)

    assert result.returncode != 0
    assert "SANDBOX_PORT must be an integer, got 'eighty'" in result.stderr


def test_sandbox_imports_neither_client_nor_django():
    forbidden = {"rocketnet", "django"}
    offenders = []
    for path in (REPO_ROOT / "sandbox").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in forbidden]

    assert offenders == []
