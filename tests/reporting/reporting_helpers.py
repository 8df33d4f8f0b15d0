"""Helpers shared by the reporting tests (a plain module, so test files can import it)."""

import datetime as dt
import email
import email.policy
import re
import socket
import threading

from django.template.defaultfilters import filesizeformat

from reporting.models import ReportSchedule

SANDBOX_EMAIL = "agency-one@example.com"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_schedule(connection, **fields):
    values = {
        "team": connection.team,
        "connection": connection,
        "recipients": ["client@example.com", "agency@example.com"],
        "weekday": 0,
        "hour": 8,
        "timezone": "Europe/Berlin",
        "language": "en",
        "site_url": "http://testserver",
    }
    values.update(fields)
    return ReportSchedule.objects.create(**values)


def expected_figures(sandbox, start, end):
    """Return (site count, total disk usage as the report formats it, backups in [start, end)) from the sandbox state."""
    state = sandbox.state
    account = state.account_by_email(SANDBOX_EMAIL)
    sites = state.sites_of(account)

    total_bytes = sum(site.disk_usage_kb for site in sites) * 1024
    backups = [
        backup
        for site in sites
        for backup in site.backups.values()
        if start <= dt.datetime.fromtimestamp(int(backup.created_at), tz=dt.UTC) < end
    ]
    return len(sites), filesizeformat(total_bytes), len(backups)


def visible_text(html):
    """Return the text of an HTML document with tags dropped and spaces (not no-break spaces) collapsed."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def parts_of(message):
    """Return the plain-text and HTML bodies of a parsed email message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


class CollectingHandler:
    """An aiosmtpd handler that keeps every accepted message with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"
