"""The WSGI application: routing, authentication, fault injection and the envelope."""

import logging
import time

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.wrappers import Request, Response

from . import control, handlers  # noqa: F401  (importing registers the routes)
from .auth import account_email_hint, authenticate
from .context import RequestContext
from .faults import CLIENT_ERROR, HANG, LATENCY, RATE_LIMIT, parse_fault_header
from .responses import ApiError, error_response, json_response
from .router import ROUTES, build_url_map

logger = logging.getLogger(__name__)

FAULT_HEADER = "X-Sandbox-Fault"
CONTROL_PREFIX = "/_sandbox/"


class SandboxApp:
    def __init__(self, state):
        self.state = state
        self.url_map = build_url_map(ROUTES)

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self.handle(request)
        return response(environ, start_response)

    def handle(self, request):
        try:
            return self.dispatch(request)
        except ApiError as error:
            logger.info("%s %s returned %s: %s", request.method, request.path, error.status, error.message)
            return error_response(error)
        except Exception:
            logger.exception("Handler failed for %s %s", request.method, request.path)
            return error_response(ApiError(500, "internal sandbox error: see the sandbox log"))

    def dispatch(self, request):
        if self.blocked_by_edge(request):
            logger.info("Rejected %s %s: default urllib User-Agent", request.method, request.path)
            return Response("error code: 1010", status=403, content_type="text/plain")

        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            route, path_args = adapter.match()
        except NotFound:
            raise ApiError(404, f"no operation at {request.method} {request.path}") from None
        except MethodNotAllowed as error:
            allowed = ", ".join(sorted(error.valid_methods or []))
            raise ApiError(405, f"method {request.method} is not allowed on {request.path}; allowed: {allowed}") from None

        if not request.path.startswith(CONTROL_PREFIX):
            fault_response = self.apply_fault(request)
            if fault_response is not None:
                return fault_response

        account = authenticate(self.state, request) if route.authenticated else None
        context = RequestContext(self.state, request, account)

        with self.state.lock:
            self.state.settle()
            result = route.handler(context, **path_args)

        if isinstance(result, Response):
            return result

        if account is not None and account.total_offset and isinstance(result, dict) \
                and isinstance(result.get("metadata"), dict):
            # Pagination fault: the list claims more items than it has, so a client must
            # stop at the first empty page instead of trusting "total".
            result["metadata"]["total"] += account.total_offset
        return json_response(result)

    @staticmethod
    def blocked_by_edge(request):
        """Return True for API calls that Rocket.net's Cloudflare edge rejects (error 1010).

        The live edge rejects Python's default urllib User-Agent, so clients must send their own.
        """
        user_agent = request.headers.get("User-Agent", "")
        return not request.path.startswith(CONTROL_PREFIX) and user_agent.startswith("Python-urllib/")

    def apply_fault(self, request):
        """Sleep, or return an error response, when a fault matches this request."""
        header = request.headers.get(FAULT_HEADER)
        if header:
            fault = parse_fault_header(header)
        else:
            email = account_email_hint(self.state, request)
            with self.state.lock:
                fault = self.state.faults.take(request.method, request.path, email)

        if fault is None:
            return None

        logger.info("Injecting fault %s into %s %s", fault.kind, request.method, request.path)
        if fault.kind == LATENCY:
            time.sleep(fault.seconds)
            return None

        if fault.kind == HANG:
            # The sleep is meant to outlast the client's read timeout, so this response arrives too late.
            time.sleep(fault.seconds)
            return error_response(ApiError(504, "sandbox fault: the read hung"))

        headers = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = str(fault.retry_after)

        if fault.kind == RATE_LIMIT:
            return error_response(ApiError(429, "sandbox fault: too many requests, retry later", headers))
        if fault.kind == CLIENT_ERROR:
            return error_response(ApiError(fault.status, f"sandbox fault: request rejected with {fault.status}", headers))
        return error_response(ApiError(fault.status, f"sandbox fault: server error {fault.status}", headers))


def create_app(state):
    """Return the WSGI application that serves ``state``."""
    return SandboxApp(state)
