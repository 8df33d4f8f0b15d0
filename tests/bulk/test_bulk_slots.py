"""Upstream slots belong to a Rocket.net account (API base URL and login email), not to a connection."""

import pytest

from accounts.models import Connection
from bulk_helpers import current_items, fleet_targets
from sites.bulk import services, slots
from sites.bulk.models import BulkAction, BulkItem, ItemStatus, UpstreamSlot
from sites.bulk.services import SiteTarget
from tests.conftest import AGENCY_ONE, make_connection

CAP = 2


def account_key(url, email):
    return Connection(api_base_url=url, email=email).account_key


def test_account_key_ignores_url_and_email_spelling():
    expected = account_key("https://api.rocket.net/v1", "agency@example.com")

    assert account_key("https://API.Rocket.NET/v1/", "agency@example.com") == expected
    assert account_key("HTTPS://api.rocket.net:443/v1", "agency@example.com") == expected
    assert account_key("https://api.rocket.net/v1?page=2#top", "agency@example.com") == expected
    assert account_key("https://api.rocket.net/v1", "Agency@Example.COM") == expected
    assert account_key("https://api.rocket.net/v1", " agency@example.com ") == expected


def test_account_key_tells_accounts_apart():
    expected = account_key("https://api.rocket.net/v1", "agency@example.com")

    assert account_key("https://api.rocket.net/v1", "other@example.com") != expected
    assert account_key("https://api.rocket.net/v2", "agency@example.com") != expected
    assert account_key("https://api.rocket.net/V1", "agency@example.com") != expected
    assert account_key("https://api.rocket.net:8443/v1", "agency@example.com") != expected
    assert account_key("http://api.rocket.net/v1", "agency@example.com") != expected
    assert account_key("https://staging.rocket.net/v1", "agency@example.com") != expected


def test_account_key_is_a_hash_without_the_email():
    key = account_key("https://api.rocket.net/v1", "agency@example.com")

    assert len(key) == 64
    assert set(key) <= set("0123456789abcdef")
    assert "agency" not in key


def create_job(team, owner, targets):
    return services.create_bulk_job(team=team, user=owner, action=BulkAction.PURGE_CACHE, params={},
                                    targets=targets)


def targets_of(connection, targets):
    return [target for target in targets if target.connection_id == connection.pk]


@pytest.mark.django_db(transaction=True)
def test_two_teams_share_one_account_cap(team, owner, connection_one, outsider, outsider_connection, sandbox,
                                         settings):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    ours = current_items(create_job(team, owner, fleet_targets(team)))
    theirs = current_items(create_job(outsider_connection.team, outsider, fleet_targets(outsider_connection.team)))

    assert connection_one.account_key == outsider_connection.account_key
    assert slots.claim_slot(ours[0]) is not None
    assert slots.claim_slot(theirs[0]) is not None
    assert slots.claim_slot(ours[1]) is None
    assert slots.claim_slot(theirs[1]) is None
    assert UpstreamSlot.objects.count() == CAP
    assert set(UpstreamSlot.objects.values_list("account_key", flat=True)) == {connection_one.account_key}
    assert services.items_to_start(connection_one.pk) == []
    assert services.items_to_start(outsider_connection.pk) == []


@pytest.mark.django_db(transaction=True)
def test_items_to_start_covers_whole_account(team, owner, connection_one, outsider, outsider_connection,
                                             sandbox, settings):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    ours = current_items(create_job(team, owner, fleet_targets(team)))
    theirs = current_items(create_job(outsider_connection.team, outsider, fleet_targets(outsider_connection.team)))
    claimed_slot = slots.claim_slot(ours[0])
    BulkItem.objects.filter(pk=ours[0].pk).update(status=ItemStatus.RUNNING)

    # One slot is free, and it goes to the oldest job's next item, whichever connection of the account is dispatched.
    assert services.items_to_start(outsider_connection.pk) == [ours[1].pk]
    assert services.items_to_start(connection_one.pk) == [ours[1].pk]
    assert services.connections_with_ready_items() == [min(connection_one.pk, outsider_connection.pk)]

    slots.release_slot(claimed_slot)
    BulkItem.objects.filter(bulk_job=ours[0].bulk_job).update(status=ItemStatus.CANCELLED)

    assert services.items_to_start(connection_one.pk) == [theirs[0].pk, theirs[1].pk]
    assert services.connections_with_ready_items() == [outsider_connection.pk]


@pytest.mark.django_db(transaction=True)
def test_other_email_or_url_gets_own_slots(team, owner, connection_one, connection_two, sandbox, settings):
    settings.ROCKETNET_MAX_CONCURRENCY_PER_ACCOUNT = CAP
    targets = fleet_targets(team)
    # The same login at another path of the same host is another API, so another account. The
    # sandbox serves no API there, and that does not matter because claiming a slot calls no API.
    elsewhere = make_connection(team, "Client One elsewhere", f"{sandbox.url}/other", email=AGENCY_ONE)
    targets_elsewhere = [SiteTarget(elsewhere.pk, target.site_id, target.site_label)
                         for target in targets_of(connection_one, targets)]
    connections = [connection_one, connection_two, elsewhere]
    items = {
        connection_one.pk: current_items(create_job(team, owner, targets_of(connection_one, targets))),
        connection_two.pk: current_items(create_job(team, owner, targets_of(connection_two, targets))),
        elsewhere.pk: current_items(create_job(team, owner, targets_elsewhere)),
    }

    for connection in connections:
        first, second, third, *_rest = items[connection.pk]
        assert slots.claim_slot(first) is not None, connection.label
        assert slots.claim_slot(second) is not None, connection.label
        assert slots.claim_slot(third) is None, connection.label

    assert UpstreamSlot.objects.filter(holder__isnull=False).count() == CAP * len(connections)
    assert len({connection.account_key for connection in connections}) == len(connections)
    assert sorted(services.connections_with_ready_items()) == sorted(connection.pk for connection in connections)
