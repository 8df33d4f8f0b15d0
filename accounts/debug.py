"""Error reports that never show a password, with DEBUG on or off.

Django's SafeExceptionReporterFilter hides sensitive POST values and variables only when DEBUG is
off, so the debug page of a demo or a developer machine would show a typed Rocket.net password.
"""

import re
from functools import wraps

from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables


# POST fields and local variables whose names match are hidden in every view, decorated or not.
SECRET_NAMES = re.compile(r"pass|secret|token|private_key|authorization|cookie", flags=re.IGNORECASE)


class SecretHidingReporterFilter(SafeExceptionReporterFilter):
    """SafeExceptionReporterFilter that stays active with DEBUG on and hides secret-named values by name.

    Django hides POST values and locals only in views marked with sensitive_post_parameters or
    sensitive_variables. This filter also hides every POST field and local variable named like a
    secret (SECRET_NAMES), so a password typed into any form stays off the error page.
    """

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        parameters = super().get_post_parameters(request)
        if request is None or not any(SECRET_NAMES.search(name) for name in parameters):
            return parameters
        cleansed = parameters.copy()
        for name in cleansed:
            if SECRET_NAMES.search(name):
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [
            (name, self.cleansed_substitute if SECRET_NAMES.search(name) else value) for name, value in variables
        ]


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
