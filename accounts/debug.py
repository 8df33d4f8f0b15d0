"""Error reports that never show a password, with DEBUG on or off.

Django's SafeExceptionReporterFilter hides sensitive POST values and variables only when DEBUG is
off, so the debug page of a demo or a developer machine would show a typed Rocket.net password.
"""

from functools import wraps

from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables


class SecretHidingReporterFilter(SafeExceptionReporterFilter):
    """SafeExceptionReporterFilter that stays active with DEBUG on."""

    def is_active(self, request):
        return True


SECRET_HIDING_FILTER = SecretHidingReporterFilter()


def hide_secrets_in_error_reports(*post_parameters):
    """Decorate a view that receives a password: hide the named POST values and every local variable.

    Without names every POST value is hidden. The locals of the view and of every function it calls are
    hidden too, unless a nearer function has its own sensitive_variables list.
    """

    def decorator(view):
        @wraps(view)
        @sensitive_post_parameters(*post_parameters)
        @sensitive_variables()
        def wrapper(request, *args, **kwargs):
            request.exception_reporter_filter = SECRET_HIDING_FILTER
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
