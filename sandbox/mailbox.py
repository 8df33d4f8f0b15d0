"""Emails the sandbox would send (invitations, transfer notices), kept for tests to read.

``GET /_sandbox/mailbox?to=<email>`` lists the messages sent to that address, newest
last, with any token they carry. Like every ``/_sandbox/`` control it needs no login and
is never part of ``/v1``. Messages live in the sending account's ``extras``, so a reset
clears them.
"""

from .clock import iso_timestamp
from .responses import bad_request, envelope
from .router import route


def send(state, account, to, subject, kind, token=None, link=None):
    """Record a message from ``account`` to ``to`` and return it."""
    outbox = account.extras.setdefault("outbox", [])
    message = {
        "to": to.lower(),
        "from_account": account.email,
        "subject": subject,
        "kind": kind,
        "token": token,
        "link": link,
        "sent_at": iso_timestamp(state.now()),
        "_order": state.next_id("mailbox"),
    }
    outbox.append(message)
    return message


@route("GET", "/_sandbox/mailbox", authenticated=False)
def read_mailbox(ctx):
    to = ctx.query.get("to", "").strip().lower()
    if not to:
        raise bad_request("to is required: pass the recipient's email address, for example to=someone@example.com")

    messages = [message for account in ctx.state.accounts.values()
                for message in account.extras.get("outbox", []) if message["to"] == to]
    messages.sort(key=lambda message: message["_order"])
    return envelope([{key: value for key, value in message.items() if not key.startswith("_")}
                     for message in messages])
