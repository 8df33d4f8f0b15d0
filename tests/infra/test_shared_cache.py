"""The default cache without Redis: every process of a deployment must see one invalidation."""

import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-0123456789",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "dash.example.com",
}

# A long-lived process that runs cache commands read from stdin, one a line, like a gunicorn worker
# that keeps its cache between requests: "set KEY VALUE", "get KEY", "delete KEY".
CACHE_PROCESS = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
print("BACKEND=" + settings.CACHES["default"]["BACKEND"], flush=True)
for line in sys.stdin:
    command, key, *value = line.split()
    if command == "set":
        cache.set(key, value[0], 60)
        print("ok", flush=True)
    elif command == "get":
        print("value=%s" % cache.get(key), flush=True)
    elif command == "delete":
        cache.delete(key)
        print("ok", flush=True)
"""


class CacheProcess:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-c", CACHE_PROCESS], cwd=REPO, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.backend = self.process.stdout.readline().strip()

    def run(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def test_cache_invalidation_reaches_other_process(tmp_path, clean_environ):
    env = dict(clean_environ, **PRODUCTION, ENV_FILE=str(tmp_path / "no-env-file"), VAR_DIR=str(tmp_path / "var"))
    first, second = CacheProcess(env), CacheProcess(env)
    try:
        assert first.backend == "BACKEND=django.core.cache.backends.filebased.FileBasedCache", first.backend
        assert first.run("set sites:fleet:team:1 Harbor-Dental") == "ok"
        assert second.run("get sites:fleet:team:1") == "value=Harbor-Dental"

        assert second.run("delete sites:fleet:team:1") == "ok"

        assert first.run("get sites:fleet:team:1") == "value=None"
        assert (tmp_path / "var" / "cache").is_dir()
    finally:
        first.close()
        second.close()


def test_cache_uses_redis_when_configured(tmp_path, clean_environ):
    env = dict(clean_environ, **PRODUCTION, ENV_FILE=str(tmp_path / "no-env-file"), VAR_DIR=str(tmp_path / "var"),
               REDIS_URL="redis://127.0.0.1:6379/0")
    process = CacheProcess(env)
    try:
        assert process.backend == "BACKEND=django.core.cache.backends.redis.RedisCache", process.backend
    finally:
        process.close()
