"""Every string marked for translation has a Simplified Chinese translation in the committed catalogues.

The test copies the source into a temporary folder, runs `makemessages` there (it needs GNU gettext's
xgettext) and reads the updated catalogues with polib, so the repository itself is never rewritten.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[2]
# The folders whose files carry translatable strings, and the catalogues beside them.
SOURCE_FOLDERS = ["accounts", "billing", "config", "locale", "reporting", "rocketnet", "sites", "templates"]
LANGUAGE = "zh_Hans"


def require_xgettext():
    if shutil.which("xgettext"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("xgettext is missing, and CI=true: install Debian's gettext package.")
    pytest.skip("xgettext is missing: install GNU gettext (Debian package gettext) to check the catalogues.")


def updated_catalogues(workdir):
    """Run makemessages on a copy of the source in `workdir`; return the updated .po paths."""
    for folder in SOURCE_FOLDERS:
        shutil.copytree(REPO / folder, workdir / folder, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(REPO / "manage.py", workdir / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "PYTHONPATH": str(workdir)}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", LANGUAGE, "--no-obsolete"],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    return sorted(workdir.glob(f"**/locale/{LANGUAGE}/LC_MESSAGES/django.po"))


def describe(entry):
    """Return the entry's text, context and first source files, for the failure message."""
    context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} ({', '.join(path for path, _line in entry.occurrences[:2])})"


def test_catalogues_translate_every_string(tmp_path):
    require_xgettext()

    catalogues = updated_catalogues(tmp_path)

    assert [path.relative_to(tmp_path).as_posix() for path in catalogues] == [
        f"locale/{LANGUAGE}/LC_MESSAGES/django.po",
        f"reporting/locale/{LANGUAGE}/LC_MESSAGES/django.po",
    ]
    # Django merges the catalogues at run time, so a string translated in either one is translated.
    entries = [entry for path in catalogues for entry in polib.pofile(str(path)) if not entry.obsolete]
    translated = {(entry.msgctxt, entry.msgid) for entry in entries if entry.translated()}
    missing = sorted({describe(entry) for entry in entries if (entry.msgctxt, entry.msgid) not in translated})
    assert missing == [], (
        f"{len(missing)} string(s) have no {LANGUAGE} translation; run `make translations`, "
        "translate the new entries and run `make messages`:\n" + "\n".join(missing)
    )
