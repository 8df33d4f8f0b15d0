"""Reads: schedules and deliveries from the database, and report content from the Rocket.net API."""

import datetime as dt
import logging
from dataclasses import replace

from django.db.models import Prefetch
from django.utils import timezone

from accounts.services import client_for
from reporting.content import ReportContent, backups_in_period, site_row
from reporting.models import DeliveryStatus, ReportDelivery, ReportSchedule
from reporting.scheduling import Period
from rocketnet.errors import RocketNetError
from rocketnet.services import backups as backup_service
from rocketnet.services import sites as site_service

logger = logging.getLogger(__name__)

RECENT_DELIVERIES = 5


def schedules_for_team(team) -> list[ReportSchedule]:
    """Return the team's schedules with their connection and up to RECENT_DELIVERIES recent deliveries each."""
    schedules = list(
        ReportSchedule.objects.filter(team=team)
        .select_related("connection")
        .prefetch_related(Prefetch("deliveries", queryset=ReportDelivery.objects.order_by("-created_at", "-pk")))
    )
    for schedule in schedules:
        schedule.recent_deliveries = list(schedule.deliveries.all()[:RECENT_DELIVERIES])
    return schedules


def due_schedules(now: dt.datetime) -> list[tuple[int, dt.datetime]]:
    """Return (id, next_send_at) of enabled schedules due at `now`, oldest due first."""
    return list(
        ReportSchedule.objects.filter(enabled=True, next_send_at__lte=now)
        .order_by("next_send_at", "pk")
        .values_list("pk", "next_send_at")
    )


def stuck_deliveries(now: dt.datetime, older_than: dt.timedelta) -> list[int]:
    """Return ids of deliveries left in 'sending' since before `now - older_than`."""
    return list(
        ReportDelivery.objects.filter(status=DeliveryStatus.SENDING, updated_at__lt=now - older_than)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def stale_queued_deliveries(now: dt.datetime, older_than: dt.timedelta) -> list[int]:
    """Return ids of deliveries still queued since before `now - older_than`, whose task may be lost."""
    return list(
        ReportDelivery.objects.filter(status=DeliveryStatus.QUEUED, updated_at__lt=now - older_than)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def collect_report_content(schedule: ReportSchedule, period: Period) -> ReportContent:
    """Read the connection's sites and their backups in `period` from the Rocket.net API.

    A RocketNetError does not propagate: a failed site list leaves `api_error` set and no sites,
    and a failed backup list marks only that site, so the report can still be sent.
    """
    connection = schedule.connection
    content = ReportContent(
        connection_label=connection.label,
        client_name=connection.client_name,
        period_start=period.start,
        period_end=period.end,
        generated_at=timezone.now(),
    )

    try:
        with client_for(connection) as client:
            sites = site_service.list_sites(client)
            rows = [_site_with_backups(client, site, period) for site in sites]
    except RocketNetError as error:
        logger.warning("Report for schedule %s: site list of connection %s failed: %s", schedule.pk, connection.pk, error)
        return replace(content, api_error=str(error))

    return replace(content, sites=rows)


def _site_with_backups(client, site, period):
    try:
        backups = backup_service.list_backups(client, site.id)
    except RocketNetError as error:
        logger.warning("Report: backup list of site %s failed: %s", site.id, error)
        return site_row(site, [], backups_error=str(error))

    return site_row(site, backups_in_period(backups, period.start, period.end, site_id=site.id))

