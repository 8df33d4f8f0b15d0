"""The plugins and themes tabs: installed list with updates, directory search, install, activate,
deactivate, update, delete, and (plugins only) featured plugins and the Rocket CDN cache plugin.

Both tabs share these views and one template, and the URL patterns pass `kind`. After a write, an
htmx request gets the refreshed `package-panel` fragment. A plain form post gets a redirect, or on
failure the whole page with the error next to the form and status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.packages import services
from sites.workspace.packages.forms import InstallForm, SearchForm, SelectionForm, SlugForm
from sites.workspace.packages.services import PLUGINS, THEMES

TEMPLATE = "sites/workspace/plugins_and_themes.html"

NOUNS = {PLUGINS: gettext_lazy("plugin"), THEMES: gettext_lazy("theme")}
TITLES = {PLUGINS: gettext_lazy("Installed plugins"), THEMES: gettext_lazy("Installed themes")}


def _is_htmx(request):
    return bool(request.htmx) and not request.htmx.boosted


def _url(kind, action, ctx):
    """Return the URL of one of the tab's views; action "tab" is the landing page."""
    suffix = "" if action == "tab" else f"_{action}"
    return reverse(f"sites:ws_{kind}{suffix}", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site_id})


def _installed(ctx, kind):
    """Return (installed packages, error text or None)."""
    try:
        return services.list_installed(ctx.connection, ctx.site_id, kind), None
    except (RocketNetError, DecryptionError) as error:
        return [], selectors.describe_error(error)


def _search(ctx, kind, form):
    """Return (results, error text or None); an unbound, invalid or empty SearchForm gives no results."""
    if not form.is_valid() or not form.requested:
        return [], None
    try:
        return services.search(ctx.connection, ctx.site_id, kind, query=form.cleaned_data["q"],
                               browse=form.cleaned_data["browse"]), None
    except (RocketNetError, DecryptionError) as error:
        return [], selectors.describe_error(error)


def _featured(ctx, kind):
    if kind != PLUGINS:
        return [], None
    try:
        return services.featured_plugins(ctx.connection, ctx.site_id), None
    except (RocketNetError, DecryptionError) as error:
        return [], selectors.describe_error(error)


def _panel_context(ctx, kind, *, install_form=None, action_errors=None, installed=None):
    if installed is None:
        installed, list_error = _installed(ctx, kind)
    else:
        list_error = None
    return {
        "kind": kind,
        "noun": NOUNS[kind],
        "list_title": TITLES[kind],
        "installed": installed,
        "updates_count": sum(1 for item in installed if item.update_available),
        "list_error": list_error,
        "install_form": install_form or InstallForm(for_themes=kind == THEMES),
        "action_errors": action_errors or [],
        "urls": {name: _url(kind, name, ctx) for name in
                 ("tab", "search", "install", "activate", "deactivate", "update", "delete")},
        "cdn_url": _url(PLUGINS, "cdn", ctx) if kind == PLUGINS else "",
    }


def _render_page(request, ctx, kind, *, status=200, search_form=None, **panel):
    search_form = search_form or SearchForm(orders=services.KINDS[kind].search_orders)
    results, search_error = _search(ctx, kind, search_form)
    featured, featured_error = _featured(ctx, kind)
    context = _panel_context(ctx, kind, **panel)
    context.update({
        "search_form": search_form,
        "search_results": results,
        "search_error": search_error,
        "featured": featured,
        "featured_error": featured_error,
    })
    return render_tab(request, ctx, kind, TEMPLATE, context, status=status)


def _after_write(request, ctx, kind, *, ok, install_form=None, action_errors=None):
    """Return the response to a write: the panel fragment for htmx, else a redirect or (on failure) the page."""
    if _is_htmx(request):
        context = _panel_context(ctx, kind, install_form=install_form, action_errors=action_errors)
        response = render_tab(request, ctx, kind, f"{TEMPLATE}#package-panel", context, status=200 if ok else 400)
        # The search results listen for this event and reload, so their "installed" badges stay true.
        response["HX-Trigger"] = "packages-changed"
        return response
    if ok:
        return redirect(_url(kind, "tab", ctx))
    return _render_page(request, ctx, kind, status=400, install_form=install_form, action_errors=action_errors)


