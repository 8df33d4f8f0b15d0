"""Views of the Files tab. Every path is checked by a form before any file manager call."""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.crypto import DecryptionError
from accounts.models import Role
from rocketnet.errors import RocketNetError
from sites import selectors
from sites.workspace.context import UpstreamUnavailable, call_api, load_site, render_tab
from sites.workspace.files import forms
from sites.workspace.files import services
from sites.workspace.files.paths import breadcrumbs, join, name_of, parent_of

logger = logging.getLogger(__name__)

TEMPLATE = "sites/workspace/files.html"
ENTRY_TEMPLATE = "sites/workspace/files_entry.html"
CONFIRM_TEMPLATE = "sites/workspace/files_confirm.html"


def _url(ctx, name, **query):
    url = reverse(f"sites:{name}", kwargs={"connection_pk": ctx.connection.pk, "site_id": ctx.site.id})
    query = {key: value for key, value in query.items() if value not in ("", None)}
    return f"{url}?{urlencode(query)}" if query else url


def _browse_redirect(ctx, directory):
    return redirect(_url(ctx, "ws_files", path=directory))


def _entry_redirect(ctx, file_path):
    return redirect(_url(ctx, "ws_files_entry", path=file_path))


def _is_fragment(request):
    return bool(request.htmx) and not request.htmx.boosted


# -- browsing ----------------------------------------------------------------------------------


def _render_browse(request, ctx, browse_form, *, upload_form=None, new_form=None, compress_form=None, status=200):
    """Render the folder listing; `browse_form` must be bound and is validated here."""
    directory, listing, list_error = "", None, None
    if browse_form.is_valid():
        directory = browse_form.cleaned_data["path"]
        try:
            listing = services.list_directory(
                ctx.connection, ctx.site.id, path=directory, search=browse_form.cleaned_data["search"],
                page=browse_form.cleaned_data["page"] or 1, per_page=browse_form.cleaned_data["per_page"],
            )
        except (RocketNetError, DecryptionError) as error:
            logger.warning("Files: listing %r of site %s failed: %s", directory, ctx.site.id, error)
            list_error = selectors.describe_error(error)
    elif status == 200:
        status = 400

    context = {
        "browse_form": browse_form,
        "directory": directory,
        "crumbs": breadcrumbs(directory),
        "parent": parent_of(directory) if directory else None,
        "listing": listing,
        "list_error": list_error,
        "search": browse_form.cleaned_data.get("search", "") if browse_form.is_valid() else "",
        "per_page": browse_form.cleaned_data.get("per_page") if browse_form.is_valid() else forms.DEFAULT_PER_PAGE,
        "upload_form": upload_form or forms.UploadForm(initial={"directory": directory}),
        "new_form": new_form or forms.NewEntryForm(initial={"directory": directory}),
        "compress_form": compress_form or forms.CompressForm(
            initial={"directory": directory, "destfiles": join(directory, "archive")}),
    }
    template = f"{TEMPLATE}#listing" if _is_fragment(request) else TEMPLATE
    return render_tab(request, ctx, "files", template, context, status=status)


def _browse_form_for(directory):
    return forms.BrowseForm({"path": directory})


@login_required
@require_GET
def browse(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)
    return _render_browse(request, ctx, forms.BrowseForm(request.GET))


# -- one entry ---------------------------------------------------------------------------------


def _render_entry(request, ctx, file_path, *, save_form=None, chmod_form=None, extract_form=None, status=200):
    """Render the page of one file or folder: details, editor, permissions, extract and delete."""
    entry, content, load_error = None, None, None
    try:
        entry = services.find_entry(ctx.connection, ctx.site.id, file_path)
        if entry is not None and not entry.is_dir and not _too_large_to_edit(entry):
            content = services.read_file(ctx.connection, ctx.site.id, file_path)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Files: reading %r of site %s failed: %s", file_path, ctx.site.id, error)
        load_error = selectors.describe_error(error)

    if entry is None and load_error is None:
        load_error = _("%(path)s was not found on this site. It may have been moved or deleted.") % {"path": file_path}
        status = 404

    editable = content is not None and not content.binary
    context = {
        "too_large": entry is not None and _too_large_to_edit(entry),
        "edit_limit": forms.MAX_EDIT_BYTES,
        "file_path": file_path,
        "directory": parent_of(file_path),
        "crumbs": breadcrumbs(file_path),
        "entry": entry,
        "content": content,
        "load_error": load_error,
        "editable": editable,
        "is_archive": entry is not None and not entry.is_dir and forms.is_archive(file_path),
        "save_form": save_form or (forms.SaveForm(initial={"path": file_path, "content": content.text})
                                   if editable else None),
        "chmod_form": chmod_form or forms.ChmodForm(initial={"path": file_path,
                                                             "permissions": entry.mode if entry else ""}),
        "extract_form": extract_form or forms.ExtractForm(
            initial={"path": file_path, "destination": forms.default_extract_folder(file_path)}),
    }
    return render_tab(request, ctx, "files", ENTRY_TEMPLATE, context, status=status)


