"""The site templates tab: the account's templates, making one from this site, and new sites from one."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.workspace.context import UpstreamUnavailable, call_api, load_site, render_tab
from sites.workspace.templates import services
from sites.workspace.templates.forms import SiteFromTemplateForm, TemplateCreateForm

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/templates.html"
DETAIL_TEMPLATE = "sites/workspace/templates_detail.html"


def _templates(ctx):
    """Return (templates, error text); the error is None when the list loaded."""
    try:
        return services.list_templates(ctx.connection), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site templates of connection %s could not be listed: %s", ctx.connection.pk, error)
        return [], selectors.describe_error(error)


def _render(request, ctx, *, templates, list_error, form=None, status=200):
    context = {
        "site_templates": templates,
        "list_error": list_error,
        "form": form or TemplateCreateForm(),
        "template_jobs": services.recent_template_jobs(request.team, ctx.connection, ctx.site_id),
    }
    return render_tab(request, ctx, "templates", TEMPLATE, context, status=status)


def _load_template(ctx, template_id):
    try:
        return services.get_template(ctx.connection, template_id)
    except NotFoundError:
        raise Http404(_("This account has no site template with ID %(id)s.") % {"id": template_id}) from None


def _locations(ctx):
    try:
        return services.list_locations(ctx.connection), None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Locations of connection %s could not be listed: %s", ctx.connection.pk, error)
        return [], selectors.describe_error(error)


def _render_detail(request, ctx, template, *, form=None, locations_error=None, delete_errors=(), status=200):
    if form is None:
        locations, locations_error = _locations(ctx)
        form = SiteFromTemplateForm(locations=locations)
    context = {"template": template, "form": form, "locations_error": locations_error, "delete_errors": delete_errors}
    return render_tab(request, ctx, "templates", DETAIL_TEMPLATE, context, status=status)


@login_required
@require_GET
def templates_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    templates, list_error = _templates(ctx)
    return _render(request, ctx, templates=templates, list_error=list_error)


@login_required
@require_POST
def template_create(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    templates, list_error = _templates(ctx)
    form = TemplateCreateForm(request.POST, existing_names=[item.get("name") or "" for item in templates])
    if not form.is_valid():
        return _render(request, ctx, templates=templates, list_error=list_error, form=form, status=400)

    job = services.queue_template_create(ctx, team=request.team, user=request.user, **form.cleaned_data)
    messages.success(request, _("Template %(name)s of %(site)s queued.") % {"name": job.params["name"],
                                                                          "site": ctx.site_label})
    return redirect("sites:job_detail", pk=job.pk)


@login_required
@require_GET
def template_detail(request, connection_pk, site_id, template_id):
    try:
        ctx = load_site(request, connection_pk, site_id)
        template = _load_template(ctx, template_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site template %s of connection %s could not be read: %s", template_id, connection_pk, error)
        messages.error(request, selectors.describe_error(error))
        return redirect("sites:ws_templates", connection_pk=connection_pk, site_id=site_id)

    return _render_detail(request, ctx, template)


@login_required
@require_POST
def site_from_template(request, connection_pk, site_id, template_id):
    try:
        ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)
        template = _load_template(ctx, template_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Site template %s of connection %s could not be read: %s", template_id, connection_pk, error)
        messages.error(request, selectors.describe_error(error))
        return redirect("sites:ws_templates", connection_pk=connection_pk, site_id=site_id)

    locations, locations_error = _locations(ctx)
    form = SiteFromTemplateForm(request.POST, locations=locations)
    if not form.is_valid():
        return _render_detail(request, ctx, template, form=form, locations_error=locations_error, status=400)

    job = services.queue_site_from_template(
        ctx, team=request.team, user=request.user, template=template, name=form.cleaned_data["name"],
        label=form.cleaned_data["label"], location=form.cleaned_data["location"], location_name=form.location_name(),
    )
    messages.success(request, _("New site %(name)s from template %(template)s queued.")
                     % {"name": job.params["name"], "template": job.params["template_name"]})
    return redirect("sites:job_detail", pk=job.pk)


@login_required
@require_POST
def template_delete(request, connection_pk, site_id, template_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    try:
        template = services.get_template(ctx.connection, template_id)
    except (RocketNetError, DecryptionError):
        template = None
    name = (template or {}).get("name") or template_id

    error_holder = forms.Form(data={})
    ok, _result = call_api(
        request, ctx, action="templates.delete", target=name, detail={"template_id": template_id}, form=error_holder,
        call=lambda: services.delete_template(ctx.connection, template_id),
        success_message=_("Template %(name)s was deleted.") % {"name": name},
    )
    if ok:
        return redirect("sites:ws_templates", connection_pk=ctx.connection.pk, site_id=ctx.site_id)
    if template is None:
        for error in error_holder.non_field_errors():
            messages.error(request, _("%(item)s: %(error)s") % {"item": name, "error": error})
        return redirect("sites:ws_templates", connection_pk=ctx.connection.pk, site_id=ctx.site_id)
    return _render_detail(request, ctx, template, delete_errors=error_holder.non_field_errors(), status=400)


urlpatterns = [
    path("templates/", templates_tab, name="ws_templates"),
    path("templates/create/", template_create, name="ws_templates_create"),
    path("templates/<str:template_id>/", template_detail, name="ws_templates_detail"),
    path("templates/<str:template_id>/sites/", site_from_template, name="ws_templates_site_create"),
    path("templates/<str:template_id>/delete/", template_delete, name="ws_templates_delete"),
]
