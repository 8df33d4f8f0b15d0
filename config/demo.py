"""The `make demo` runner: local settings, translations, and one supervisor for every process.

    python -m config.demo env        write .env.local with new keys if it is missing (never overwrites)
    python -m config.demo messages   compile the .po files whose .mo is missing or older
    python -m config.demo run        start the sandbox, seed the demo data, then web, worker and beat

`run` keeps every child in its own process group, so Ctrl-C reaches only this supervisor, which
sends SIGTERM to each child, waits, and kills what is left. When any child exits on its own,
the supervisor stops the others and exits with status 1.
"""

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# The same file config/settings.py reads; ENV_FILE overrides it there and here.
ENV_FILE = Path(os.environ.get("ENV_FILE") or BASE_DIR / ".env.local")

DEFAULT_DEMO_EMAIL = "demo@example.com"
DEFAULT_SANDBOX_PASSWORD = "sandbox-demo-password"
SANDBOX_ACCOUNTS = ("agency-one@example.com", "agency-two@example.com")
STOP_GRACE_SECONDS = 15
READY_TIMEOUT_SECONDS = 60


# -- .env.local -------------------------------------------------------------------------------


def generated_settings():
    """Return fresh values for the settings a local run needs, in file order."""
    from cryptography.fernet import Fernet

    return {
        "DEBUG": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "EMAIL_BACKEND": "file",
        "DEMO_PASSWORD": secrets.token_urlsafe(12),
    }


def read_env_keys(path):
    keys = set()
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            keys.add(line.split("=", 1)[0].strip())
    return keys


def write_env_file(path=ENV_FILE):
    """Create `path` with generated settings, or append only the settings it lacks.

    Existing lines are never changed, so keys that encrypted stored data stay valid.
    Returns the names that were written.
    """
    values = generated_settings()
    if path.exists():
        present = read_env_keys(path)
        missing = {key: value for key, value in values.items() if key not in present}
        if missing:
            with path.open("a") as env_file:
                env_file.write("".join(f"{key}={value}\n" for key, value in missing.items()))
        return sorted(missing)

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = f"# Written by `make demo` on {stamp} for local use only; keep it out of git.\n"
    path.write_text(header + "".join(f"{key}={value}\n" for key, value in values.items()))
    path.chmod(0o600)
    return sorted(values)


# -- translations -----------------------------------------------------------------------------


def compile_messages(*locale_dirs):
    """Compile each .po file under `locale_dirs` whose .mo is missing or older; return the .mo paths.

    Without arguments, it compiles the project's locale folder and every app's (such as reporting/locale).
    polib does the work, so gettext's msgfmt need not be installed. Like msgfmt, polib leaves out
    fuzzy and untranslated entries.
    """
    import polib

    if not locale_dirs:
        locale_dirs = [BASE_DIR / "locale", *sorted(BASE_DIR.glob("*/locale"))]
    compiled = []
    po_paths = sorted(path for locale_dir in locale_dirs for path in locale_dir.glob("*/LC_MESSAGES/*.po"))
    for po_path in po_paths:
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


# -- supervisor -------------------------------------------------------------------------------


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def read_port(name, default):
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SystemExit(f"{name}={raw!r} is not a port number: use a whole number from 1 to 65535.")
    port = int(raw)
    if not port_is_free(port):
        raise SystemExit(f"Port {port} on 127.0.0.1 is in use: stop what uses it or set {name} to a free port.")
    return port


class Supervisor:
    """Start named child processes, prefix their output, and stop them all together."""

    def __init__(self):
        self.children = {}
        self.stopping = threading.Event()
        self.name_width = 7

    def start(self, name, command, env):
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        self.children[name] = process
        threading.Thread(target=self._relay, args=(name, process), daemon=True).start()
        return process

    def _relay(self, name, process):
        for line in process.stdout:
            sys.stdout.write(f"{name:<{self.name_width}} | {line}")
            sys.stdout.flush()

    def exited_child(self):
        """Return (name, exit status) of the first child that has exited, or None."""
        for name, process in self.children.items():
            status = process.poll()
            if status is not None:
                return name, status
        return None

    def stop_all(self):
        """Send SIGTERM to every child, wait up to STOP_GRACE_SECONDS, then SIGKILL each process group."""
        for process in self.children.values():
            if process.poll() is None:
                _signal_quietly(process.pid, signal.SIGTERM, group=False)

        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for name, process in self.children.items():
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"demo: {name} ignored SIGTERM for {STOP_GRACE_SECONDS} s; killing it.", flush=True)

        # A leader that exited may leave workers behind (Celery's pool, gunicorn's workers).
        for process in self.children.values():
            _signal_quietly(process.pid, signal.SIGKILL, group=True)
            process.wait()


def _signal_quietly(pid, signum, *, group):
    try:
        if group:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)
    except ProcessLookupError:
        pass


def wait_for_port(port, supervisor, child_name, timeout=READY_TIMEOUT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if supervisor.children[child_name].poll() is not None:
            return False
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.3)
    return False


