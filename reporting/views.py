import base64
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import access
from accounts.audit import record_action
from accounts.models import AuditResult, Role
from reporting import emails, scheduling, selectors, services, unsubscribe
from reporting.forms import ReportScheduleForm
from reporting.models import ReportSchedule
from sites.selectors import get_fleet

logger = logging.getLogger(__name__)


def _get_schedule(request, pk, role=Role.VIEWER):
    return access.get_team_object(request, ReportSchedule.objects.select_related("connection"), pk, role=role)


@login_required
@require_GET
def schedule_list(request):
    team = access.get_current_team(request)
    context = {
        "schedules": selectors.schedules_for_team(team),
        "can_edit": request.membership.has_role(Role.MEMBER),
    }
    return render(request, "reporting/schedule_list.html", context)


def _site_choices(team):
    """Return (connection_pk, site_id, label) for every site of the team, from the fleet list (cached briefly)."""
    fleet = get_fleet(team)
    return [
        (row.connection_id, row.site_id, f"{row.connection_label}: {row.label or row.domain or row.site_id}")
        for row in sorted(fleet.rows, key=lambda row: (row.connection_label, row.label or ""))
    ]


def _audit(request, schedule, action, *, target="", detail=None):
    record_action(team=request.team, user=request.user, action=action, result=AuditResult.SUCCEEDED,
                  connection=schedule.connection, target=target or _schedule_target(schedule),
                  detail={"schedule": schedule.pk, **(detail or {})})


def _schedule_target(schedule):
    # The connection label and number read the same in every language, and the action label names the rest.
    return f"{schedule.connection.label} #{schedule.pk}"


def _logo_src(schedule):
    """Return the stored logo as a data: URL for the edit form, or "" when none is stored."""
    if schedule is None or not schedule.brand_logo_png:
        return ""
    return "data:image/png;base64," + base64.b64encode(bytes(schedule.brand_logo_png)).decode()


def _render_form(request, form, schedule=None, status=200):
    context = {
        "form": form,
        "schedule": schedule,
        "timezones": ReportScheduleForm.timezone_choices(),
        "unsubscribes": selectors.unsubscribes_of(schedule) if schedule else [],
        "logo_src": _logo_src(schedule),
    }
    return render(request, "reporting/schedule_form.html", context, status=status)


def _save_form(request, form, schedule=None):
    if not form.is_valid():
        return _render_form(request, form, schedule, status=400)

    saved = form.save(commit=False)
    if saved.created_by_id is None:
        saved.created_by = request.user
    saved.site_url = request.build_absolute_uri("/").rstrip("/")
    services.save_schedule(saved)
    form.save_m2m()
    _audit(request, saved, "reports.update_schedule" if schedule else "reports.create_schedule",
           detail={"changed": form.changed_data})

    messages.success(request, _("Report schedule for %(label)s saved.") % {"label": saved.connection.label})
    return redirect("reporting:list")


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request):
    team = access.get_current_team(request)
    access.require_role(request, Role.MEMBER)

    if request.method == "POST":
        form = ReportScheduleForm(request.POST, request.FILES, team=team, site_choices=_site_choices(team))
        return _save_form(request, form)

    initial = {"timezone": timezone.get_current_timezone_name(), "language": request.LANGUAGE_CODE}
    return _render_form(request, ReportScheduleForm(team=team, initial=initial, site_choices=_site_choices(team)))


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request, pk):
    schedule = _get_schedule(request, pk, role=Role.MEMBER)

    if request.method == "POST":
        form = ReportScheduleForm(request.POST, request.FILES, instance=schedule, team=request.team,
                                  site_choices=_site_choices(request.team))
        return _save_form(request, form, schedule)
    form = ReportScheduleForm(instance=schedule, team=request.team, site_choices=_site_choices(request.team))
    return _render_form(request, form, schedule)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_delete(request, pk):
    schedule = _get_schedule(request, pk, role=Role.MEMBER)

    if request.method == "POST":
        # Written before the delete, while the schedule's id and connection still exist.
        _audit(request, schedule, "reports.delete_schedule")
        services.delete_schedule(schedule)
        messages.success(request, _("Report schedule for %(label)s deleted.") % {"label": schedule.connection.label})
        return redirect("reporting:list")
    return render(request, "reporting/schedule_confirm_delete.html", {"schedule": schedule})


