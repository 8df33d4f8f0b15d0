"""Reads: schedules and deliveries from the database, and report content from the Rocket.net API."""

import datetime as dt
import logging
from dataclasses import dataclass, replace

from django.db.models import Prefetch
from django.utils import timezone

from accounts.services import client_for
from reporting.content import ReportContent, backups_in_period, site_row
from accounts.models import Membership, Role
from reporting.models import DeliveryStatus, ReportDelivery, ReportSchedule, Unsubscribe
from reporting.report_data import add_report_data, changes_in_period, failed_jobs_in_period
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
        .prefetch_related(
            Prefetch("deliveries", queryset=ReportDelivery.objects.order_by("-created_at", "-pk")),
            "deliveries__recipient_rows",
            "member_recipients",
            "unsubscribes",
        )
    )
    roles = dict(Membership.objects.filter(team=team).values_list("user_id", "role"))
    for schedule in schedules:
        schedule.recent_deliveries = list(schedule.deliveries.all()[:RECENT_DELIVERIES])
        schedule.member_rows = [(user, Role(roles[user.pk]).label if user.pk in roles else "")
                                for user in schedule.member_recipients.all()]
        schedule.external_rows = external_rows(schedule, schedule.unsubscribes.all())
    return schedules


@dataclass(frozen=True)
class ExternalRow:
    """An external recipient as the schedule list shows it; `unsubscribed_at` is None while subscribed."""

    email: str
    unsubscribed_at: dt.datetime | None


def external_rows(schedule: ReportSchedule, unsubscribes) -> list[ExternalRow]:
    left = {entry.email.lower(): entry.created_at for entry in unsubscribes}
    return [ExternalRow(address, left.get(address.lower())) for address in schedule.recipients]


def unsubscribes_of(schedule: ReportSchedule) -> list[Unsubscribe]:
    """Return the schedule's unsubscribed addresses, oldest first."""
    return list(schedule.unsubscribes.order_by("created_at", "pk"))


@dataclass(frozen=True)
class Recipient:
    email: str
    external: bool


def current_recipients(schedule: ReportSchedule) -> list[Recipient]:
    """Return who gets the schedule's next email: team members first, then external addresses.

    External addresses that used their unsubscribe link are left out, and an address that is
    both a member's and an external one is listed once, as a member.
    """
    members = [
        Recipient(email=user.email, external=False)
        for user in schedule.member_recipients.filter(memberships__team_id=schedule.team_id).order_by("email")
    ]
    unsubscribed = {email.lower() for email in schedule.unsubscribes.values_list("email", flat=True)}
    seen = {recipient.email.lower() for recipient in members}

    externals = []
    for address in schedule.recipients:
        if address.lower() in seen or address.lower() in unsubscribed:
            continue
        seen.add(address.lower())
        externals.append(Recipient(email=address, external=True))
    return members + externals


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
            if schedule.site_ids:
                sites = [site for site in sites if site.id in schedule.site_ids]
            rows = [_site_with_backups(client, site, period) for site in sites]
            content = replace(content, sites=rows)
            return add_report_data(content, schedule, client, sites, period)
    except RocketNetError as error:
        logger.warning("Report for schedule %s: site list of connection %s failed: %s", schedule.pk, connection.pk, error)
        return replace(content, api_error=str(error), changes=changes_in_period(schedule, period, schedule.site_ids),
                       failed_jobs=failed_jobs_in_period(schedule, period))


def _site_with_backups(client, site, period):
    try:
        backups = backup_service.list_backups(client, site.id)
    except RocketNetError as error:
        logger.warning("Report: backup list of site %s failed: %s", site.id, error)
        return site_row(site, [], backups_error=str(error))

    return site_row(site, backups_in_period(backups, period.start, period.end, site_id=site.id))