def wait_for_http(url, supervisor, child_name, timeout=READY_TIMEOUT_SECONDS):
    """Wait until `url` sends any HTTP response, error statuses included."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if supervisor.children[child_name].poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    return False


def banner(settings):
    lines = [
        "",
        "=" * 72,
        f"Rocket dashboard demo is running at http://127.0.0.1:{settings['port']}/",
        f"  Log in as     {settings['demo_email']}",
        f"  Password      {settings['demo_password']}",
        f"  Health        http://127.0.0.1:{settings['port']}/healthz  (503 until the first worker heartbeat)",
        f"  Sandbox API   {settings['sandbox_url']}  (a simulated Rocket.net API)",
        f"  Sandbox users {', '.join(SANDBOX_ACCOUNTS)}",
        f"  Sandbox pass  {settings['sandbox_password']}",
        f"  Emails        {settings['mail_destination']}",
        "Press Ctrl-C to stop everything.",
        "=" * 72,
        "",
    ]
    return "\n".join(lines)


def describe_mail_destination():
    backend = os.environ.get("EMAIL_BACKEND") or "smtp"
    if backend == "file":
        var_dir = Path(os.environ.get("VAR_DIR") or BASE_DIR / "var")
        folder = os.environ.get("EMAIL_FILE_PATH") or var_dir / "mail"
        return f"written as *.log files to {folder}/"
    if backend == "console":
        return "printed in the web and worker output"
    return f"sent by SMTP to {os.environ.get('EMAIL_HOST') or '127.0.0.1'}:{os.environ.get('EMAIL_PORT') or 25}"


def child_commands(port, sandbox_port, task_seconds):
    python = sys.executable
    return {
        "sandbox": [
            python, "-m", "sandbox", "--host", "127.0.0.1", "--port", str(sandbox_port),
            "--seed", "1", "--task-seconds", str(task_seconds),
        ],
        "web": [
            python, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--threads", "4", "--access-logfile", "-",
        ],
        "worker": [python, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO", "--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO"],
    }


def run():
    from config import env

    env.load_env_file(ENV_FILE)
    port = read_port("PORT", 8000)
    sandbox_port = read_port("SANDBOX_PORT", 8001)
    task_seconds = env.get_int("SANDBOX_TASK_SECONDS", 20, minimum=0)
    settings = {
        "port": port,
        "sandbox_url": f"http://127.0.0.1:{sandbox_port}",
        "sandbox_password": os.environ.get("SANDBOX_PASSWORD") or DEFAULT_SANDBOX_PASSWORD,
        "demo_email": os.environ.get("DEMO_EMAIL") or DEFAULT_DEMO_EMAIL,
        "demo_password": os.environ.get("DEMO_PASSWORD", ""),
        "mail_destination": describe_mail_destination(),
    }
    if not settings["demo_password"]:
        raise SystemExit(f"DEMO_PASSWORD is missing: run `python -m config.demo env` to add one to {ENV_FILE}.")

    child_env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
        SANDBOX_URL=settings["sandbox_url"],
        SANDBOX_PASSWORD=settings["sandbox_password"],
        DEMO_EMAIL=settings["demo_email"],
        DEMO_PASSWORD=settings["demo_password"],
    )
    commands = child_commands(port, sandbox_port, task_seconds)
    supervisor = Supervisor()

    def request_stop(signum, _frame):
        if supervisor.stopping.is_set():
            return
        print(f"\ndemo: received {signal.Signals(signum).name}; stopping all processes.", flush=True)
        supervisor.stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    status = 0
    try:
        status = _start_and_watch(supervisor, commands, child_env, settings, sandbox_port)
    finally:
        supervisor.stop_all()
    print("demo: all processes stopped.", flush=True)
    return status


def _start_and_watch(supervisor, commands, child_env, settings, sandbox_port):
    supervisor.start("sandbox", commands["sandbox"], child_env)
    if not wait_for_port(sandbox_port, supervisor, "sandbox"):
        print(f"demo: the sandbox did not start listening on port {sandbox_port}; see its output above.")
        return 1

    seed = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=BASE_DIR, env=child_env)
    if seed.returncode != 0:
        print(f"demo: manage.py seed_demo failed with exit status {seed.returncode}; see its output above.")
        return 1

    for name in ("web", "worker", "beat"):
        supervisor.start(name, commands[name], child_env)
    # "/" rather than /healthz, whose 503 before the first heartbeat Django logs as an error.
    if not wait_for_http(f"http://127.0.0.1:{settings['port']}/", supervisor, "web"):
        print(f"demo: the web server did not answer on port {settings['port']}; see its output above.")
        return 1
    print(banner(settings), flush=True)

    while not supervisor.stopping.is_set():
        exited = supervisor.exited_child()
        if exited:
            name, code = exited
            print(f"demo: {name} exited with status {code}; stopping the others.", flush=True)
            return 1
        supervisor.stopping.wait(0.5)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m config.demo", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("env", "messages", "run"))
    args = parser.parse_args(argv)

    if args.command == "env":
        written = write_env_file()
        if written:
            print(f"{ENV_FILE.name}: wrote {', '.join(written)}")
        else:
            print(f"{ENV_FILE.name}: exists with every setting; left unchanged")
        return 0

    if args.command == "messages":
        for mo_path in compile_messages():
            print(f"compiled {mo_path.relative_to(BASE_DIR)}")
        return 0

    return run()


if __name__ == "__main__":
    sys.exit(main())
