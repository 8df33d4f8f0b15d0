"""The staging tab: the site's staging status, and create, publish and delete as jobs.

Each action is checked against the site's state first, so a request the API would reject gets a
clear error next to its form. The job page then shows the upstream task's progress.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from sites.models import JobKind
from sites.workspace.context import load_site, render_tab
from sites.workspace.staging import services
from sites.workspace.staging.forms import ConfirmForm, StagingCreateForm

TEMPLATE = "sites/workspace/staging.html"

PUBLISH_LABEL = gettext_lazy("I understand that publishing replaces the live site's files and database.")
DELETE_LABEL = gettext_lazy("I understand that the staging site and its changes are deleted.")


def _publish_form(data=None):
    return ConfirmForm(data, label=PUBLISH_LABEL, auto_id="staging_publish_%s")


def _delete_form(data=None):
    return ConfirmForm(data, label=DELETE_LABEL, auto_id="staging_delete_%s")


def _render(request, ctx, *, create_form=None, publish_form=None, delete_form=None, status=200):
    forms = {
        "create_form": create_form or StagingCreateForm(),
        "publish_form": publish_form or _publish_form(),
        "delete_form": delete_form or _delete_form(),
    }
    context = {
        **forms,
        "forms_with_errors": [form for form in forms.values() if form.errors],
        "staging_jobs": services.staging_jobs(request.team, ctx.connection, ctx.site_id),
        "active_job": services.active_staging_job(request.team, ctx.connection, ctx.site_id),
    }
    return render_tab(request, ctx, "staging", TEMPLATE, context, status=status)


def _blocking_problem(request, ctx, kind):
    """Return why `kind` cannot start on this site now, or None when it can."""
    site = ctx.site
    active = services.active_staging_job(request.team, ctx.connection, ctx.site_id)
    if active is not None:
        return _("Staging job %(job)s (%(kind)s) is still %(status)s. Wait for it to finish.") % {
            "job": active.pk, "kind": active.get_kind_display(), "status": active.get_status_display()}
    if site.is_staging:
        return _("Site %(site)s is itself a staging site. Manage staging from its production site %(production)s.") % {
            "site": site.id, "production": site.production_site_id}
    if kind == JobKind.STAGING_CREATE and site.staging_site_id is not None:
        return _("Site %(site)s already has staging site %(staging)s. Delete it before creating a new one.") % {
            "site": site.id, "staging": site.staging_site_id}
    if kind != JobKind.STAGING_CREATE and site.staging_site_id is None:
        return _("Site %(site)s has no staging site. Create one first.") % {"site": site.id}
    if kind == JobKind.STAGING_PUBLISH and (site.staging_status or "active") != "active":
        return _("Staging site %(staging)s is %(status)s. Wait until it is active, then publish.") % {
            "staging": site.staging_site_id, "status": site.staging_status}
    return None


@login_required
@require_GET
def staging_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render(request, ctx)


def _queue(request, ctx, *, kind, form, form_name, params, action, message):
    """Queue the job when the form is valid and nothing blocks it; else re-render with the error."""
    if form.is_valid():
        problem = _blocking_problem(request, ctx, kind)
        if problem:
            form.add_error(None, problem)
    if not form.is_valid():
        return _render(request, ctx, status=400, **{form_name: form})

    job = services.queue_staging_job(request=request, ctx=ctx, kind=kind, params=params(form), action=action)
    messages.success(request, message % {"site": ctx.site_label})
    return redirect("sites:job_detail", pk=job.pk)


@login_required
@require_POST
def staging_create(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    return _queue(request, ctx, kind=JobKind.STAGING_CREATE, form=StagingCreateForm(request.POST),
                  form_name="create_form", action="staging.create",
                  params=lambda form: {"vanity_domain": form.cleaned_data["vanity_domain"]},
                  message=_("Creating a staging copy of %(site)s."))


@login_required
@require_POST
def staging_publish(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    return _queue(request, ctx, kind=JobKind.STAGING_PUBLISH, form=_publish_form(request.POST),
                  form_name="publish_form", action="staging.publish",
                  params=lambda form: {"staging_site_id": ctx.site.staging_site_id},
                  message=_("Publishing the staging site over %(site)s."))


@login_required
@require_POST
def staging_delete(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    return _queue(request, ctx, kind=JobKind.STAGING_DELETE, form=_delete_form(request.POST),
                  form_name="delete_form", action="staging.delete",
                  params=lambda form: {"staging_site_id": ctx.site.staging_site_id},
                  message=_("Deleting the staging site of %(site)s."))


urlpatterns = [
    path("staging/", staging_tab, name="ws_staging"),
    path("staging/create/", staging_create, name="ws_staging_create"),
    path("staging/publish/", staging_publish, name="ws_staging_publish"),
    path("staging/delete/", staging_delete, name="ws_staging_delete"),
]
