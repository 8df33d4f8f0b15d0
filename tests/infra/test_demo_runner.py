import gettext
import os
import signal
import sys
import time

import pytest
from cryptography.fernet import Fernet

from config import demo


def read_env(path):
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if line and not line.startswith("#"))


def test_env_file_created_with_working_keys(tmp_path):
    path = tmp_path / ".env.local"

    written = demo.write_env_file(path)

    values = read_env(path)
    assert written == ["DEBUG", "DEMO_PASSWORD", "EMAIL_BACKEND", "FIELD_ENCRYPTION_KEYS", "SECRET_KEY"]
    assert values["DEBUG"] == "true"
    assert values["EMAIL_BACKEND"] == "file"
    assert len(values["SECRET_KEY"]) >= 50
    assert len(values["DEMO_PASSWORD"]) >= 12
    assert Fernet(values["FIELD_ENCRYPTION_KEYS"]).decrypt(Fernet(values["FIELD_ENCRYPTION_KEYS"]).encrypt(b"x")) == b"x"
    assert path.stat().st_mode & 0o777 == 0o600


def test_env_file_never_overwritten(tmp_path):
    path = tmp_path / ".env.local"
    demo.write_env_file(path)
    before = path.read_text()

    written = demo.write_env_file(path)

    assert written == []
    assert path.read_text() == before


def test_env_file_gains_only_missing_keys(tmp_path):
    path = tmp_path / ".env.local"
    path.write_text("SECRET_KEY=kept-secret\nDEBUG=false\n")

    written = demo.write_env_file(path)

    values = read_env(path)
    assert written == ["DEMO_PASSWORD", "EMAIL_BACKEND", "FIELD_ENCRYPTION_KEYS"]
    assert values["SECRET_KEY"] == "kept-secret"
    assert values["DEBUG"] == "false"
    assert path.read_text().startswith("SECRET_KEY=kept-secret\nDEBUG=false\n")


PO_TEXT = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Sites"
msgstr "站点"

#, fuzzy
msgid "Backups"
msgstr "备份"
"""


def test_messages_compiled_without_fuzzy(tmp_path):
    po_path = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(PO_TEXT, encoding="utf-8")

    compiled = demo.compile_messages(tmp_path)

    catalog = gettext.GNUTranslations(open(po_path.with_suffix(".mo"), "rb"))
    assert compiled == [po_path.with_suffix(".mo")]
    assert catalog.gettext("Sites") == "站点"
    assert catalog.gettext("Backups") == "Backups"


def test_messages_skip_up_to_date(tmp_path):
    po_path = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(PO_TEXT, encoding="utf-8")
    demo.compile_messages(tmp_path)

    assert demo.compile_messages(tmp_path) == []

    later = time.time() + 10
    os.utime(po_path, (later, later))
    assert demo.compile_messages(tmp_path) == [po_path.with_suffix(".mo")]


def test_port_check_rejects_used_port(monkeypatch):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        monkeypatch.setenv("PORT", str(port))

        with pytest.raises(SystemExit, match=f"Port {port} on 127.0.0.1 is in use"):
            demo.read_port("PORT", 8000)


@pytest.mark.parametrize("value", ["http", "0", "70000", "-5"])
def test_port_check_rejects_bad_value(monkeypatch, value):
    monkeypatch.setenv("SANDBOX_PORT", value)

    with pytest.raises(SystemExit, match=f"SANDBOX_PORT='{value}' is not a port number"):
        demo.read_port("SANDBOX_PORT", 8001)


def pid_alive(pid):
    """Return whether `pid` runs; a zombie (exited, not yet reaped by its new parent) counts as dead."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_supervisor_reports_exited_child(capfd):
    supervisor = demo.Supervisor()
    supervisor.start("quick", [sys.executable, "-c", "print('hello from quick'); raise SystemExit(3)"], dict(os.environ))
    supervisor.start("slow", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))

    deadline = time.monotonic() + 20
    while supervisor.exited_child() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    exited = supervisor.exited_child()
    supervisor.stop_all()

    assert exited == ("quick", 3)
    assert supervisor.children["slow"].returncode == -signal.SIGTERM
    assert "quick   | hello from quick" in capfd.readouterr().out


def test_supervisor_kills_child_ignoring_sigterm(monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "STOP_GRACE_SECONDS", 1)
    pid_file = tmp_path / "grandchild.pid"
    # The child ignores SIGTERM and leaves a grandchild in its process group, as Celery's pool does.
    script = (
        "import signal, subprocess, sys, time; "
        "signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "grandchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        f"open({str(pid_file)!r}, 'w').write(str(grandchild.pid)); "
        "time.sleep(60)"
    )
    supervisor = demo.Supervisor()
    child = supervisor.start("stubborn", [sys.executable, "-c", script], dict(os.environ))
    deadline = time.monotonic() + 20
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child never started its grandchild"
        time.sleep(0.1)
    grandchild_pid = int(pid_file.read_text())

    supervisor.stop_all()

    assert child.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while pid_alive(grandchild_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pid_alive(grandchild_pid)


def test_messages_default_covers_app_catalogues(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "BASE_DIR", tmp_path)
    po_paths = [tmp_path / folder / "zh_Hans" / "LC_MESSAGES" / "django.po" for folder in ("locale", "reporting/locale")]
    for po_path in po_paths:
        po_path.parent.mkdir(parents=True)
        po_path.write_text(PO_TEXT, encoding="utf-8")

    compiled = demo.compile_messages()

    assert compiled == sorted(po_path.with_suffix(".mo") for po_path in po_paths)
