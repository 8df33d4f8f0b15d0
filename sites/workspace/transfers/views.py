"""The site transfers tab: offer this site to another Rocket.net account, cancel an open offer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from sites.workspace.context import call_api, load_site, render_tab
from sites.workspace.transfers import services
from sites.workspace.transfers.forms import StartTransferForm, TransferIdForm

TEMPLATE = "sites/workspace/transfers.html"


def _render(request, ctx, *, start_form=None, cancel_form=None, status=200):
    context = {
        "transfers": services.known_transfers(request.team, ctx.site_id),
        "start_form": start_form or StartTransferForm(own_email=ctx.connection.email),
        "cancel_form": cancel_form or TransferIdForm(),
    }
    return render_tab(request, ctx, "transfers", TEMPLATE, context, status=status)


def run_transfer_call(call, detail):
    """Return a function for call_api that runs `call` and adds the transfer's id and state to `detail`.

    call_api writes the audit row after the call returns, so the row records what Rocket.net
    returned, which is the only record of the transfer's state.
    """
    def run():
        result = call()
        detail.update({key: value for key, value in services.summary(result).items() if value})
        return result

    return run


@login_required
@require_GET
def transfers_tab(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id)

    return _render(request, ctx)


@login_required
@require_POST
def start(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = StartTransferForm(request.POST, own_email=ctx.connection.email)
    if not form.is_valid():
        return _render(request, ctx, start_form=form, status=400)

    email = form.cleaned_data["email"]
    detail = {"to_email": email}
    ok, result = call_api(
        request, ctx, action="transfers.start", target=email, detail=detail, form=form,
        call=run_transfer_call(lambda: services.start(ctx.connection, ctx.site_id, email), detail),
    )
    if not ok:
        return _render(request, ctx, start_form=form, status=400)

    transfer_id = services.summary(result)["transfer_id"]
    return _back_with_success(request, ctx, _(
        "Transfer %(id)s started: %(email)s can now accept or reject it. Rocket.net emailed them the ID."
    ) % {"id": transfer_id, "email": email})


def _back_with_success(request, ctx, text):
    messages.success(request, text)
    return redirect("sites:ws_transfers", connection_pk=ctx.connection.pk, site_id=ctx.site_id)


@login_required
@require_POST
def cancel(request, connection_pk, site_id):
    ctx = load_site(request, connection_pk, site_id, role=Role.MEMBER)

    form = TransferIdForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, cancel_form=form, status=400)

    transfer_id = form.cleaned_data["transfer_id"]
    detail = {"transfer_id": transfer_id}
    ok, _result = call_api(
        request, ctx, action="transfers.cancel", target=transfer_id, detail=detail, form=form,
        call=run_transfer_call(lambda: services.cancel(ctx.connection, ctx.site_id, transfer_id), detail),
    )
    if not ok:
        return _render(request, ctx, cancel_form=form, status=400)
    return _back_with_success(request, ctx, _("Transfer %(id)s cancelled; the site stays in this account.")
                                % {"id": transfer_id})


urlpatterns = [
    path("transfers/", transfers_tab, name="ws_transfers"),
    path("transfers/start/", start, name="ws_transfers_start"),
    path("transfers/cancel/", cancel, name="ws_transfers_cancel"),
]
