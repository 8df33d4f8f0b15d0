"""Turn an UpstreamUnavailable raised by a workspace view into the 502 page it carries."""

from sites.workspace.context import UpstreamUnavailable


class UpstreamUnavailableMiddleware:
    """Return `UpstreamUnavailable.response`, so views call load_site without their own try block."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UpstreamUnavailable):
            return exception.response
        return None
