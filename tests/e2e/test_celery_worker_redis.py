"""A real `celery -A config worker` against Redis runs clone jobs that the sites service queues.

The worker is a child process that shares the test's PostgreSQL database (pytest-django's test_...
database, with transaction=True so that rows are committed and visible to it). The sandbox runs
in a thread of the test process, so the test can count the clone tasks the worker started.
Each run uses its own queue name and worker name, so parallel runs on one Redis database do
not take each other's tasks.
"""

import os
import re
import signal
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import redis
import requests
from django.conf import settings
from django.db import connection as db_connection
from werkzeug.serving import make_server

from accounts.models import Connection, Membership, Role, Team, User
from config.celery import app as celery_app
from e2e_processes import PYTHON, ChildProcesses, child_env
from sandbox.app import create_app
from sandbox.state import SandboxState
from sites import selectors, services
from sites.models import Job, JobStatus
from sites.tasks import run_job

SANDBOX_PASSWORD = "e2e-worker-sandbox-password"
AGENCY_ONE = "agency-one@example.com"
# Long enough that the job's first poll, 3 s after the start, finds the task still running.
TASK_SECONDS = 4
JOB_TIMEOUT_SECONDS = 60
READY_TIMEOUT_SECONDS = 60
# kombu's Redis transport keeps priority N of queue Q in the list "Q\x06\x16N".
KOMBU_PRIORITY_SEPARATOR = "\x06\x16"


def skip_reason():
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL is not set: run with REDIS_URL=redis://127.0.0.1:6379/5 to test the worker on Redis."
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return f"the broker is {settings.CELERY_BROKER_URL.split(':', 1)[0]}, not Redis: unset CELERY_BROKER_URL."
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return (
            "the test database is SQLite in memory, which a worker process cannot open: "
            "set DATABASE_URL to a PostgreSQL database."
        )
    return None


pytestmark = [pytest.mark.celery_worker, pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))]


def worker_database_url():
    """Return a DATABASE_URL for the database pytest-django created for this run."""
    db = db_connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


class SlowCloneResponses:
    """WSGI wrapper that holds back the response to POST .../clone after the sandbox handled it.

    This is how a slow network or a busy Rocket.net looks to the client: the task already exists
    upstream while the client still waits for its id.
    """

    def __init__(self, app):
        self.app = app
        self.delay_seconds = 0.0

    def __call__(self, environ, start_response):
        body = b"".join(self.app(environ, start_response))
        if environ["REQUEST_METHOD"] == "POST" and re.fullmatch(r"/v1/sites/\d+/clone", environ["PATH_INFO"]):
            time.sleep(self.delay_seconds)
        return [body]


