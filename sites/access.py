"""The tenant gate for jobs, built on accounts.access (which must not import feature apps)."""

from accounts.access import get_team_object
from accounts.models import Role
from sites.models import Job


def get_job_for(request, pk, *, role=Role.VIEWER):
    """Return the current team's job `pk`: Http404 for outsiders, PermissionDenied below `role`."""
    return get_team_object(request, Job.objects.select_related("connection", "created_by"), pk, role=role)