def _form_errors(form):
    return [error for errors in form.errors.values() for error in errors]


# -- reads --------------------------------------------------------------------------------------


@login_required
@require_GET
def package_tab(request, connection_pk, site_id, kind):
    ctx = load_site(request, connection_pk, site_id)

    search_form = SearchForm(request.GET or None, orders=services.KINDS[kind].search_orders)
    return _render_page(request, ctx, kind, search_form=search_form,
                        status=400 if search_form.is_bound and not search_form.is_valid() else 200)


@login_required
@require_GET
def package_search(request, connection_pk, site_id, kind):
    """Return the search results fragment (htmx), or the whole tab with the results."""
    ctx = load_site(request, connection_pk, site_id)

    form = SearchForm(request.GET, orders=services.KINDS[kind].search_orders)
    if not _is_htmx(request):
        return _render_page(request, ctx, kind, search_form=form, status=200 if form.is_valid() else 400)

    results, error = _search(ctx, kind, form)
    context = {"kind": kind, "noun": NOUNS[kind], "search_form": form, "search_results": results,
               "search_error": error, "urls": {"install": _url(kind, "install", ctx), "search": _url(kind, "search", ctx)}}
    return render_tab(request, ctx, kind, f"{TEMPLATE}#package-search-results", context,
                      status=200 if form.is_valid() else 400)


# -- writes -------------------------------------------------------------------------------------


@login_required
@require_POST
def package_install(request, connection_pk, site_id, kind):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = InstallForm(request.POST, for_themes=kind == THEMES)
    if not form.is_valid():
        return _after_write(request, ctx, kind, ok=False, install_form=form)

    slugs = form.cleaned_data["slugs"]
    activate = form.cleaned_data["activate"]
    ok, results = call_api(
        request, ctx, action=f"{kind}.install", target=",".join(slugs), detail={"slugs": slugs, "activate": activate},
        call=lambda: services.install(ctx.connection, ctx.site_id, kind, slugs, activate=activate), form=form,
    )
    if not ok:
        return _after_write(request, ctx, kind, ok=False, install_form=form)

    missed = services.unfinished(results)
    for slug, note in missed:
        form.add_error(None, _("%(slug)s was not installed: %(note)s") % {"slug": slug, "note": note})
    done = [slug for slug in slugs if slug not in {name for name, _note in missed}]
    if done:
        messages.success(request, _("Installed: %(slugs)s.") % {"slugs": ", ".join(done)})
    if missed:
        return _after_write(request, ctx, kind, ok=False, install_form=form)
    return _after_write(request, ctx, kind, ok=True)


def _change_status(request, connection_pk, site_id, kind, status):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = SlugForm(request.POST)
    if not form.is_valid():
        return _after_write(request, ctx, kind, ok=False, action_errors=_form_errors(form))

    slug = form.cleaned_data["slug"]
    success = (_("%(slug)s activated.") if status == "activate" else _("%(slug)s deactivated.")) % {"slug": slug}
    ok, _result = call_api(
        request, ctx, action=f"{kind}.{status}", target=slug, form=form, success_message=success,
        call=lambda: services.change_status(ctx.connection, ctx.site_id, kind, slug, status),
    )
    return _after_write(request, ctx, kind, ok=ok, action_errors=_form_errors(form))


@login_required
@require_POST
def package_activate(request, connection_pk, site_id, kind):
    return _change_status(request, connection_pk, site_id, kind, "activate")


@login_required
@require_POST
def package_deactivate(request, connection_pk, site_id, kind):
    return _change_status(request, connection_pk, site_id, kind, "deactivate")


def _selection(request, ctx, kind, *, allow_all):
    """Return (bound SelectionForm, installed packages or None when the list failed to load)."""
    installed, error = _installed(ctx, kind)
    form = SelectionForm(request.POST, installed=[item.name for item in installed], allow_all=allow_all,
                         noun=NOUNS[kind])
    if error:
        form.is_valid()
        form.add_error(None, _("The installed list could not be loaded: %(error)s") % {"error": error})
        return form, None
    return form, installed