def _too_large_to_edit(entry):
    return not entry.is_dir and (entry.size or 0) > forms.MAX_EDIT_BYTES


def _reject_path(request, ctx, form, field):
    """Render the page with the errors of `form`'s path `field`, rejected before any file manager call."""
    browse_form = forms.BrowseForm({})
    browse_form.is_valid()
    for error in form.errors[field]:
        browse_form.add_error(None, error)
    return _render_browse(request, ctx, browse_form, status=400)


@login_required
@require_GET
def entry(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    form = forms.EntryForm(request.GET)
    if not form.is_valid():
        return _reject_path(request, ctx, form, "path")
    return _render_entry(request, ctx, form.cleaned_data["path"])


@login_required
@require_GET
def download(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    form = forms.EntryForm(request.GET)
    if not form.is_valid():
        return _reject_path(request, ctx, form, "path")

    file_path = form.cleaned_data["path"]
    try:
        chunks, content_type, disposition = services.open_download(ctx.connection, ctx.site.id, file_path)
    except (RocketNetError, DecryptionError) as error:
        logger.warning("Files: download of %r from site %s failed: %s", file_path, ctx.site.id, error)
        messages.error(request, _("Downloading %(path)s failed: %(error)s") % {
            "path": file_path, "error": selectors.describe_error(error)})
        return _render_entry(request, ctx, file_path, status=502)

    response = StreamingHttpResponse(chunks, content_type=content_type)
    response.headers["Content-Disposition"] = disposition or f'attachment; filename="{name_of(file_path)}"'
    return response


# -- writes ------------------------------------------------------------------------------------


def _member_site(request, connection_pk, site_id):
    return load_site(request, connection_pk, site_id, role=Role.MEMBER)


@login_required
@require_POST
def save(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.SaveForm(request.POST)
    if not form.is_valid():
        return _reject_path(request, ctx, form, "path")

    file_path = form.cleaned_data["path"]
    ok, _result = call_api(
        request, ctx, action="files.save", target=file_path, form=form,
        call=lambda: services.save_file(ctx.connection, ctx.site.id, path=file_path,
                                        content=form.cleaned_data["content"]),
        success_message=_("Saved %(path)s.") % {"path": file_path},
    )
    if ok:
        return _entry_redirect(ctx, file_path)
    return _render_entry(request, ctx, file_path, save_form=form, status=400)


@login_required
@require_POST
def upload(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.UploadForm(request.POST, request.FILES)
    valid = form.is_valid()
    if "directory" in form.errors:
        return _reject_path(request, ctx, form, "directory")

    directory = form.cleaned_data["directory"]
    if not valid:
        return _render_browse(request, ctx, _browse_form_for(directory), upload_form=form, status=400)

    upload_file = form.cleaned_data["upload"]
    target = join(directory, upload_file.name)
    overwrite = form.cleaned_data["overwrite"]
    ok, _result = call_api(
        request, ctx, action="files.upload", target=target, form=form,
        detail={"size": upload_file.size, "overwrite": overwrite},
        call=lambda: services.upload_file(ctx.connection, ctx.site.id, directory=directory, upload=upload_file,
                                          overwrite=overwrite),
        success_message=_("Uploaded %(path)s.") % {"path": target},
        explain_error=lambda error: services.explain_existing_entry(
            ctx.connection, ctx.site.id, target, upload_is_text=services.is_text_upload(upload_file)),
    )
    if ok:
        return _browse_redirect(ctx, directory)
    return _render_browse(request, ctx, _browse_form_for(directory), upload_form=form, status=400)


@login_required
@require_POST
def create(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.NewEntryForm(request.POST)
    valid = form.is_valid()
    if "directory" in form.errors:
        return _reject_path(request, ctx, form, "directory")

    directory = form.cleaned_data["directory"]
    if not valid:
        return _render_browse(request, ctx, _browse_form_for(directory), new_form=form, status=400)

    name = form.cleaned_data["name"]
    target = join(directory, name)
    if form.cleaned_data["kind"] == forms.NewEntryForm.KIND_FOLDER:
        action, call = "files.create_folder", lambda: services.create_folder(
            ctx.connection, ctx.site.id, directory=directory, name=name)
        message = _("Created the folder %(path)s.") % {"path": target}
    else:
        action, call = "files.create_file", lambda: services.create_file(
            ctx.connection, ctx.site.id, directory=directory, name=name)
        message = _("Created the empty file %(path)s.") % {"path": target}

    ok, _result = call_api(
        request, ctx, action=action, target=target, call=call, form=form, success_message=message,
        explain_error=lambda error: services.explain_existing_entry(ctx.connection, ctx.site.id, target),
    )
    if ok:
        return _browse_redirect(ctx, directory)
    return _render_browse(request, ctx, _browse_form_for(directory), new_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, connection_pk, site_id):
    """GET shows the confirmation; POST with the confirmation ticked deletes."""
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    if request.method == "GET":
        check = forms.EntryForm(request.GET)
        if not check.is_valid():
            return _reject_path(request, ctx, check, "path")
        target = check.cleaned_data["path"]
        return _render_confirm(request, ctx, forms.DeleteForm(initial={"path": target}), target)

    form = forms.DeleteForm(request.POST)
    valid = form.is_valid()
    if "path" in form.errors:
        return _reject_path(request, ctx, form, "path")
    target = form.cleaned_data["path"]
    if not valid:
        return _render_confirm(request, ctx, form, target, status=400)

    ok, _result = call_api(
        request, ctx, action="files.delete", target=target, form=form,
        call=lambda: services.delete_entry(ctx.connection, ctx.site.id, target),
        success_message=_("Deleted %(path)s.") % {"path": target},
    )
    if ok:
        return _browse_redirect(ctx, parent_of(target))
    return _render_confirm(request, ctx, form, target, status=400)


def _render_confirm(request, ctx, form, target, *, status=200):
    context = {"form": form, "target": target, "directory": parent_of(target), "crumbs": breadcrumbs(target)}
    return render_tab(request, ctx, "files", CONFIRM_TEMPLATE, context, status=status)


@login_required
@require_POST
def chmod(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.ChmodForm(request.POST)
    valid = form.is_valid()
    if "path" in form.errors:
        return _reject_path(request, ctx, form, "path")

    target = form.cleaned_data["path"]
    if not valid:
        return _render_entry(request, ctx, target, chmod_form=form, status=400)

    permissions = form.cleaned_data["permissions"]
    ok, _result = call_api(
        request, ctx, action="files.chmod", target=target, form=form, detail={"permissions": permissions},
        call=lambda: services.change_permissions(ctx.connection, ctx.site.id, path=target, permissions=permissions),
        success_message=_("Set the permissions of %(path)s to %(mode)s.") % {"path": target, "mode": permissions},
    )
    if ok:
        return _entry_redirect(ctx, target)
    return _render_entry(request, ctx, target, chmod_form=form, status=400)


@login_required
@require_POST
def compress(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.CompressForm(request.POST)
    valid = form.is_valid()
    if "directory" in form.errors:
        return _reject_path(request, ctx, form, "directory")

    directory = form.cleaned_data["directory"]
    if not valid:
        return _render_browse(request, ctx, _browse_form_for(directory), compress_form=form, status=400)

    data = form.cleaned_data
    ok, result = call_api(
        request, ctx, action="files.compress", target=data["destfiles"], form=form,
        detail={"sourcefiles": data["sourcefiles"], "compress_type": data["compress_type"]},
        call=lambda: services.compress(ctx.connection, ctx.site.id, sourcefiles=data["sourcefiles"],
                                       destfiles=data["destfiles"], compress_type=data["compress_type"]),
    )
    if ok:
        count = len(data["sourcefiles"])
        archive = services.archive_path(result, data["destfiles"], data["compress_type"])
        messages.success(request, ngettext("Compressed %(count)s item into %(path)s.",
                                           "Compressed %(count)s items into %(path)s.", count)
                         % {"count": count, "path": archive})
        return _browse_redirect(ctx, directory)
    return _render_browse(request, ctx, _browse_form_for(directory), compress_form=form, status=400)


@login_required
@require_POST
def extract(request, connection_pk, site_id):
    try:
        ctx = _member_site(request, connection_pk, site_id)
    except UpstreamUnavailable as unavailable:
        return unavailable.response

    form = forms.ExtractForm(request.POST)
    valid = form.is_valid()
    for field in ("path", "destination"):
        if field in form.errors:
            return _reject_path(request, ctx, form, field)

    target = form.cleaned_data["path"]
    if not valid:
        return _render_entry(request, ctx, target, extract_form=form, status=400)

    destination = form.cleaned_data["destination"]
    ok, _result = call_api(
        request, ctx, action="files.extract", target=target, form=form, detail={"destination": destination},
        call=lambda: services.extract(ctx.connection, ctx.site.id, path=target, destination=destination),
        success_message=_("Extracted %(path)s into %(destination)s.") % {"path": target, "destination": destination},
    )
    if ok:
        return _browse_redirect(ctx, destination)
    return _render_entry(request, ctx, target, extract_form=form, status=400)


urlpatterns = [
    path("files/", browse, name="ws_files"),
    path("files/entry/", entry, name="ws_files_entry"),
    path("files/download/", download, name="ws_files_download"),
    path("files/save/", save, name="ws_files_save"),
    path("files/upload/", upload, name="ws_files_upload"),
    path("files/new/", create, name="ws_files_create"),
    path("files/delete/", delete, name="ws_files_delete"),
    path("files/chmod/", chmod, name="ws_files_chmod"),
    path("files/compress/", compress, name="ws_files_compress"),
    path("files/extract/", extract, name="ws_files_extract"),
]