@login_required
@require_POST
def schedule_send_now(request, pk):
    schedule = _get_schedule(request, pk, role=Role.MEMBER)

    delivery = services.request_manual_delivery(schedule, request.user)
    _audit(request, schedule, "reports.send_now", detail={"delivery": delivery.pk, "recipients": len(delivery.recipients)})

    count = len(delivery.recipients)
    message = ngettext(
        "The report for %(label)s is queued and will be sent to %(count)s recipient shortly.",
        "The report for %(label)s is queued and will be sent to %(count)s recipients shortly.",
        count,
    )
    messages.success(request, message % {"label": schedule.connection.label, "count": count})
    return redirect("reporting:list")


# Stands in for a recipient's signed token in the preview, so the preview shows the unsubscribe
# footer without giving a working link to the team member viewing it. The view rejects it as invalid.
PREVIEW_TOKEN = "preview"


def _preview(request, pk):
    """Return the schedule and its report for the period ending now, rendered as an external recipient gets it."""
    schedule = _get_schedule(request, pk)
    period = scheduling.manual_period(timezone.now(), schedule.zone, "preview", schedule.frequency)
    content = selectors.collect_report_content(schedule, period)

    link = ""
    if schedule.recipients:
        link = request.build_absolute_uri(reverse("reporting:unsubscribe", args=[PREVIEW_TOKEN]))
    return schedule, emails.render_report(schedule, content, unsubscribe_url=link)


@login_required
@require_GET
def schedule_preview(request, pk):
    schedule, rendered = _preview(request, pk)
    return render(request, "reporting/schedule_preview.html", {"schedule": schedule, "rendered": rendered})


@login_required
@require_GET
def schedule_preview_html(request, pk):
    """Return the email's HTML with its inline images as data: URLs, so a browser shows the same pictures."""
    _, rendered = _preview(request, pk)
    response = HttpResponse(rendered.html_with_data_images(), content_type="text/html; charset=utf-8")
    # The preview is shown in a sandboxed iframe; it needs no scripts and may load only its own data: images
    # and an https logo URL.
    response["Content-Security-Policy"] = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'"
    return response


@login_required
@require_GET
def schedule_preview_pdf(request, pk):
    _, rendered = _preview(request, pk)
    response = HttpResponse(rendered.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{rendered.pdf_filename}"'
    return response


@login_required
@require_GET
def schedule_preview_text(request, pk):
    _, rendered = _preview(request, pk)
    return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def schedule_resubscribe(request, pk):
    """Send the schedule's reports again to an external address that used its unsubscribe link."""
    schedule = _get_schedule(request, pk, role=Role.MEMBER)
    email = request.POST.get("email", "").strip()

    if not unsubscribe.resubscribe(schedule, email):
        messages.error(request, _("%(email)s is not unsubscribed from this report, so nothing was changed.")
                       % {"email": email})
        return redirect("reporting:edit", pk=schedule.pk)

    _audit(request, schedule, "reports.resubscribe", target=email)
    messages.success(request, _("%(email)s will receive the report for %(label)s again.")
                     % {"email": email, "label": schedule.connection.label})
    return redirect("reporting:edit", pk=schedule.pk)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """Show a confirmation page (GET) or unsubscribe (POST, also the RFC 8058 one-click POST from mail clients).

    GET never unsubscribes, because mail scanners open links. The POST needs no CSRF token or login:
    the signed token is the authority, and the only effect is to stop emails to that address.
    The page is in the report's language, which is the one the recipient reads.
    """
    found = unsubscribe.read_token(token)
    schedule = ReportSchedule.objects.select_related("connection", "team").filter(pk=found[0]).first() if found else None
    if schedule is None:
        return render(request, "reporting/unsubscribe.html", {"invalid": True}, status=404)

    email = found[1]
    done = False
    if request.method == "POST":
        if unsubscribe.unsubscribe(schedule, email):
            record_action(team=schedule.team, user=None, action="reports.unsubscribe", result=AuditResult.SUCCEEDED,
                          connection=schedule.connection, target=email, detail={"schedule": schedule.pk})
        done = True
    context = {"schedule": schedule, "email": email, "done": done, "token": token,
               "unsubscribed": unsubscribe.unsubscribed_entry(schedule.pk, email)}
    with translation.override(schedule.language):
        return render(request, "reporting/unsubscribe.html", context)
