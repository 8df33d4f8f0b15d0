"""Celery tasks for bulk jobs. They take ids only, because brokers, logs and monitors show arguments.

`dispatch_connection` sends one `run_item` per free slot of a connection's Rocket.net account,
for ready items of any connection to that account. Every item that ends dispatches its connection
again, an item that waits (locked site, transient error) schedules a dispatch for when its wait
ends, and beat runs `dispatch_waiting_items` as a safety net for lost messages. A duplicate
message is harmless: run_item acts only when it claims a slot and the item.
"""

import logging

from celery import shared_task

from sites.bulk import services

logger = logging.getLogger(__name__)


@shared_task(name="sites.bulk.dispatch_connection")
def dispatch_connection(connection_id):
    item_ids = services.items_to_start(connection_id)
    for item_id in item_ids:
        run_item.delay(item_id)
    return len(item_ids)


@shared_task(name="sites.bulk.run_item", acks_late=True)
def run_item(item_id):
    """Run one bulk item; its own waits and retries are recorded on the item, not as Celery retries."""
    report = services.run_item(item_id)
    if report.connection_id is None:
        return
    if report.retry_in is not None:
        dispatch_connection.apply_async((report.connection_id,), countdown=report.retry_in)
    if report.ran:
        dispatch_connection.delay(report.connection_id)


@shared_task(name="sites.bulk.dispatch_waiting_items")
def dispatch_waiting_items():
    """Fail stuck items, then dispatch one connection per Rocket.net account with items ready to start."""
    services.fail_stuck_items()
    connection_ids = services.connections_with_ready_items()
    for connection_id in connection_ids:
        dispatch_connection.delay(connection_id)
    return len(connection_ids)
