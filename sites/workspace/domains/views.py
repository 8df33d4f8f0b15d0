"""The Domains tab: main domain, aliases, edge settings and custom SSL certificates."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import NotFoundError, RocketNetError
from sites import selectors
from sites.workspace.context import UpstreamUnavailable, call_api, load_site, render_tab
from sites.workspace.domains import services
from sites.workspace.domains.forms import (
    CertificateForm,
    DomainForm,
    EdgeSettingsForm,
    PrefixForm,
    RecheckForm,
    ValidationMethodForm,
)

logger = logging.getLogger(__name__)


def _load(request, connection_pk, site_id, role=Role.VIEWER):
    """Return (ctx, None), or (None, response) when Rocket.net could not show the site."""
    try:
        return load_site(request, connection_pk, site_id, role=role), None
    except UpstreamUnavailable as unavailable:
        return None, unavailable.response


def _row_form():
    """Return an empty validated form for call_api to put a row action's API error on."""
    form = forms.Form(data={})
    form.is_valid()
    return form


def _tab_url(ctx):
    return redirect("sites:ws_domains", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


def _default_forms(page):
    current = page.main.get("domain") or ""
    return {
        "main_form": DomainForm(prefix="main"),
        "prefix_form": PrefixForm(prefix="prefix", initial={"www": "www" if current.startswith("www.") else "apex"}),
        "validation_form": ValidationMethodForm(prefix="validation",
                                                initial={"validation_method": page.main.get("validation_method")}),
        "recheck_form": RecheckForm(prefix="recheck"),
        "alias_form": DomainForm(prefix="alias"),
        "certificate_form": CertificateForm(prefix="cert", hostnames=page.hostnames),
    }


def _render_page(request, ctx, *, page=None, status=200, **bound_forms):
    """Render the tab; `bound_forms` replace the empty forms so that a failed one shows its errors.

    `alias_errors` and `certificate_errors`, keyed by id, put a failed delete's error on its row.
    """
    page = page or services.get_domains_page(ctx.connection, ctx.site_id)
    alias_errors = bound_forms.pop("alias_errors", {})
    certificate_errors = bound_forms.pop("certificate_errors", {})
    for alias in page.aliases:
        alias["row_errors"] = alias_errors.get(alias.get("id"), [])
    for certificate in page.certificates:
        certificate["row_errors"] = certificate_errors.get(certificate.get("id"), [])

    context = {"page": page, **_default_forms(page), **bound_forms}
    return render_tab(request, ctx, "domains", "sites/workspace/domains.html", context, status=status)


@login_required
@require_GET
def domains_tab(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id)
    if failure:
        return failure
    return _render_page(request, ctx)


# -- main domain ---------------------------------------------------------------------------------


@login_required
@require_POST
def set_main_domain(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    page = services.get_domains_page(ctx.connection, ctx.site_id)
    form = DomainForm(request.POST, prefix="main")
    ok = form.is_valid()
    if ok:
        domain = form.cleaned_data["domain"]
        replace = not page.on_cdn_url
        from_alias = replace and domain in page.hostnames[1:]
        ok, _result = call_api(
            request, ctx, action="domains.main_replaced" if replace else "domains.main_set", target=domain,
            detail={"previous": page.main.get("domain") or "", "from_alias": from_alias}, form=form,
            call=lambda: services.set_main_domain(ctx.connection, ctx.site_id, domain, replace=replace,
                                                  from_alias=from_alias),
            success_message=_("%(domain)s is now the main domain. Add the DNS records shown below to validate it.")
            % {"domain": domain},
        )
    if not ok:
        return _render_page(request, ctx, page=page, main_form=form, status=400)
    return _tab_url(ctx)


@login_required
@require_POST
def change_prefix(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    form = PrefixForm(request.POST, prefix="prefix")
    ok = form.is_valid()
    if ok:
        www = form.cleaned_data["www"]
        ok, _result = call_api(
            request, ctx, action="domains.prefix_changed", target=ctx.site.domain or ctx.site_label,
            detail={"www": www}, form=form,
            call=lambda: services.change_prefix(ctx.connection, ctx.site_id, www=www),
            success_message=_("The main domain now uses the www form.") if www
            else _("The main domain now uses the form without www."),
        )
    if not ok:
        return _render_page(request, ctx, prefix_form=form, status=400)
    return _tab_url(ctx)


@login_required
@require_POST
def change_validation_method(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    form = ValidationMethodForm(request.POST, prefix="validation")
    ok = form.is_valid()
    if ok:
        method = form.cleaned_data["validation_method"]
        ok, _result = call_api(
            request, ctx, action="domains.validation_method_changed", target=ctx.site.domain or ctx.site_label,
            detail={"validation_method": method}, form=form,
            call=lambda: services.change_validation_method(ctx.connection, ctx.site_id, method),
            success_message=_("Validation method set to %(method)s.") % {"method": method},
        )
    if not ok:
        return _render_page(request, ctx, validation_form=form, status=400)
    return _tab_url(ctx)


@login_required
@require_POST
def recheck_main_domain(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    form = RecheckForm(request.POST, prefix="recheck")
    form.is_valid()
    force = form.cleaned_data.get("force", False)
    ok, result = call_api(
        request, ctx, action="domains.rechecked", target=ctx.site.domain or ctx.site_label,
        detail={"force": force}, form=form,
        call=lambda: services.recheck_main_domain(ctx.connection, ctx.site_id, force=force),
    )
    if not ok:
        return _render_page(request, ctx, recheck_form=form, status=400)

    messages.info(request, _("Rocket.net replied: %(result)s") % {"result": result or _("no message")})
    return _tab_url(ctx)


# -- aliases -------------------------------------------------------------------------------------


@login_required
@require_POST
def add_alias(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    form = DomainForm(request.POST, prefix="alias")
    ok = form.is_valid()
    if ok:
        domain = form.cleaned_data["domain"]
        ok, _result = call_api(
            request, ctx, action="domains.alias_added", target=domain, form=form,
            call=lambda: services.add_alias(ctx.connection, ctx.site_id, domain),
            success_message=_("Alias %(domain)s added. Add the DNS records shown below to validate it.")
            % {"domain": domain},
            explain_error=lambda error: services.explain_alias_error(ctx.connection, ctx.site_id, domain, error),
        )
    if not ok:
        return _render_page(request, ctx, alias_form=form, status=400)
    return _tab_url(ctx)


def _find_alias(ctx, domain_id):
    """Return the site's alias with `domain_id`, or raise Http404."""
    try:
        aliases = services.list_aliases(ctx.connection, ctx.site_id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Aliases of site %s could not be read: %s", ctx.site_id, error)
        aliases = []
    for alias in aliases:
        if str(alias.get("id")) == str(domain_id):
            return alias
    raise Http404(_("Alias %(alias)s was not found on site %(site)s.") % {"alias": domain_id, "site": ctx.site_id})


@login_required
@require_POST
def delete_alias(request, connection_pk, site_id, domain_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    alias = _find_alias(ctx, domain_id)
    domain = alias.get("domain") or str(domain_id)
    row = _row_form()
    ok, _result = call_api(
        request, ctx, action="domains.alias_removed", target=domain, detail={"domain_id": domain_id}, form=row,
        call=lambda: services.delete_alias(ctx.connection, ctx.site_id, domain_id),
        success_message=_("Alias %(domain)s removed.") % {"domain": domain},
    )
    if not ok:
        return _render_page(request, ctx, alias_errors={alias.get("id"): row.non_field_errors()}, status=400)
    return _tab_url(ctx)


# -- edge settings -------------------------------------------------------------------------------


def _edge_settings(request, connection_pk, site_id, domain_id):
    role = Role.MEMBER if request.method == "POST" else Role.VIEWER
    ctx, failure = _load(request, connection_pk, site_id, role=role)
    if failure:
        return failure

    domain = ctx.site.domain if domain_id is None else _find_alias(ctx, domain_id).get("domain")
    try:
        settings = services.get_edge_settings(ctx.connection, ctx.site_id, domain_id)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Edge settings of site %s domain %s could not be read: %s", ctx.site_id, domain_id, error)
        context = {"edge_domain": domain, "edge_error": selectors.describe_error(error), "edge_form": None}
        return render_tab(request, ctx, "domains", "sites/workspace/domains_edge.html", context, status=502)

    form = EdgeSettingsForm(request.POST if request.method == "POST" else None, settings=settings)
    if not ctx.can_write:
        for field in form.fields.values():
            field.disabled = True
    status = 200
    if request.method == "POST":
        ok = form.is_valid()
        changes = form.changed_groups() if ok else {}
        if ok and not changes:
            messages.info(request, _("No edge setting was changed."))
            return _tab_url(ctx)
        if ok:
            ok, _result = call_api(
                request, ctx, action="domains.edge_settings_updated", target=domain, form=form,
                detail={"domain_id": domain_id, "changed": sorted(form.changed_data)},
                call=lambda: services.update_edge_settings(ctx.connection, ctx.site_id, changes, domain_id),
                success_message=_("Edge settings of %(domain)s saved.") % {"domain": domain},
            )
        if ok:
            return _tab_url(ctx)
        status = 400

    context = {"edge_domain": domain, "edge_form": form, "edge_error": None, "domain_id": domain_id}
    return render_tab(request, ctx, "domains", "sites/workspace/domains_edge.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def main_edge_settings(request, connection_pk, site_id):
    return _edge_settings(request, connection_pk, site_id, None)


@login_required
@require_http_methods(["GET", "POST"])
def alias_edge_settings(request, connection_pk, site_id, domain_id):
    return _edge_settings(request, connection_pk, site_id, domain_id)


# -- custom SSL ----------------------------------------------------------------------------------


@login_required
@require_POST
def upload_certificate(request, connection_pk, site_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    page = services.get_domains_page(ctx.connection, ctx.site_id)
    form = CertificateForm(request.POST, prefix="cert", hostnames=page.hostnames)
    ok = form.is_valid()
    if ok:
        chosen = form.cleaned_data["domains"]
        ok, _result = call_api(
            request, ctx, action="domains.certificate_uploaded", target=", ".join(chosen),
            detail={"domains": chosen}, form=form,
            call=lambda: services.upload_certificate(ctx.connection, ctx.site_id, domains_list=chosen,
                                                     certificate=form.cleaned_data["certificate"],
                                                     key=form.cleaned_data["key"]),
            success_message=_("Certificate uploaded for %(domains)s.") % {"domains": ", ".join(chosen)},
        )
    if not ok:
        return _render_page(request, ctx, page=page, certificate_form=form, status=400)
    return _tab_url(ctx)


@login_required
@require_GET
def certificate_detail(request, connection_pk, site_id, certificate_id):
    ctx, failure = _load(request, connection_pk, site_id)
    if failure:
        return failure

    try:
        certificate = services.get_certificate(ctx.connection, ctx.site_id, certificate_id)
    except NotFoundError:
        raise Http404(_("Certificate %(certificate)s was not found on site %(site)s.")
                      % {"certificate": certificate_id, "site": ctx.site_id}) from None
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Certificate %s of site %s could not be read: %s", certificate_id, ctx.site_id, error)
        messages.error(request, _("The certificate could not be loaded: %(error)s.")
                       % {"error": selectors.describe_error(error)})
        return _tab_url(ctx)

    context = {"certificate": certificate, "certificate_id": certificate_id}
    return render_tab(request, ctx, "domains", "sites/workspace/domains_certificate.html", context)


@login_required
@require_POST
def delete_certificate(request, connection_pk, site_id, certificate_id):
    ctx, failure = _load(request, connection_pk, site_id, role=Role.MEMBER)
    if failure:
        return failure

    row = _row_form()
    ok, _result = call_api(
        request, ctx, action="domains.certificate_deleted", target=certificate_id, form=row,
        call=lambda: services.delete_certificate(ctx.connection, ctx.site_id, certificate_id),
        success_message=_("Certificate %(certificate)s deleted.") % {"certificate": certificate_id},
    )
    if not ok:
        return _render_page(request, ctx, certificate_errors={certificate_id: row.non_field_errors()}, status=400)
    return _tab_url(ctx)


urlpatterns = [
    path("domains/", domains_tab, name="ws_domains"),
    path("domains/main/", set_main_domain, name="ws_domains_main"),
    path("domains/main/prefix/", change_prefix, name="ws_domains_prefix"),
    path("domains/main/validation/", change_validation_method, name="ws_domains_validation"),
    path("domains/main/recheck/", recheck_main_domain, name="ws_domains_recheck"),
    path("domains/main/edge/", main_edge_settings, name="ws_domains_edge_main"),
    path("domains/aliases/", add_alias, name="ws_domains_alias_add"),
    path("domains/aliases/<int:domain_id>/delete/", delete_alias, name="ws_domains_alias_delete"),
    path("domains/aliases/<int:domain_id>/edge/", alias_edge_settings, name="ws_domains_edge_alias"),
    path("domains/certificates/", upload_certificate, name="ws_domains_cert_upload"),
    path("domains/certificates/<str:certificate_id>/", certificate_detail, name="ws_domains_cert_detail"),
    path("domains/certificates/<str:certificate_id>/delete/", delete_certificate, name="ws_domains_cert_delete"),
]
