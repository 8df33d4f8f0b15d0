"""A workspace tab whose Rocket.net API cannot be reached returns the 502 page, through the middleware."""

import pytest
from django.urls import reverse

from accounts.models import Connection


@pytest.mark.django_db
def test_unreachable_api_gives_502_page(browser_for, connection_one):
    Connection.objects.filter(pk=connection_one.pk).update(api_base_url="http://127.0.0.1:9")

    response = browser_for("member").get(reverse("sites:ws_cache", args=[connection_one.pk, 1001]))

    assert response.status_code == 502
    assert connection_one.label in response.content.decode()
