"""GET /healthz: whether the database, the Celery broker and the workers are up.

Returns 200 with {"status": "ok", "checks": {...}} when every part is up, otherwise 503 with
"status": "failing" and the failing parts listed in "failing". Error details go to the log,
not the response, because the endpoint is public and details may name hosts or users.

Run as `python -m config.health [URL]` it probes a running server and exits 0 only on a 200;
`python -m config.health --workers` checks only the heartbeat. Container healthchecks call these.
"""

import argparse
import logging
import os
import sys
import tempfile
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 3


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"up": True}


def check_broker():
    """Check the filesystem transport's folders are writable, or connect to a networked broker."""
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        return _check_broker_folders(settings.CELERY_BROKER_TRANSPORT_OPTIONS)

    # Imported here so that the probe command below runs without kombu on the path.
    from kombu import Connection

    with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    return {"up": True, "transport": broker.transport_cls}


def _check_broker_folders(options):
    folders = {options["data_folder_in"], options["data_folder_out"], options["processed_folder"]}
    for folder in sorted(folders):
        # Writing a file proves more than os.access(), which ignores read-only mounts.
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-"):
            pass
    return {"up": True, "transport": "filesystem"}


def check_workers():
    """Report the workers as up when a heartbeat arrived recently, which needs beat, the broker and a worker."""
    from accounts.models import WorkerHeartbeat

    max_age = settings.HEALTH_WORKER_MAX_AGE_SECONDS
    latest = WorkerHeartbeat.objects.order_by("-seen_at").first()
    if latest is None:
        return {"up": False, "reason": "no heartbeat recorded yet", "max_age_seconds": max_age}

    age = (timezone.now() - latest.seen_at).total_seconds()
    fresh_names = WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - timedelta(seconds=max_age))
    result = {
        "up": age <= max_age,
        "last_seen_seconds_ago": round(age),
        "max_age_seconds": max_age,
        "workers_seen": fresh_names.count(),
    }
    if not result["up"]:
        result["reason"] = "last heartbeat is older than max_age_seconds"
    return result


CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "workers": check_workers,
}


def run_checks():
    """Run every check; a check that raises counts as down, and its error is logged."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means this part is down
            logger.warning("Health check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = {"up": False, "reason": type(error).__name__}
    return results


@never_cache
@require_GET
def healthz(request):
    checks = run_checks()
    failing = [name for name, result in checks.items() if not result["up"]]
    body = {"status": "failing" if failing else "ok", "failing": failing, "checks": checks}
    return JsonResponse(body, status=503 if failing else 200)


urlpatterns = [
    path("", healthz, name="healthz"),
]


def probe_host():
    """Return the Host header for probes: HEALTHCHECK_HOST, else the first ALLOWED_HOSTS entry.

    Django responds 400 to a Host that ALLOWED_HOSTS does not list, so a probe of 127.0.0.1 needs an allowed one.
    """
    host = os.environ.get("HEALTHCHECK_HOST", "").strip()
    if host:
        return host
    first = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip()
    if first in ("", "*"):
        return "localhost"
    # ".example.com" allows example.com and its subdomains.
    return first.lstrip(".")


def probe(url):
    """Return 0 when `url` responds 200, else 1; container healthchecks call this."""
    request = urllib.request.Request(url, headers={"Host": probe_host()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(f"{url} returned {error.code}: {error.read().decode()[:500]}", file=sys.stderr)
    except (urllib.error.URLError, OSError) as error:
        print(f"{url} is unreachable: {error}", file=sys.stderr)
    return 1


def probe_workers():
    """Return 0 when a worker heartbeat is fresh, 1 otherwise; the beat container's healthcheck."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    result = check_workers()
    print(result)
    return 0 if result["up"] else 1


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m config.health", description="Probe the health of a deployment.")
    parser.add_argument("url", nargs="?", help="URL to probe (default: http://127.0.0.1:$PORT/healthz, PORT=8000)")
    parser.add_argument("--workers", action="store_true", help="check the worker heartbeat in the database instead")
    args = parser.parse_args(argv)

    if args.workers:
        return probe_workers()
    return probe(args.url or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