@pytest.fixture(scope="module")
def sandbox():
    """Serve a sandbox in a thread; yield it with `.url`, `.state` and `.slow_clone`."""
    state = SandboxState(seed=1, task_seconds=TASK_SECONDS, password=SANDBOX_PASSWORD)
    slow_clone = SlowCloneResponses(create_app(state))
    server = make_server("127.0.0.1", 0, slow_clone, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", state=state, slow_clone=slow_clone)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, sandbox, tmp_path_factory):
    """Start a worker on a queue of its own; route this process's tasks to that queue meanwhile."""
    var_dir = tmp_path_factory.mktemp("e2e-worker")
    queue = f"e2e-{uuid.uuid4().hex[:12]}"
    hostname = f"{queue}@%h"
    with django_db_blocker.unblock():
        database_url = worker_database_url()

    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings",
        ENV_FILE=var_dir / "no-env-file",
        VAR_DIR=var_dir,
        DEBUG="true",
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_KEYS=os.environ["FIELD_ENCRYPTION_KEYS"],
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        LOG_LEVEL="INFO",
    )
    command = [
        PYTHON, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO", "--concurrency", "2",
        "--queues", queue, "--hostname", hostname, "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]

    children = ChildProcesses(var_dir / "logs")
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        children.start("worker", command, env)
        wait_for_log(children, " ready.", READY_TIMEOUT_SECONDS)
        yield children
    finally:
        celery_app.conf.task_default_queue = previous_queue
        exit_seconds = children.stop_all()
        delete_queue(queue)
    leftovers = children.leftover_pids()
    assert leftovers == [], f"processes {leftovers} still run after stopping; exit times {exit_seconds}"


def delete_queue(queue):
    """Delete the queue's Redis keys: the list per priority and kombu's binding set."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    priority_lists = [f"{queue}{KOMBU_PRIORITY_SEPARATOR}{priority}" for priority in range(1, 10)]
    client.delete(queue, *priority_lists, f"_kombu.binding.{queue}")
    client.close()


def wait_for_log(children, text, timeout, *, after=0):
    """Wait until `text` appears in the worker's log past character `after`; return the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.assert_running()
        output = children.log("worker")
        if text in output[after:]:
            return output
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear in the worker's log within {timeout} s:\n{children.report()}")


@pytest.fixture
def owner_connection(sandbox):
    team = Team.objects.create(name="E2E Agency", slug=f"e2e-{uuid.uuid4().hex[:8]}")
    user = User.objects.create_user(email="owner@e2e.example", password="owner-password-for-e2e")
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    connection = Connection(team=team, label="Client One", client_name="Client One Ltd", email=AGENCY_ONE,
                            api_base_url=sandbox.url)
    connection.password = SANDBOX_PASSWORD
    connection.save()
    return connection


def clone_tasks(sandbox, site_id):
    """Return the ids of the clone tasks the sandbox has for `site_id`, seeded ones included."""
    with sandbox.state.lock:
        return {task.id for task in sandbox.state.tasks.values()
                if task.task_type == "clone_site" and task.site_id == site_id}


def queue_clone_of(connection, site_id, label):
    """Queue a clone as the clone view does: read the site and locations, then call the service."""
    site = selectors.get_site(connection, site_id)
    location = selectors.list_locations(connection)[0]
    return services.queue_clone(connection=connection, site=site, label=label, location=location.id,
                                user=connection.team.memberships.get().user)


def wait_for_job(job_id, children, *, until=lambda job: job.is_finished, timeout=JOB_TIMEOUT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.assert_running()
        job = Job.objects.get(pk=job_id)
        if until(job):
            return job
        time.sleep(0.2)
    job = Job.objects.get(pk=job_id)
    raise AssertionError(f"job {job_id} is {job.status} after {timeout} s:\n{children.report()}")


def first_site_id(sandbox, offset=0):
    with sandbox.state.lock:
        ids = sorted(site.id for site in sandbox.state.sites_of(sandbox.state.account_by_email(AGENCY_ONE)))
    return ids[offset]


@pytest.mark.django_db(transaction=True)
def test_worker_runs_clone_job(worker, sandbox, owner_connection):
    site_id = first_site_id(sandbox, 0)
    before = clone_tasks(sandbox, site_id)

    job = queue_clone_of(owner_connection, site_id, "Worker copy")
    job = wait_for_job(job.pk, worker)

    assert job.status == JobStatus.SUCCEEDED, (job.error, worker.report())
    assert job.perc == 100
    started = clone_tasks(sandbox, site_id) - before
    assert len(started) == 1, started
    assert job.upstream_task_id in started
    with sandbox.state.lock:
        new_site = sandbox.state.sites[job.new_site_id]
    assert new_site.label == "Worker copy"


@pytest.mark.django_db(transaction=True)
def test_redelivery_while_running_polls_same_task(worker, sandbox, owner_connection):
    site_id = first_site_id(sandbox, 1)
    before = clone_tasks(sandbox, site_id)

    job = queue_clone_of(owner_connection, site_id, "Redelivered copy")
    job = wait_for_job(job.pk, worker, until=lambda job: bool(job.upstream_task_id))
    log_mark = len(worker.log("worker"))
    run_job.delay(job.pk)
    wait_for_log(worker, f"Job {job.pk} resumes polling task {job.upstream_task_id}", JOB_TIMEOUT_SECONDS,
                 after=log_mark)
    job = wait_for_job(job.pk, worker)

    assert job.status == JobStatus.SUCCEEDED, (job.error, worker.report())
    assert clone_tasks(sandbox, site_id) - before == {job.upstream_task_id}


@pytest.mark.django_db(transaction=True)
def test_redelivery_after_success_does_nothing(worker, sandbox, owner_connection):
    site_id = first_site_id(sandbox, 2)
    before = clone_tasks(sandbox, site_id)
    job = wait_for_job(queue_clone_of(owner_connection, site_id, "Finished copy").pk, worker)
    assert job.status == JobStatus.SUCCEEDED, (job.error, worker.report())

    log_mark = len(worker.log("worker"))
    run_job.delay(job.pk)
    wait_for_log(worker, f"Job {job.pk} already ended as succeeded", JOB_TIMEOUT_SECONDS, after=log_mark)

    again = Job.objects.get(pk=job.pk)
    assert (again.status, again.finished_at, again.result) == (job.status, job.finished_at, job.result)
    assert clone_tasks(sandbox, site_id) - before == {job.upstream_task_id}


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_once_clone_once(worker, sandbox, owner_connection):
    """Both deliveries run at once; the first to mark the job running starts the clone.

    The clone response is held back 2.5 s and the other delivery's task list is delayed 1 s, so
    the other delivery finds the new task and records it before the starter gets its response.
    """
    site_id = first_site_id(sandbox, 3)
    before = clone_tasks(sandbox, site_id)
    fault = {"kind": "latency", "method": "GET", "path": f"/v1/sites/{site_id}/tasks", "seconds": 1.0, "count": 1}
    requests.post(f"{sandbox.url}/_sandbox/faults", json=fault, timeout=5).raise_for_status()
    sandbox.slow_clone.delay_seconds = 2.5
    try:
        job = queue_clone_of(owner_connection, site_id, "Twice delivered copy")
        run_job.delay(job.pk)
        job = wait_for_job(job.pk, worker)
    finally:
        sandbox.slow_clone.delay_seconds = 0.0

    started = clone_tasks(sandbox, site_id) - before
    assert len(started) == 1, (started, worker.report())
    with sandbox.state.lock:
        clone = sandbox.state.tasks[started.pop()]
    assert clone.cancelled_at is None
    assert job.status == JobStatus.SUCCEEDED, (job.error, worker.report())
    assert job.upstream_task_id == clone.id


def pool_pids(children):
    """Return the pids of the worker's pool processes (the children of its main process)."""
    main_pid = children.processes["worker"].pid
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == main_pid and fields[0] != "Z":
            pids.append(int(entry.name))
    return pids


@pytest.mark.django_db(transaction=True)
def test_killed_pool_process_resumes_task(worker, sandbox, owner_connection):
    site_id = first_site_id(sandbox, 4)
    before = clone_tasks(sandbox, site_id)

    job = queue_clone_of(owner_connection, site_id, "Survivor copy")
    job = wait_for_job(job.pk, worker, until=lambda job: bool(job.upstream_task_id))
    log_mark = len(worker.log("worker"))
    for pid in pool_pids(worker):
        os.kill(pid, signal.SIGKILL)
    wait_for_log(worker, f"Job {job.pk} resumes polling task {job.upstream_task_id}", JOB_TIMEOUT_SECONDS,
                 after=log_mark)
    job = wait_for_job(job.pk, worker)

    assert job.status == JobStatus.SUCCEEDED, (job.error, worker.report())
    assert clone_tasks(sandbox, site_id) - before == {job.upstream_task_id}
