"""The Celery side of bulk jobs: which messages are sent, with ids only."""

import uuid

import pytest
from celery.signals import before_task_publish

from bulk_helpers import current_items, fleet_targets
from sites.bulk import services, tasks
from sites.bulk.models import BulkAction, BulkItem, ItemStatus
from tests.conftest import SANDBOX_PASSWORD

CAP = 2


@pytest.fixture
def published():
    """Collect (task name, args, kwargs) of every task message sent during the test."""
    messages = []

    def record(sender=None, body=None, **_kwargs):
        args, kwargs, _embed = body
        messages.append((sender, list(args), kwargs))

    # A strong reference: when a weak receiver dies, Celery's signal replaces its receiver list, and the
    # task sender keeps reading the old list, so no later test would get messages.
    uid = f"bulk-tests-{uuid.uuid4()}"
    before_task_publish.connect(record, weak=False, dispatch_uid=uid)
    yield messages
    before_task_publish.disconnect(dispatch_uid=uid)


def test_create_dispatches_each_connection(team, owner, connection_one, connection_two, sandbox, published,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                 targets=fleet_targets(team))

    assert sorted(published) == sorted([
        ("sites.bulk.dispatch_connection", [connection_one.pk], {}),
        ("sites.bulk.dispatch_connection", [connection_two.pk], {}),
    ])


def test_dispatch_sends_one_item_per_free_slot(team, owner, connection_one, sandbox, published, settings):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                   targets=fleet_targets(team))
    first, second, *_rest = current_items(job)

    sent = tasks.dispatch_connection(connection_one.pk)

    assert sent == CAP
    assert published == [("sites.bulk.run_item", [first.pk], {}), ("sites.bulk.run_item", [second.pk], {})]


def test_finished_item_dispatches_again(team, owner, connection_one, sandbox, published):
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                   targets=fleet_targets(team)[:2])
    first = current_items(job)[0]

    tasks.run_item(first.pk)

    assert BulkItem.objects.get(pk=first.pk).status == ItemStatus.SUCCEEDED
    assert published == [("sites.bulk.dispatch_connection", [connection_one.pk], {})]


def test_waiting_item_schedules_dispatch(team, owner, connection_one, sandbox, published):
    from bulk_helpers import lock_by_running_task

    target = fleet_targets(team)[0]
    lock_by_running_task(sandbox, target.site_id, seconds=60)
    job = services.create_bulk_job(team=team, user=owner, action=BulkAction.UPDATE_PLUGINS,
                                   params={"slugs": []}, targets=[target])

    tasks.run_item(current_items(job)[0].pk)

    assert [name for name, _args, _kwargs in published] == ["sites.bulk.dispatch_connection"] * 2
    assert all(args == [connection_one.pk] for _name, args, _kwargs in published)


def test_messages_carry_no_secret(team, owner, connection_one, sandbox, published,
                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                       targets=fleet_targets(team)[:1])
    tasks.dispatch_connection(connection_one.pk)
    tasks.run_item(current_items(job)[0].pk)

    assert published
    assert SANDBOX_PASSWORD not in repr(published)
    assert all(all(isinstance(arg, int) for arg in args) for _name, args, _kwargs in published)


def test_beat_entry_names_registered_task(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["dispatch-bulk-items"]
    assert entry["task"] == "sites.bulk.dispatch_waiting_items"
    assert entry["task"] in app.tasks