@login_required
@require_POST
def package_update(request, connection_pk, site_id, kind):
    """Update one package, the ticked ones, or every package that has an update."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form, installed = _selection(request, ctx, kind, allow_all=True)
    if installed is None or not form.is_valid():
        return _after_write(request, ctx, kind, ok=False, action_errors=_form_errors(form))

    if form.cleaned_data["scope"] == SelectionForm.ALL:
        slugs = [item.name for item in installed if item.update_available]
        if not slugs:
            messages.info(request, _("Every %(noun)s is up to date.") % {"noun": NOUNS[kind]})
            return _after_write(request, ctx, kind, ok=True)
    else:
        slugs = form.cleaned_data["slugs"]

    versions = {item.name: (item.version, item.update_version) for item in installed}
    updated = []
    for slug in slugs:
        old, new = versions.get(slug, (None, None))
        ok, _result = call_api(
            request, ctx, action=f"{kind}.update", target=slug, form=form,
            detail={"from_version": old, "to_version": new},
            call=lambda slug=slug: services.update(ctx.connection, ctx.site_id, kind, slug),
        )
        if ok:
            updated.append(slug)

    if updated:
        messages.success(request, _("Updated: %(slugs)s.") % {"slugs": ", ".join(updated)})
    return _after_write(request, ctx, kind, ok=len(updated) == len(slugs), action_errors=_form_errors(form))


@login_required
@require_POST
def package_delete(request, connection_pk, site_id, kind):
    """Delete one package or the ticked ones. The page shows a confirmation dialog before it posts."""
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form, installed = _selection(request, ctx, kind, allow_all=False)
    if installed is None or not form.is_valid():
        return _after_write(request, ctx, kind, ok=False, action_errors=_form_errors(form))

    slugs = form.cleaned_data["slugs"]
    ok, results = call_api(
        request, ctx, action=f"{kind}.delete", target=",".join(slugs), detail={"slugs": slugs}, form=form,
        call=lambda: services.delete(ctx.connection, ctx.site_id, kind, slugs),
    )
    if ok:
        missed = services.unfinished(results)
        for slug, note in missed:
            form.add_error(None, _("%(slug)s was not deleted: %(note)s") % {"slug": slug, "note": note})
        done = [slug for slug in slugs if slug not in {name for name, _note in missed}]
        if done:
            messages.success(request, _("Deleted: %(slugs)s.") % {"slugs": ", ".join(done)})
        ok = not missed
    return _after_write(request, ctx, kind, ok=ok, action_errors=_form_errors(form))


@login_required
@require_POST
def cdn_plugin_install(request, connection_pk, site_id, kind):
    if kind != PLUGINS:
        raise Http404(_("Only the plugins tab installs the CDN cache plugin."))
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    ok, _result = call_api(
        request, ctx, action="plugins.install_cdn_cache", target="Rocket.net CDN cache management",
        call=lambda: services.install_cdn_cache_plugin(ctx.connection, ctx.site_id),
        success_message=_("The Rocket.net CDN cache plugin was installed."),
    )
    return _after_write(request, ctx, kind, ok=ok)


def _patterns(kind):
    extra = {"kind": kind}
    patterns = [
        path(f"{kind}/", package_tab, extra, name=f"ws_{kind}"),
        path(f"{kind}/search/", package_search, extra, name=f"ws_{kind}_search"),
        path(f"{kind}/install/", package_install, extra, name=f"ws_{kind}_install"),
        path(f"{kind}/activate/", package_activate, extra, name=f"ws_{kind}_activate"),
        path(f"{kind}/deactivate/", package_deactivate, extra, name=f"ws_{kind}_deactivate"),
        path(f"{kind}/update/", package_update, extra, name=f"ws_{kind}_update"),
        path(f"{kind}/delete/", package_delete, extra, name=f"ws_{kind}_delete"),
    ]
    if kind == PLUGINS:
        patterns.append(path("plugins/cdn-cache-plugin/", cdn_plugin_install, extra, name="ws_plugins_cdn"))
    return patterns


urlpatterns = _patterns(PLUGINS) + _patterns(THEMES)
