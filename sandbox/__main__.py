"""Command line: ``python -m sandbox --host 127.0.0.1 --port 8001 --seed 1 --task-seconds 20``.

Each option falls back to an environment variable (SANDBOX_HOST, SANDBOX_PORT,
SANDBOX_SEED, SANDBOX_TASK_SECONDS); the password comes from SANDBOX_PASSWORD and
defaults to the published demo value.
"""

import argparse
import logging
import os
import sys

from .seed import ACCOUNTS
from .server import make_sandbox_server
from .state import DEFAULT_PASSWORD, SandboxState

logger = logging.getLogger("sandbox")


def env_number(name, default, kind):
    """Read a numeric environment variable, exiting with a message when it is malformed."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        expected = "an integer" if kind is int else "a number"
        sys.exit(f"{name} must be {expected}, got {raw!r}")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m sandbox",
        description="Serve the Rocket.net API sandbox. The password of both seeded accounts "
                    f"comes from SANDBOX_PASSWORD (default {DEFAULT_PASSWORD!r}).",
    )
    parser.add_argument("--host", default=os.environ.get("SANDBOX_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=env_number("SANDBOX_PORT", 8001, int),
                        help="TCP port to listen on, 0 for any free port (default 8001 or SANDBOX_PORT)")
    parser.add_argument("--seed", type=int, default=env_number("SANDBOX_SEED", 1, int),
                        help="seed for the generated accounts and sites (default 1 or SANDBOX_SEED)")
    parser.add_argument("--task-seconds", type=float,
                        default=env_number("SANDBOX_TASK_SECONDS", 20.0, float),
                        help="seconds a background task takes from start to DONE "
                             "(default 20 or SANDBOX_TASK_SECONDS)")
    args = parser.parse_args(argv)
    if args.task_seconds < 0:
        parser.error(f"--task-seconds must not be negative, got {args.task_seconds}")
    return args


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    password = os.environ.get("SANDBOX_PASSWORD") or DEFAULT_PASSWORD
    state = SandboxState(seed=args.seed, task_seconds=args.task_seconds, password=password)
    try:
        server = make_sandbox_server(state, host=args.host, port=args.port)
    except OSError as error:
        sys.exit(f"cannot listen on {args.host}:{args.port}: {error.strerror}; choose another --port")

    emails = ", ".join(account["email"] for account in ACCOUNTS)
    print(f"Rocket.net sandbox at http://{args.host}:{server.server_port}/v1", flush=True)
    print(f"Accounts: {emails}", flush=True)
    if password == DEFAULT_PASSWORD:
        print(f"Password (demo default; set SANDBOX_PASSWORD to change it): {password}", flush=True)
    else:
        print("Password: taken from SANDBOX_PASSWORD", flush=True)

    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("Sandbox stopped")


if __name__ == "__main__":
    main()
