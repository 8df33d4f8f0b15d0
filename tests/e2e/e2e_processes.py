"""Start and stop the product's real processes for end-to-end tests.

Every child gets its own session, so its own process group, and writes its output to a log file
under the test's folder. Stopping sends SIGTERM to each leader and then SIGKILL to each whole
group, so Celery's pool processes and gunicorn's workers cannot outlive their leader.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
STOP_GRACE_SECONDS = 15
LOG_TAIL_CHARS = 4000

# Only these come from the outer environment. The test sets every other variable, so a DATABASE_URL
# or REDIS_URL meant for the test process cannot leak into a child.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_env(**settings):
    """Return an environment holding only PATH-like basics plus `settings` (all turned into strings)."""
    env = {key: os.environ[key] for key in PASSED_THROUGH if key in os.environ}
    env["PYTHONUNBUFFERED"] = "1"
    env.update({key: str(value) for key, value in settings.items()})
    return env


def run_command(command, env, timeout=180):
    """Run a short command to its end; fail with its output when it exits non-zero."""
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result


class ChildProcesses:
    """Long-running children, each in its own process group with its output in `log_dir`/NAME.log."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.processes = {}
        self._log_files = []

    def start(self, name, command, env):
        log_file = open(self.log_dir / f"{name}.log", "w")
        self._log_files.append(log_file)
        self.processes[name] = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        return self.processes[name]

    def log(self, name):
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def report(self):
        """Return the last lines of every child's log, for failure messages."""
        parts = []
        for name, process in self.processes.items():
            state = "running" if process.poll() is None else f"exited with {process.returncode}"
            parts.append(f"--- {name} ({state}) ---\n{self.log(name)[-LOG_TAIL_CHARS:]}")
        return "\n".join(parts)

    def assert_running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise AssertionError(f"{name} exited with {process.returncode}:\n{self.report()}")

    def stop_all(self):
        """SIGTERM each leader, wait up to STOP_GRACE_SECONDS, then SIGKILL every process group.

        Return the seconds each child took to exit, or None for a child that had to be killed.
        The leaders get SIGTERM alone because Celery and gunicorn stop their own pools cleanly.
        """
        started = time.monotonic()
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = started + STOP_GRACE_SECONDS
        exit_seconds = {}
        for name, process in self.processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
                exit_seconds[name] = round(time.monotonic() - started, 1)
            except subprocess.TimeoutExpired:
                exit_seconds[name] = None
        # A leader that exited can leave pool processes behind in its group.
        for process in self.processes.values():
            _signal_group(process.pid, signal.SIGKILL)
            process.wait()
        for log_file in self._log_files:
            log_file.close()
        return exit_seconds

    def leftover_pids(self):
        """Return the pids still alive (not zombies) in any of the children's process groups."""
        groups = {process.pid for process in self.processes.values()}
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            state, pgid = fields[0], int(fields[2])
            if pgid in groups and state != "Z":
                alive.append(int(entry.name))
        return alive


def _signal_group(pgid, signum):
    try:
        os.killpg(pgid, signum)
    except ProcessLookupError:
        pass


def wait_for_port(port, children, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.assert_running()
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"Nothing listened on 127.0.0.1:{port} within {timeout} s:\n{children.report()}")


def wait_for_http(url, children, timeout=60):
    """Wait until `url` responds with any HTTP status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children.assert_running()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{children.report()}")
