"""docker-compose.yml: validated by Debian's docker-compose when installed, and read as YAML always.

No test builds the image or starts containers, because CI machines have no Docker engine.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
REQUIRED_SECRETS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "POSTGRES_PASSWORD")
SERVICES = {"migrate", "web", "worker", "beat", "db", "redis", "mailpit"}


@pytest.fixture
def docker_compose():
    command = shutil.which("docker-compose")
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("docker-compose is not installed, and CI=true requires this check: apt-get install docker-compose")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose to run this check)")
    return command


def compose_env(clean_environ, **values):
    env = {key: value for key, value in clean_environ.items() if key not in REQUIRED_SECRETS}
    env.update(values)
    return env


def run_compose(command, env, *args):
    return subprocess.run(
        [command, "--file", str(COMPOSE_FILE), "--project-directory", str(REPO), *args],
        env=env, capture_output=True, text=True, timeout=120,
    )


def test_compose_config_valid(docker_compose, clean_environ):
    env = compose_env(
        clean_environ, SECRET_KEY="x" * 50, FIELD_ENCRYPTION_KEYS="placeholder-key", POSTGRES_PASSWORD="pw"
    )

    result = run_compose(docker_compose, env, "config", "-q")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", REQUIRED_SECRETS)
def test_compose_refuses_missing_secret(docker_compose, clean_environ, missing):
    values = {"SECRET_KEY": "x" * 50, "FIELD_ENCRYPTION_KEYS": "placeholder-key", "POSTGRES_PASSWORD": "pw"}
    del values[missing]

    result = run_compose(docker_compose, compose_env(clean_environ, **values), "config", "-q")

    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


def test_compose_passes_secrets_through(docker_compose, clean_environ):
    env = compose_env(
        clean_environ, SECRET_KEY="s" * 50, FIELD_ENCRYPTION_KEYS="key-one,key-two", POSTGRES_PASSWORD="pgpw"
    )

    result = run_compose(docker_compose, env, "config")

    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    web_env = config["services"]["web"]["environment"]
    assert web_env["SECRET_KEY"] == "s" * 50
    assert web_env["FIELD_ENCRYPTION_KEYS"] == "key-one,key-two"
    assert web_env["DATABASE_URL"] == "postgres://rocketdash:pgpw@db:5432/rocketdash"
    assert config["services"]["db"]["environment"]["POSTGRES_PASSWORD"] == "pgpw"
    assert config["services"]["worker"]["environment"] == web_env


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_compose_has_every_service(compose):
    assert set(compose["services"]) == SERVICES


@pytest.mark.parametrize("service", sorted(SERVICES - {"migrate"}))
def test_compose_service_has_healthcheck(compose, service):
    assert compose["services"][service]["healthcheck"]["test"]


def test_compose_web_healthcheck_probes_healthz(compose):
    test = compose["services"]["web"]["healthcheck"]["test"]

    assert test[:4] == ["CMD", "python", "-m", "config.health"]
    assert test[4].endswith("/healthz")


def test_compose_app_services_wait_for_migrations(compose):
    for name in ("web", "worker", "beat"):
        depends_on = compose["services"][name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name


def test_compose_secrets_have_no_defaults(compose):
    environment = compose["services"]["web"]["environment"]

    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["FIELD_ENCRYPTION_KEYS"].startswith("${FIELD_ENCRYPTION_KEYS:?")
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    assert environment["DEBUG"] == "false"


def test_compose_ports_bound_to_loopback(compose):
    for name, service in compose["services"].items():
        for mapping in service.get("ports", []):
            assert mapping.startswith("127.0.0.1:"), f"{name} publishes {mapping} on every interface"


def test_vendor_script_shared_by_make_and_docker():
    scripts = json.loads((REPO / "package.json").read_text())["scripts"]

    assert "static/vendor" in scripts["vendor"]
    assert "npm run --silent vendor" in (REPO / "Makefile").read_text()
    assert "npm ci --no-audit --no-fund && npm run --silent vendor" in (REPO / "Dockerfile").read_text()


def test_dockerignore_keeps_local_secrets_out():
    ignored = (REPO / ".dockerignore").read_text().splitlines()

    assert ".env.local" in ignored
    assert "var" in ignored
    assert ".venv" in ignored


def test_collectstatic_succeeds_in_production_mode(tmp_path, clean_environ):
    """Run what the Dockerfile runs; the manifest storage fails on a missing file that CSS or JS references."""
    env = dict(
        clean_environ,
        ENV_FILE=str(tmp_path / "no-env-file"),
        VAR_DIR=str(tmp_path),
        DEBUG="false",
        SECRET_KEY="collectstatic-only-secret-key-0123456789abcdef",
        FIELD_ENCRYPTION_KEYS="dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OTA=",
        ALLOWED_HOSTS="localhost",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())
    assert "vendor/htmx.min.js" in manifest["paths"]
    assert "vendor/bootstrap.min.css" in manifest["paths"]
