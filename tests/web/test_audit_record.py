"""accounts.audit.record_action: what one audit row keeps."""

import pytest

from accounts.audit import record_action
from accounts.models import AuditEvent, AuditResult


@pytest.mark.django_db
def test_secret_like_detail_values_hidden(team, owner, connection_one):
    record_action(team=team, user=owner, action="ftp.create", result=AuditResult.SUCCEEDED,
                  connection=connection_one, site_id=1001, site_label="Bright Bakery", target="deploy",
                  detail={"username": "deploy", "password": "hunter2-secret", "api_token": "abc", "quota": 10})

    event = AuditEvent.objects.get()
    assert event.detail == {"username": "deploy", "password": "(hidden)", "api_token": "(hidden)", "quota": 10}
    assert event.actor_email == owner.email
    assert event.connection_label == connection_one.label
    assert event.site_label == "Bright Bakery"


@pytest.mark.django_db
def test_unknown_result_rejected(team, owner):
    with pytest.raises(ValueError):
        record_action(team=team, user=owner, action="cache.purge", result="maybe")

    assert not AuditEvent.objects.exists()
