"""Serve the sandbox with Werkzeug's threaded server, in the foreground or in a thread."""

import contextlib
import logging
import threading
from dataclasses import dataclass

from werkzeug.serving import make_server

from .app import create_app
from .state import SandboxState

logger = logging.getLogger(__name__)


@dataclass
class RunningSandbox:
    url: str
    state: SandboxState
    server: object

    @property
    def api_url(self):
        return f"{self.url}/v1"


def make_sandbox_server(state, host="127.0.0.1", port=0):
    """Return a threaded Werkzeug server for ``state``; port 0 picks a free port."""
    return make_server(host, port, create_app(state), threaded=True)


@contextlib.contextmanager
def running_sandbox(host="127.0.0.1", **state_options):
    """Serve a fresh sandbox on a free loopback port in a thread; yield its url and state.

    ``state_options`` go to ``SandboxState`` (``seed``, ``task_seconds``, ``password``).
    """
    state = SandboxState(**state_options)
    server = make_sandbox_server(state, host=host, port=0)
    # A short poll interval makes shutdown quick, which matters for per-test servers.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="sandbox-server", daemon=True)
    thread.start()
    url = f"http://{host}:{server.server_port}"
    logger.info("Sandbox serving at %s", url)
    try:
        yield RunningSandbox(url=url, state=state, server=server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
